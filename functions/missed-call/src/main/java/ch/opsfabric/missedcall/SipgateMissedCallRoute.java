package ch.opsfabric.missedcall;

import ch.opsfabric.http.RequestBody;

import static ch.opsfabric.missedcall.GenericMissedCallRoute.known;

import ch.opsfabric.app.Settings;
import ch.opsfabric.http.ApiException;
import ch.opsfabric.http.ApiRequest;
import ch.opsfabric.http.ApiResponses;
import ch.opsfabric.http.ApiRoute;
import ch.opsfabric.webhook.FormBody;
import ch.opsfabric.webhook.SipgateSignature;
import ch.opsfabric.webhook.WebhookGuard;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * {@code POST /api/webhook/missed-call/sipgate}: sipgate.io push events. {@code newCall} is
 * answered with a subscription to the call's {@code hangup}; a hangup of an incoming call with
 * cause {@code cancel} (caller gave up), {@code noAnswer} or {@code busy} is a missed call.
 * Signature: RSA-SHA256 over the raw body with sipgate's public key ({@link SipgateSignature}).
 */
final class SipgateMissedCallRoute implements ApiRoute {

    static final Set<String> MISSED_CAUSES = Set.of("cancel", "noAnswer", "busy");

    private final Settings settings;
    private final MissedCallRecovery recovery;
    private final SipgateSignature signature;

    SipgateMissedCallRoute(Settings settings, MissedCallRecovery recovery) {
        this.settings = settings;
        this.recovery = recovery;
        this.signature = new SipgateSignature(settings.secrets().sipgatePublicKeyPem());
    }

    @Override
    public APIGatewayV2HTTPResponse handle(ApiRequest request) {
        byte[] body = RequestBody.bytes(request, RequestBody.MAX_BYTES);
        WebhookGuard.requireSipgateSignature(request, signature, body);
        FormBody form = RequestBody.form(request, body, StandardCharsets.UTF_8);
        String event = form.value("event");
        String callId = form.first("origCallId").filter(s -> !s.isBlank()).orElse(form.value("callId"));
        if (callId.isBlank() || callId.length() > 128) {
            throw ApiException.badRequest("callId fehlt.");
        }
        if ("newCall".equals(event)) {
            String hangupUrl = settings.publicBaseUrl() + "/api/webhook/missed-call/sipgate";
            return xml("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response onHangup=\"" + hangupUrl + "\"/>");
        }
        if (!"hangup".equals(event)) {
            return xml("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>");
        }
        boolean missed = "in".equals(form.value("direction")) && MISSED_CAUSES.contains(form.value("cause"));
        known(recovery.handle(new MissedCall("sipgate", callId, international(form.value("from")),
                international(form.value("to")), missed)));
        return xml("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>");
    }

    /** sipgate writes numbers without the plus ({@code 41795550123}). */
    static String international(String number) {
        return number.matches("[1-9][0-9]{6,14}") ? "+" + number : number;
    }

    private static APIGatewayV2HTTPResponse xml(String body) {
        return ApiResponses.body(200, "application/xml", body);
    }
}
