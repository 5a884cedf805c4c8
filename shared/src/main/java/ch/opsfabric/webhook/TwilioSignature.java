package ch.opsfabric.webhook;

import ch.opsfabric.crypto.Hashes;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * Twilio's {@code X-Twilio-Signature}: Base64(HMAC-SHA1(auth token, full public URL + every form
 * parameter sorted by name, name and value concatenated)). Like Twilio's own validators, the URL
 * is also tried with and without the default port, since Twilio's edges sign either way.
 */
public final class TwilioSignature {

    public static final String HEADER = "x-twilio-signature";

    private TwilioSignature() {
    }

    public static String sign(String authToken, String url, List<FormBody.Pair> params) {
        List<FormBody.Pair> sorted = new ArrayList<>(params);
        // stable sort by name in byte order; repeated names keep the order they were sent in
        sorted.sort(Comparator.comparing(FormBody.Pair::name));
        StringBuilder data = new StringBuilder(url);
        for (FormBody.Pair p : sorted) {
            data.append(p.name()).append(p.value());
        }
        return Base64.getEncoder().encodeToString(
                Hashes.hmac("HmacSHA1", authToken, data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    public static boolean verify(String authToken, String url, List<FormBody.Pair> params, String header) {
        if (header == null || header.isBlank() || authToken == null || authToken.isBlank()) {
            return false;
        }
        for (String candidate : urlVariants(url)) {
            if (Hashes.constantTimeEquals(sign(authToken, candidate, params), header.strip())) {
                return true;
            }
        }
        return false;
    }

    static List<String> urlVariants(String url) {
        List<String> variants = new ArrayList<>(List.of(url));
        URI uri = URI.create(url);
        int defaultPort = "https".equals(uri.getScheme()) ? 443 : 80;
        String authority = uri.getRawAuthority();
        if (uri.getPort() == -1) {
            variants.add(url.replaceFirst(java.util.regex.Pattern.quote(authority), authority + ":" + defaultPort));
        } else if (uri.getPort() == defaultPort) {
            variants.add(url.replaceFirst(java.util.regex.Pattern.quote(authority), uri.getHost()));
        }
        return variants;
    }
}
