package ch.opsfabric.missedcall;

import ch.opsfabric.http.RequestBody;

import static ch.opsfabric.missedcall.GenericMissedCallRoute.known;

import ch.opsfabric.app.Settings;
import ch.opsfabric.http.ApiException;
import ch.opsfabric.http.ApiRequest;
import ch.opsfabric.http.ApiResponses;
import ch.opsfabric.http.ApiRoute;
import ch.opsfabric.webhook.FormBody;
import ch.opsfabric.webhook.WebhookGuard;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * {@code POST /api/webhook/missed-call/twilio}: Twilio's {@code <Dial action>} callback after the
 * forwarded call ended. {@code DialCallStatus} says whether anybody picked up; the parent call's
 * own status is {@code completed} either way and means nothing here. Answers TwiML: a short
 * German message to a caller nobody answered.
 */
final class TwilioMissedCallRoute implements ApiRoute {

    static final Set<String> MISSED = Set.of("no-answer", "busy", "failed", "canceled");
    static final Set<String> ANSWERED = Set.of("completed", "answered");

    static final String SORRY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>"
            + "<Say language=\"de-DE\">Leider ist im Moment niemand erreichbar. Sie erhalten gleich eine SMS von uns.</Say>"
            + "<Hangup/></Response>";
    static final String HANGUP_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Hangup/></Response>";

    private final Settings settings;
    private final MissedCallRecovery recovery;

    TwilioMissedCallRoute(Settings settings, MissedCallRecovery recovery) {
        this.settings = settings;
        this.recovery = recovery;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(ApiRequest request) {
        FormBody form = RequestBody.form(request, StandardCharsets.UTF_8);
        WebhookGuard.requireTwilioSignature(request, settings.secrets().twilioAuthToken(),
                settings.publicBaseUrl(), form);
        String status = form.value("DialCallStatus");
        if (!MISSED.contains(status) && !ANSWERED.contains(status)) {
            throw ApiException.badRequest("DialCallStatus fehlt oder ist unbekannt.");
        }
        String callSid = form.value("CallSid");
        if (!callSid.matches("CA[0-9a-fA-F]{32}")) {
            throw ApiException.badRequest("CallSid fehlt oder ist ungültig.");
        }
        MissedCallRecovery.Result result = known(recovery.handle(new MissedCall("twilio", callSid, form.value("From"),
                form.first("Called").filter(s -> !s.isBlank()).orElse(form.value("To")), MISSED.contains(status))));
        boolean texted = result.outcome() == MissedCallRecovery.Outcome.MENU_SMS_QUEUED;
        return ApiResponses.twiml(texted ? SORRY_TWIML : HANGUP_TWIML);
    }

}
