package ch.opsfabric.emailintake;

import ch.opsfabric.http.RequestBody;

import ch.opsfabric.contact.Identifiers;
import ch.opsfabric.crypto.Hashes;
import ch.opsfabric.http.ApiException;
import ch.opsfabric.http.ApiRequest;
import ch.opsfabric.http.ApiResponses;
import ch.opsfabric.http.ApiRoute;
import ch.opsfabric.json.Json;
import ch.opsfabric.log.Log;
import ch.opsfabric.tenant.Module;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.tenant.TenantDirectory;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /api/webhook/email/postmark/{token}}: Postmark's inbound webhook. Postmark signs
 * nothing; it sends the HTTP Basic credentials written into the webhook URL, and the URL carries
 * a secret path token. Both are checked (in constant time) before the body is read; the tenant
 * comes from the plus-address ({@code MailboxHash}, {@code <hash>+<slug>@…}) or a recipient of
 * that form. A wrong credential, an unknown tenant or {@code email} switched off is 403, which
 * makes Postmark stop retrying; nothing is stored.
 */
final class PostmarkInboundRoute implements ApiRoute {

    /** What API Gateway lets through; Postmark's own limit is higher, but those never reach us. */
    static final int MAX_BYTES = 10 * 1024 * 1024;

    private final InboundCredentials credentials;
    private final TenantDirectory tenants;
    private final EmailIntake intake;

    PostmarkInboundRoute(InboundCredentials credentials, TenantDirectory tenants, EmailIntake intake) {
        this.credentials = credentials;
        this.tenants = tenants;
        this.intake = intake;
    }

    /**
     * @param username   Postmark's Basic-auth user, from Secrets Manager
     * @param password   its password
     * @param pathToken  the secret last segment of the webhook URL
     */
    record InboundCredentials(String username, String password, String pathToken) {
        @Override
        public String toString() {
            return "InboundCredentials[redacted]";
        }
    }

    @Override
    public APIGatewayV2HTTPResponse handle(ApiRequest request) {
        authenticate(request);
        InboundEmail mail;
        var json = RequestBody.jsonObject(request, RequestBody.bytes(request, MAX_BYTES));
        try {
            mail = InboundEmail.read(json);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage().startsWith("Unexpected") || e.getMessage().length() > 120
                    ? "Der Inhalt ist kein gültiges JSON." : e.getMessage());
        }
        Tenant tenant = tenantOf(mail).filter(t -> t.has(Module.EMAIL)).orElseThrow(() -> {
            Log.warn("email.no_tenant", Map.of("mailbox", mail.mailboxHash() == null ? "" : mail.mailboxHash(),
                    "recipients", mail.recipients().size()));
            return new ApiException(403, "unknown_recipient", "Für diese Adresse nimmt niemand E-Mails an.");
        });
        EmailIntake.Outcome outcome = intake.receive(tenant, mail);
        ObjectNode answer = Json.object();
        if (outcome instanceof EmailIntake.Recorded recorded) {
            answer.put("status", recorded.duplicate() ? "duplicate" : recorded.joined() ? "joined" : "created")
                    .put("ticketId", recorded.ticket().id())
                    .put("reference", recorded.ticket().reference())
                    .put("answered", recorded.answered());
        } else if (outcome instanceof EmailIntake.Ignored ignored) {
            answer.put("status", "ignored").put("reason", ignored.noise().name().toLowerCase(java.util.Locale.ROOT));
            if (ignored.ticketId() != null) {
                answer.put("ticketId", ignored.ticketId());
            }
        }
        return ApiResponses.json(200, answer);
    }

    private void authenticate(ApiRequest request) {
        String token = request.pathParameter("token").orElse("");
        boolean tokenOk = present(credentials.pathToken()) && Hashes.constantTimeEquals(credentials.pathToken(), token);
        String header = request.header("Authorization").orElse(null);
        if (header == null) {
            throw new ApiException(401, "signature_missing", "Zugangsdaten fehlen.");
        }
        String expected = "Basic " + Base64.getEncoder().encodeToString(
                (credentials.username() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8));
        boolean basicOk = present(credentials.username()) && present(credentials.password())
                && Hashes.constantTimeEquals(expected, header.strip());
        if (!tokenOk || !basicOk) {
            throw new ApiException(403, "signature_invalid", "Unbekannter Zugang.");
        }
    }

    /** {@code MailboxHash} first; else the first recipient whose plus-part names a tenant. */
    private Optional<Tenant> tenantOf(InboundEmail mail) {
        if (mail.mailboxHash() != null) {
            return tenants.bySlug(mail.mailboxHash().toLowerCase(java.util.Locale.ROOT));
        }
        for (String recipient : mail.recipients()) {
            String local = recipient.substring(0, recipient.indexOf('@'));
            int plus = local.indexOf('+');
            if (plus >= 0) {
                Optional<Tenant> tenant = tenants.bySlug(local.substring(plus + 1));
                if (tenant.isPresent()) {
                    return tenant;
                }
            }
            Optional<Tenant> configured = tenants.byInboundAddress(recipient);
            if (configured.isPresent()) {
                return configured;
            }
        }
        return Optional.empty();
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    /** For logs: which address, masked. */
    static String masked(String address) {
        return Identifiers.maskAddress(address);
    }
}
