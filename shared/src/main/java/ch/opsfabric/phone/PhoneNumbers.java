package ch.opsfabric.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;
import java.util.Set;

/**
 * Phone numbers as customers type them and providers send them ({@code 079 555 12 34},
 * {@code 0041795551234}, {@code +41 79 555 12 34}, {@code +49 …}) turned into E.164.
 * Swiss numbers are the default; foreign numbers are kept as they are.
 */
public final class PhoneNumbers {

    public static final String DEFAULT_REGION = "CH";

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    /** What providers send when the caller hides the number (Twilio uses +266696687, "anonymous" spelled out). */
    private static final Set<String> WITHHELD = Set.of(
            "", "anonymous", "anonym", "unknown", "unbekannt", "restricted", "private", "withheld",
            "unavailable", "blocked", "+266696687", "266696687", "+7378742833", "+2562533", "+8656696");

    private PhoneNumbers() {
    }

    public static Phone parse(String raw) {
        if (raw == null) {
            return new Phone.Withheld();
        }
        String trimmed = raw.strip();
        if (WITHHELD.contains(trimmed.toLowerCase(Locale.ROOT))) {
            return new Phone.Withheld();
        }
        if (trimmed.length() > 32 || !trimmed.matches("[+0-9 ()./\\-]+")) {
            return new Phone.Invalid("Ungültige Telefonnummer");
        }
        try {
            PhoneNumber number = UTIL.parse(trimmed, DEFAULT_REGION);
            if (!UTIL.isValidNumber(number)) {
                return new Phone.Invalid("Ungültige Telefonnummer");
            }
            return new Phone.Number(UTIL.format(number, PhoneNumberFormat.E164), kindOf(number));
        } catch (NumberParseException e) {
            return new Phone.Invalid("Ungültige Telefonnummer");
        }
    }

    /**
     * The valid numbers written in a text (an e-mail's signature, "rufen Sie mich an: 079 …"), Swiss
     * unless written internationally, each once, at most {@code limit}.
     */
    public static java.util.List<Phone.Number> findIn(String text, int limit) {
        java.util.LinkedHashMap<String, Phone.Number> found = new java.util.LinkedHashMap<>();
        if (text == null) {
            return java.util.List.of();
        }
        for (com.google.i18n.phonenumbers.PhoneNumberMatch match : UTIL.findNumbers(text, DEFAULT_REGION,
                PhoneNumberUtil.Leniency.VALID, 10_000)) {
            PhoneNumber number = match.number();
            String e164 = UTIL.format(number, PhoneNumberFormat.E164);
            found.putIfAbsent(e164, new Phone.Number(e164, kindOf(number)));
            if (found.size() == limit) {
                break;
            }
        }
        return java.util.List.copyOf(found.values());
    }

    /** A number that must be usable, for already normalized data (seed, stored tickets). */
    public static Phone.Number require(String raw) {
        Phone phone = parse(raw);
        if (phone instanceof Phone.Number number) {
            return number;
        }
        throw new IllegalArgumentException("not a usable phone number");
    }

    private static PhoneKind kindOf(PhoneNumber number) {
        PhoneNumberType type = UTIL.getNumberType(number);
        return switch (type) {
            case MOBILE -> PhoneKind.MOBILE;
            case FIXED_LINE -> PhoneKind.LANDLINE;
            // in North America both look alike; an SMS to a landline is lost, so no SMS
            case FIXED_LINE_OR_MOBILE -> PhoneKind.LANDLINE;
            default -> PhoneKind.OTHER;
        };
    }

    /** Whether a stored number (null allowed) can receive SMS. */
    public static boolean isMobile(String number) {
        return number != null && parse(number) instanceof Phone.Number parsed && parsed.isMobile();
    }

    /** How a Swiss customer writes the number: {@code 044 555 01 01}; foreign numbers internationally. */
    public static String display(String e164) {
        try {
            PhoneNumber number = UTIL.parse(e164, DEFAULT_REGION);
            return UTIL.format(number, number.getCountryCode() == 41 ? PhoneNumberFormat.NATIONAL
                    : PhoneNumberFormat.INTERNATIONAL);
        } catch (NumberParseException e) {
            return e164;
        }
    }

    /**
     * For logs: country and area code and the last two digits stay, the rest is hidden,
     * {@code +41795551267} → {@code +41 79 *** ** 67}.
     */
    public static String mask(String e164) {
        if (e164 == null || e164.isBlank()) {
            return "(none)";
        }
        try {
            PhoneNumber number = UTIL.parse(e164, DEFAULT_REGION);
            String national = UTIL.getNationalSignificantNumber(number);
            if (national.length() < 6) {
                return "+" + number.getCountryCode() + " ***";
            }
            return "+" + number.getCountryCode() + " " + national.substring(0, 2) + " *** ** "
                    + national.substring(national.length() - 2);
        } catch (NumberParseException e) {
            return "***";
        }
    }
}
