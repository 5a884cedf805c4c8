package ch.opsfabric.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * sipgate.io push events carry {@code X-Sipgate-Signature}: Base64 RSA-SHA256 (PKCS#1 v1.5) over
 * the complete raw body, made with sipgate's private key. It is checked with sipgate's published
 * public key (not an HMAC: there is no shared secret).
 */
public final class SipgateSignature {

    public static final String HEADER = "x-sipgate-signature";

    private final PublicKey key;

    public SipgateSignature(String publicKeyPem) {
        try {
            String base64 = publicKeyPem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
            this.key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an RSA public key in PEM form", e);
        }
    }

    public boolean verify(byte[] body, String header) {
        if (header == null || header.isBlank()) {
            return false;
        }
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update(body);
            return rsa.verify(Base64.getDecoder().decode(header.strip().getBytes(StandardCharsets.US_ASCII)));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }
}
