package ch.opsfabric.contact;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a person is recognised: {@code tel:<E.164>} or {@code mail:<address>}, the address
 * trimmed and lower-cased (the local part too: no mailbox a customer uses tells two addresses
 * apart by case, and a miss here would split one person into two contacts).
 */
public final class Identifiers {

    static final String TEL = "tel:";
    static final String MAIL = "mail:";
    /** Deliberately plain: one @, no spaces, a dot in the domain; the provider judges the rest. */
    private static final Pattern ADDRESS = Pattern.compile("[^\\s@<>\"(),;:]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+");

    private Identifiers() {
    }

    public static String tel(String e164) {
        if (e164 == null || !e164.matches("\\+[1-9][0-9]{6,14}")) {
            throw new IllegalArgumentException("not an E.164 number");
        }
        return TEL + e164;
    }

    /** @throws IllegalArgumentException when the address is not one */
    public static String mail(String address) {
        String normalized = normalizeAddress(address);
        if (normalized == null) {
            throw new IllegalArgumentException("not an e-mail address");
        }
        return MAIL + normalized;
    }

    /** The address as contacts key it, or null when it is not an address. */
    public static String normalizeAddress(String address) {
        if (address == null) {
            return null;
        }
        String trimmed = address.trim().toLowerCase(Locale.ROOT);
        return trimmed.length() <= 254 && ADDRESS.matcher(trimmed).matches() ? trimmed : null;
    }

    public static boolean isPhone(String identifier) {
        return identifier.startsWith(TEL);
    }

    public static boolean isIdentifier(String identifier) {
        return identifier.startsWith(TEL) || identifier.startsWith(MAIL);
    }

    /** The number or the address, without its scheme. */
    public static String value(String identifier) {
        return identifier.substring(identifier.indexOf(':') + 1);
    }

    /** For logs: {@code an***@example.ch}. */
    public static String maskAddress(String address) {
        if (address == null) {
            return "";
        }
        int at = address.indexOf('@');
        if (at < 0) {
            return "***";
        }
        return address.substring(0, Math.min(2, at)) + "***" + address.substring(at);
    }
}
