package ch.opsfabric.webhook;

import ch.opsfabric.crypto.Hashes;
import java.util.HexFormat;

/**
 * Our own webhook signature for the generic endpoints:
 * {@code X-OpsFabric-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>}.
 */
public final class OpsFabricSignature {

    public static final String HEADER = "x-opsfabric-signature";

    private OpsFabricSignature() {
    }

    public static String sign(String secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(Hashes.hmac("HmacSHA256", secret, body));
    }

    public static boolean verify(String secret, byte[] body, String header) {
        return header != null && Hashes.constantTimeEquals(sign(secret, body), header.strip().toLowerCase(java.util.Locale.ROOT));
    }
}
