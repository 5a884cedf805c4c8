package ch.opsfabric.smsreply;

import ch.opsfabric.http.RequestBody;

import static ch.opsfabric.smsreply.GenericSmsReplyRoute.answerable;

import ch.opsfabric.app.Settings;
import ch.opsfabric.crypto.Hashes;
import ch.opsfabric.http.ApiException;
import ch.opsfabric.http.ApiRequest;
import ch.opsfabric.http.ApiResponses;
import ch.opsfabric.http.ApiRoute;
import ch.opsfabric.webhook.FormBody;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.Charset;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * {@code GET|POST /api/webhook/sms-reply/ecall/{token}}: eCall's answer callback. eCall signs
 * nothing, so the URL carries a secret path token (compared in constant time). Its parameters
 * are windows-1252 ({@code ü} is {@code %FC}), its timestamps {@code dd.MM.yyyy HH:mm:ss} in
 * Swiss local time, its numbers {@code 0041…}. eCall documents the callback as GET; POST with
 * the same pairs as a form body is accepted as well.
 */
final class EcallSmsReplyRoute implements ApiRoute {

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss");

    private final Settings settings;
    private final SmsReplyProcessing processing;

    EcallSmsReplyRoute(Settings settings, SmsReplyProcessing processing) {
        this.settings = settings;
        this.processing = processing;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(ApiRequest request) {
        String token = request.pathParameter("token").orElse("");
        String expected = settings.secrets().ecallPathToken();
        if (expected == null || !Hashes.constantTimeEquals(expected, token)) {
            throw new ApiException(403, "signature_invalid", "Unbekannter Zugang.");
        }
        FormBody params = "GET".equals(request.event().getRequestContext().getHttp().getMethod())
                ? query(request)
                : RequestBody.form(request, WINDOWS_1252);
        if (!"Answer".equals(params.value("Function"))) {
            // delivery reports and other functions are not ours to handle; eCall wants a 200
            return ok();
        }
        String stamp = params.value("TimeStamp");
        try {
            LocalDateTime.parse(stamp, TIMESTAMP);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("TimeStamp muss dd.mm.yyyy hh:mm:ss sein.");
        }
        String from = params.value("AddressFrom");
        String to = params.value("AddressTo");
        String text = params.value("Message");
        if (from.isBlank() || to.isBlank() || text.length() > GenericSmsReplyRoute.MAX_TEXT) {
            throw ApiException.badRequest("AddressFrom, AddressTo und Message sind nötig.");
        }
        // eCall gives an answer no id of its own: the message is identified by what it is
        String messageId = Hashes.sha256Hex(from + "|" + to + "|" + stamp + "|" + text).substring(0, 32);
        answerable(processing.handle(new InboundSms("ecall", messageId, from, to, text)));
        return ok();
    }

    private static FormBody query(ApiRequest request) {
        String raw = request.event().getRawQueryString();
        if (raw != null && raw.length() > RequestBody.MAX_BYTES) {
            throw new ApiException(413, "payload_too_large", "Die Anfrage ist zu gross.");
        }
        try {
            return FormBody.parse(raw, WINDOWS_1252);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Die Parameter sind nicht lesbar.");
        }
    }

    private static APIGatewayV2HTTPResponse ok() {
        return ApiResponses.body(200, "text/plain", "OK");
    }
}
