package ch.opsfabric.messaging;

/** What a provider is asked to deliver. {@code from} is the tenant's sender id. */
public record SmsMessage(String tenantId, String from, String to, String text, SmsKind kind, String idempotencyKey) {
}
