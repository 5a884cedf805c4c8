package ch.opsfabric.http;

import ch.opsfabric.json.Json;
import ch.opsfabric.webhook.FormBody;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;

/**
 * The one reader of request bodies: every route that takes JSON or a form goes through here, so
 * size (413), content type and charset (415) and syntax (400) are judged the same way everywhere.
 * Signed webhooks call {@link #bytes} first, check the signature over those bytes, then parse them.
 */
public final class RequestBody {

    /** What API-style bodies may weigh; e-mail is the one route that takes more. */
    public static final int MAX_BYTES = 64 * 1024;

    private static final String JSON = "application/json";
    private static final String FORM = "application/x-www-form-urlencoded";

    private RequestBody() {
    }

    /** The raw body, refused with 413 above {@code maxBytes}. */
    public static byte[] bytes(ApiRequest request, int maxBytes) {
        byte[] body = request.bodyBytes();
        if (body.length > maxBytes) {
            throw new ApiException(413, "payload_too_large",
                    "Die Anfrage ist zu gross (höchstens " + describe(maxBytes) + ").");
        }
        return body;
    }

    /** A JSON object of at most 64 KB. */
    public static JsonNode jsonObject(ApiRequest request) {
        return jsonObject(request, bytes(request, MAX_BYTES));
    }

    /** {@code body} (already size-checked and, for webhooks, authenticated) as one JSON object. */
    public static JsonNode jsonObject(ApiRequest request, byte[] body) {
        requireType(request, JSON);
        Charset declared = declaredCharset(request);
        if (declared != null && !declared.equals(StandardCharsets.UTF_8)) {
            // RFC 8259: JSON between systems is UTF-8; anything else is a client bug worth naming
            throw new ApiException(415, "unsupported_charset", "JSON wird nur in UTF-8 angenommen.");
        }
        JsonNode node;
        try {
            node = Json.parse(strictUtf8(body));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Der Inhalt ist kein gültiges JSON.");
        }
        if (!node.isObject()) {
            throw ApiException.badRequest("Erwartet wird ein JSON-Objekt.");
        }
        return node;
    }

    /** A form of at most 64 KB, decoded in the charset it declares or else in {@code charset}. */
    public static FormBody form(ApiRequest request, Charset charset) {
        return form(request, bytes(request, MAX_BYTES), charset);
    }

    public static FormBody form(ApiRequest request, byte[] body, Charset charset) {
        requireType(request, FORM);
        Charset declared = declaredCharset(request);
        try {
            // the raw bytes are ASCII (percent-encoded); the charset applies to what the escapes mean
            return FormBody.parse(new String(body, StandardCharsets.ISO_8859_1), declared == null ? charset : declared);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Der Formularinhalt ist nicht lesbar.");
        }
    }

    /** 415 unless the request says it is {@code mediaType}. */
    public static void requireType(ApiRequest request, String mediaType) {
        if (!mediaType.equals(request.mediaType())) {
            throw new ApiException(415, "unsupported_media_type", "Erwartet wird " + mediaType + ".");
        }
    }

    /** The {@code charset} parameter of Content-Type; null when absent; 415 when Java does not know it. */
    static Charset declaredCharset(ApiRequest request) {
        String value = request.header("content-type").orElse("");
        for (String parameter : value.split(";")) {
            int eq = parameter.indexOf('=');
            if (eq > 0 && parameter.substring(0, eq).strip().toLowerCase(Locale.ROOT).equals("charset")) {
                String name = parameter.substring(eq + 1).strip();
                if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                    name = name.substring(1, name.length() - 1);
                }
                try {
                    return Charset.forName(name);
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    throw new ApiException(415, "unsupported_charset", "Unbekannter Zeichensatz.");
                }
            }
        }
        return null;
    }

    /** Malformed UTF-8 is refused rather than silently turned into replacement characters. */
    private static String strictUtf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("Der Inhalt ist kein gültiges UTF-8.");
        }
    }

    private static String describe(int bytes) {
        return bytes >= 1024 * 1024 ? bytes / (1024 * 1024) + " MB" : bytes / 1024 + " KB";
    }
}
