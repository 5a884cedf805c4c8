package ch.opsfabric.crypto;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/** Unguessable link tokens: 128 random bits, URL-safe base64, 22 characters, nothing personal in them. */
public final class Tokens {

    public static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    public static String random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static boolean looksValid(String token) {
        return token != null && SHAPE.matcher(token).matches();
    }
}
