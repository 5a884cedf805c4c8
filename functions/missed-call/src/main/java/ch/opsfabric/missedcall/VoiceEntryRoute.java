package ch.opsfabric.missedcall;

import ch.opsfabric.http.RequestBody;

import ch.opsfabric.app.Settings;
import ch.opsfabric.http.ApiException;
import ch.opsfabric.http.ApiRequest;
import ch.opsfabric.http.ApiResponses;
import ch.opsfabric.http.ApiRoute;
import ch.opsfabric.json.Json;
import ch.opsfabric.phone.Phone;
import ch.opsfabric.phone.PhoneNumbers;
import ch.opsfabric.tenant.Module;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.tenant.TenantDirectory;
import ch.opsfabric.webhook.FormBody;
import ch.opsfabric.webhook.WebhookGuard;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Twilio Voice into the digital assistant (module {@code voice_agent}); signed like every Twilio
 * route.
 * <ul>
 *   <li>{@code POST /api/webhook/voice/twilio}: the {@code <Dial action>} of a call nobody answered
 *       (no-answer, busy, failed; or every call with {@code voiceAgent.everyCall}) answers
 *       {@code <Connect action><ConversationRelay …/></Connect>}: German (de-CH), 0 detected, and a
 *       greeting that says it is the business's digital assistant, that the call is transcribed and
 *       not recorded, and that 0 reaches a person. No {@code <Record>}, no recording callbacks.
 *       Module off or the call answered: today's missed-call path, unchanged.</li>
 *   <li>{@code POST /api/webhook/voice/twilio/after}: the {@code <Connect action>} when the session
 *       ended. A caller who pressed 0 or asked for a person is dialled through to the tenant's
 *       forwarding number, whose own {@code <Dial action>} is the missed-call route: nobody
 *       there, the SMS menu. Otherwise the call ends.</li>
 * </ul>
 */
final class VoiceEntryRoute implements ApiRoute {

    private final Settings settings;
    private final TenantDirectory tenants;
    private final TwilioMissedCallRoute missedCall;
    private final String socketUrl;

    /** @param socketUrl the {@code wss://} URL of the ConversationRelay socket */
    VoiceEntryRoute(Settings settings, TenantDirectory tenants, TwilioMissedCallRoute missedCall, String socketUrl) {
        this.settings = settings;
        this.tenants = tenants;
        this.missedCall = missedCall;
        this.socketUrl = socketUrl;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(ApiRequest request) {
        FormBody form = RequestBody.form(request, StandardCharsets.UTF_8);
        WebhookGuard.requireTwilioSignature(request, settings.secrets().twilioAuthToken(), settings.publicBaseUrl(), form);
        String called = form.first("Called").filter(s -> !s.isBlank()).orElse(form.value("To"));
        Optional<Tenant> tenant = PhoneNumbers.parse(called) instanceof Phone.Number line
                ? tenants.byPhoneLine(line.e164()).filter(t -> t.has(Module.VOICE_AGENT)) : Optional.empty();
        if (request.event().getRawPath().endsWith("/after")) {
            return after(form, tenant);
        }
        String status = form.first("DialCallStatus").orElse("");
        boolean everyCall = tenant.map(t -> t.config().document().path("voiceAgent").path("everyCall").asBoolean(false))
                .orElse(false);
        if (tenant.isEmpty() || !(everyCall || TwilioMissedCallRoute.MISSED.contains(status))) {
            return missedCall.handle(request);
        }
        String action = settings.publicBaseUrl() + "/api/webhook/voice/twilio/after";
        return ApiResponses.twiml("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Connect action=\"" + xml(action)
                + "\"><ConversationRelay url=\"" + xml(socketUrl) + "\" language=\"de-CH\" dtmfDetection=\"true\" "
                + "interruptible=\"true\" welcomeGreeting=\"" + xml(ch.opsfabric.voice.VoiceGreeting.of(tenant.get())) + "\"/></Connect></Response>");
    }

    private APIGatewayV2HTTPResponse after(FormBody form, Optional<Tenant> tenant) {
        String reason;
        try {
            JsonNode handoff = Json.parse(form.first("HandoffData").orElse("{}"));
            reason = handoff.path("reason").asText("");
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("HandoffData ist kein JSON.");
        }
        boolean toPerson = reason.equals("caller_pressed_0") || reason.equals("caller_asked_for_person");
        String forwardTo = tenant.map(t -> t.config().document().path("voiceAgent").path("forwardTo")
                .asText(t.config().ownerMobile() == null ? "" : t.config().ownerMobile())).orElse("");
        if (!toPerson || !(PhoneNumbers.parse(forwardTo) instanceof Phone.Number number)) {
            return ApiResponses.twiml(TwilioMissedCallRoute.HANGUP_TWIML);
        }
        return ApiResponses.twiml("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Say language=\"de-DE\">"
                + "Einen Moment bitte, ich verbinde Sie.</Say><Dial timeout=\"20\" action=\""
                + xml(settings.publicBaseUrl() + "/api/webhook/missed-call/twilio") + "\">" + number.e164()
                + "</Dial></Response>");
    }

    private static String xml(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
