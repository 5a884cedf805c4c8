package ch.opsfabric.webhook;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An {@code application/x-www-form-urlencoded} body or query string, decoded in the charset the
 * sender used (UTF-8 for Twilio and sipgate, windows-1252 for eCall). Keeps every pair in the
 * order sent, repeats included, because signatures are computed over all of them.
 */
public final class FormBody {

    public record Pair(String name, String value) {
    }

    private final List<Pair> pairs;

    private FormBody(List<Pair> pairs) {
        this.pairs = List.copyOf(pairs);
    }

    /** @throws IllegalArgumentException on a malformed percent escape */
    public static FormBody parse(String raw, Charset charset) {
        List<Pair> pairs = new ArrayList<>();
        if (raw != null && !raw.isEmpty()) {
            for (String part : raw.split("&")) {
                if (part.isEmpty()) {
                    continue;
                }
                int eq = part.indexOf('=');
                String name = decode(eq < 0 ? part : part.substring(0, eq), charset);
                String value = eq < 0 ? "" : decode(part.substring(eq + 1), charset);
                pairs.add(new Pair(name, value));
            }
        }
        return new FormBody(pairs);
    }

    public List<Pair> pairs() {
        return pairs;
    }

    public Optional<String> first(String name) {
        return pairs.stream().filter(p -> p.name().equals(name)).map(Pair::value).findFirst();
    }

    public String value(String name) {
        return first(name).orElse("");
    }

    private static String decode(String value, Charset charset) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= value.length()) {
                    throw new IllegalArgumentException("incomplete percent escape");
                }
                int hi = Character.digit(value.charAt(i + 1), 16);
                int lo = Character.digit(value.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("invalid percent escape");
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                // raw non-ASCII in a form body: take it as the sender's charset would write it
                byte[] encoded = String.valueOf(c).getBytes(charset);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        return bytes.toString(charset);
    }
}
