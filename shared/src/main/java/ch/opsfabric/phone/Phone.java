package ch.opsfabric.phone;

/**
 * The result of reading a caller or customer number. A number is either usable (E.164 plus
 * what kind it is), withheld by the caller, or not a phone number at all.
 */
public sealed interface Phone {

    record Number(String e164, PhoneKind kind) implements Phone {
        public boolean isMobile() {
            return kind == PhoneKind.MOBILE;
        }

        public String masked() {
            return PhoneNumbers.mask(e164);
        }
    }

    /** The caller suppressed the number (anonymous, restricted, unknown). */
    record Withheld() implements Phone {
    }

    record Invalid(String reason) implements Phone {
    }
}
