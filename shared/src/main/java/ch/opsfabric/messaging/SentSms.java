package ch.opsfabric.messaging;

import java.time.Instant;

/** An SMS as the console provider "sent" it. */
public record SentSms(String tenantId, String to, String text, SmsKind kind, Instant at, String messageId) {
}
