package ch.opsfabric.smsreply;

import ch.opsfabric.http.RequestBody;

import static ch.opsfabric.smsreply.GenericSmsReplyRoute.answerable;

import ch.opsfabric.app.Settings;
import ch.opsfabric.http.ApiException;
import ch.opsfabric.http.ApiRequest;
import ch.opsfabric.http.ApiResponses;
import ch.opsfabric.http.ApiRoute;
import ch.opsfabric.webhook.FormBody;
import ch.opsfabric.webhook.WebhookGuard;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /api/webhook/sms-reply/twilio}: Twilio's incoming-message webhook. Answered with an
 * empty TwiML response: our answers go through the outbound queue like every other SMS.
 */
final class TwilioSmsReplyRoute implements ApiRoute {

    private final Settings settings;
    private final SmsReplyProcessing processing;

    TwilioSmsReplyRoute(Settings settings, SmsReplyProcessing processing) {
        this.settings = settings;
        this.processing = processing;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(ApiRequest request) {
        FormBody form = RequestBody.form(request, StandardCharsets.UTF_8);
        WebhookGuard.requireTwilioSignature(request, settings.secrets().twilioAuthToken(),
                settings.publicBaseUrl(), form);
        String sid = form.first("MessageSid").orElse(form.value("SmsSid"));
        if (!sid.matches("(SM|MM)[0-9a-fA-F]{32}")) {
            throw ApiException.badRequest("MessageSid fehlt oder ist ungültig.");
        }
        answerable(processing.handle(new InboundSms("twilio", sid, form.value("From"), form.value("To"), form.value("Body"))));
        return ApiResponses.twiml("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>");
    }
}
