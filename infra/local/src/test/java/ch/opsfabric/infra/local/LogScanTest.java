package ch.opsfabric.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LogScanTest {

    @Test
    void unmaskedNumbersAddressesAndSecretsAreFoundMaskedOnesAndPublicLinesAreNot() {
        LogScan scan = new LogScan();
        var capture = scan.capture();
        capture.accept("[MissedCallFunction] {\"event\":\"call\",\"from\":\"+41 79 *** ** 01\",\"to\":\"+41445550101\"}");
        capture.accept("[EmailIntakeFunction] {\"from\":\"an***@example.ch\",\"to\":\"inbound+sanitaer-keller@inbound.postmarkapp.com\"}");
        capture.accept("[TicketIntakeFunction] {\"ticket\":\"20261201-77Y35Q3JV3BZ\",\"ms\":\"1764600000079\"}");
        capture.accept("[MissedCallFunction] {\"requestId\":\"118350b8-c379-46cd-8121-ab0171380268\",\"other\":\"0791234567ab-c379\"}");
        assertEquals(0, scan.findings().size(), scan.findings().toString());
        capture.accept("[SmsReplyFunction] {\"from\":\"+41795558801\"}");
        capture.accept("[SmsReplyFunction] {\"text\":\"rufen Sie 079 555 88 01 an\"}");
        capture.accept("[EmailIntakeFunction] {\"from\":\"vera.muster@example.ch\"}");
        capture.accept("[SmsSenderFunction] {\"auth\":\"dev-webhook-secret\"}");
        assertEquals(4, scan.findings().size(), scan.findings().toString());
    }
}
