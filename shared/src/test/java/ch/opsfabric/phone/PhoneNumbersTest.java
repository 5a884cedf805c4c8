package ch.opsfabric.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PhoneNumbersTest {

    @ParameterizedTest
    @ValueSource(strings = {"+41 79 555 12 34", "0795551234", "0041795551234", "079 555 12 34", "+41795551234",
            "079/555.12.34", "(079) 555-12-34"})
    void swissMobileInEveryUsualSpelling(String raw) {
        Phone.Number number = assertInstanceOf(Phone.Number.class, PhoneNumbers.parse(raw));
        assertEquals("+41795551234", number.e164());
        assertEquals(PhoneKind.MOBILE, number.kind());
    }

    @Test
    void swissLandlineIsNoMobile() {
        Phone.Number number = assertInstanceOf(Phone.Number.class, PhoneNumbers.parse("044 555 01 01"));
        assertEquals("+41445550101", number.e164());
        assertEquals(PhoneKind.LANDLINE, number.kind());
    }

    @Test
    void germanMobileKeptAsE164() {
        Phone.Number number = assertInstanceOf(Phone.Number.class, PhoneNumbers.parse("+49 151 23456789"));
        assertEquals("+4915123456789", number.e164());
        assertEquals(PhoneKind.MOBILE, number.kind());
        assertEquals("+4915123456789",
                assertInstanceOf(Phone.Number.class, PhoneNumbers.parse("0049 151 23456789")).e164());
    }

    @ParameterizedTest
    @ValueSource(strings = {"anonymous", "Anonymous", "", "  ", "unknown", "+266696687", "restricted", "private"})
    void withheldCallers(String raw) {
        assertInstanceOf(Phone.Withheld.class, PhoneNumbers.parse(raw));
    }

    @Test
    void nullIsWithheld() {
        assertInstanceOf(Phone.Withheld.class, PhoneNumbers.parse(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"12", "hello", "079 555", "+41 79 555 12 34 56 78", "<script>", "0795551234; drop"})
    void garbageIsInvalid(String raw) {
        assertInstanceOf(Phone.Invalid.class, PhoneNumbers.parse(raw));
    }

    @ParameterizedTest
    @CsvSource({
            "+41795551267, +41 79 *** ** 67",
            "+41445550101, +41 44 *** ** 01",
            "+4915123456789, +49 15 *** ** 89"})
    void masksForLogs(String e164, String masked) {
        assertEquals(masked, PhoneNumbers.mask(e164));
    }

    @Test
    void maskNeverLeaksTheMiddle() {
        String masked = PhoneNumbers.mask("+41795551267");
        assertEquals(-1, masked.indexOf("555"));
    }
}
