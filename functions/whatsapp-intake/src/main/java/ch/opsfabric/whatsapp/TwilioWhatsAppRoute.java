package ch.opsfabric.whatsapp;

import ch.opsfabric.http.RequestBody;

import ch.opsfabric.http.ApiException;
import ch.opsfabric.http.ApiRequest;
import ch.opsfabric.http.ApiResponses;
import ch.opsfabric.http.ApiRoute;
import ch.opsfabric.phone.Phone;
import ch.opsfabric.phone.PhoneNumbers;
import ch.opsfabric.tenant.Module;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.tenant.TenantDirectory;
import ch.opsfabric.webhook.FormBody;
import ch.opsfabric.webhook.WebhookGuard;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

/**
 * {@code POST /api/webhook/whatsapp/twilio}: Twilio's WhatsApp webhook, signed like its SMS
 * ({@code X-Twilio-Signature} over the public URL and the form). {@code From=whatsapp:+41…},
 * {@code Body}, {@code ProfileName}, {@code NumMedia}, {@code MediaUrl0}/{@code MediaContentType0};
 * the tenant is the one whose line {@code To} is. Into the same processing as Meta's messages;
 * answered with empty TwiML (answers go through the queue).
 */
final class TwilioWhatsAppRoute implements ApiRoute {

    private final String authToken;
    private final String publicBaseUrl;
    private final TenantDirectory tenants;
    private final WhatsAppIntake intake;
    private final Clock clock;

    TwilioWhatsAppRoute(String authToken, String publicBaseUrl, TenantDirectory tenants, WhatsAppIntake intake, Clock clock) {
        this.authToken = authToken;
        this.publicBaseUrl = publicBaseUrl;
        this.tenants = tenants;
        this.intake = intake;
        this.clock = clock;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(ApiRequest request) {
        FormBody form = RequestBody.form(request, StandardCharsets.UTF_8);
        WebhookGuard.requireTwilioSignature(request, authToken, publicBaseUrl, form);
        String from = form.value("From");
        String to = form.value("To");
        String sid = form.first("MessageSid").orElse(form.value("SmsSid"));
        if (!from.startsWith("whatsapp:") || !to.startsWith("whatsapp:") || !sid.matches("[A-Za-z0-9]{10,64}")) {
            throw ApiException.badRequest("From und To müssen whatsapp:-Nummern sein, MessageSid eine Nachrichten-ID.");
        }
        if (!(PhoneNumbers.parse(to.substring(9)) instanceof Phone.Number line)
                || !(PhoneNumbers.parse(from.substring(9)) instanceof Phone.Number sender)) {
            throw ApiException.badRequest("From und To müssen gültige Nummern sein.");
        }
        Optional<Tenant> tenant = tenants.byPhoneLine(line.e164()).filter(t -> t.has(Module.WHATSAPP));
        if (tenant.isEmpty()) {
            throw ApiException.notFound("Diese Nummer nimmt keine WhatsApp-Nachrichten an.");
        }
        int media = 0;
        try {
            media = Integer.parseInt(form.first("NumMedia").orElse("0"));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("NumMedia muss eine Zahl sein.");
        }
        InboundWhatsApp.Media file = null;
        String body = form.first("Body").orElse("").strip();
        String type = "text";
        if (media > 0) {
            String url = form.value("MediaUrl0");
            String mime = form.first("MediaContentType0").orElse("application/octet-stream");
            String id = url.substring(url.lastIndexOf('/') + 1);
            if (!id.matches("[A-Za-z0-9]{1,64}")) {
                throw ApiException.badRequest("MediaUrl0 ist keine Twilio-Medienadresse.");
            }
            file = new InboundWhatsApp.Media(id, mime, null, null, url);
            type = mime.startsWith("image/") ? "image" : mime.startsWith("audio/") ? "audio" : "document";
            body = ((mime.startsWith("image/") ? "[Foto] " : mime.startsWith("audio/") ? "[Sprachnachricht] " : "[Dokument] ")
                    + body).strip();
        }
        intake.receive(tenant.get(), new InboundWhatsApp(null, sender.e164().substring(1),
                form.first("ProfileName").orElse(null), sid, clock.instant(), type, body,
                form.first("ButtonPayload").orElse(form.first("Body").orElse("")).strip(), file));
        return ApiResponses.twiml("<Response/>");
    }
}
