package ch.opsfabric.store;

import ch.opsfabric.ticket.TicketStatus;

/**
 * Every key of the single table in one place. The access patterns are listed in
 * docs/access-patterns.md; keep both in step.
 */
public final class Keys {

    public static final String PK = "PK";
    public static final String SK = "SK";
    public static final String GSI1 = "GSI1";
    public static final String GSI1PK = "GSI1PK";
    public static final String GSI1SK = "GSI1SK";
    public static final String GSI2 = "GSI2";
    public static final String GSI2PK = "GSI2PK";
    public static final String GSI2SK = "GSI2SK";
    public static final String GSI3 = "GSI3";
    public static final String GSI3PK = "GSI3PK";
    public static final String GSI3SK = "GSI3SK";
    public static final String EXPIRES_AT = "expiresAt";

    /** The one partition of the sparse due-review index: only tickets waiting for a review request. */
    public static final String REVIEW_DUE = "REVIEW_DUE";

    public static final String POINTER_SK = "POINTER";
    public static final String TENANT_SK = "TENANT";

    private Keys() {
    }

    public static String tenant(String tenantId) {
        return "TENANT#" + tenantId;
    }

    public static String slug(String slug) {
        return "SLUG#" + slug;
    }

    /** A tenant's configured inbound e-mail address (lower-case), pointing at the tenant. */
    public static String mailbox(String address) {
        return "MAILBOX#" + address.strip().toLowerCase(java.util.Locale.ROOT);
    }

    /** A tenant's WhatsApp Cloud API number ({@code phone_number_id}), pointing at the tenant. */
    public static String whatsappNumber(String phoneNumberId) {
        return "WAPHONE#" + phoneNumberId;
    }

    public static String line(String e164) {
        return "LINE#" + e164;
    }

    public static String apiKey(String hash) {
        return "APIKEY#" + hash;
    }

    /** Sort keys of a tenant's tickets start with this. */
    public static final String TICKET_PREFIX = "TICKET#";

    public static String ticket(String ticketId) {
        return TICKET_PREFIX + ticketId;
    }

    /** The one place a ticket's primary key is made, for every store that writes tickets. */
    public static java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> ticketKey(
            String tenantId, String ticketId) {
        return java.util.Map.of(PK, software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(tenant(tenantId)),
                SK, software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(ticket(ticketId)));
    }

    public static String ticketsByStatus(String tenantId, TicketStatus status) {
        return "TENANT#" + tenantId + "#STATUS#" + status.name();
    }

    /** GSI3 partition of a tenant's open tickets, sorted by SLA due (sparse: a closed ticket leaves it). */
    public static String openTickets(String tenantId) {
        return "TENANT#" + tenantId + "#OPEN";
    }

    /** An opt-out as the hash of tenant and number: what survives an erasure. */
    public static String optOutHash(String sha256Hex) {
        return "OPTOUT#h:" + sha256Hex;
    }

    /** A legacy opt-out, the number in clear; read, never written since opt-outs are hashed. */
    public static String optOut(String e164) {
        return "OPTOUT#" + e164;
    }

    public static String sms(String idempotencyKey) {
        return "SMS#" + idempotencyKey;
    }

    public static String window(String purpose, String e164) {
        return "WINDOW#" + purpose + "#" + e164;
    }

    public static String stats(java.time.LocalDate day) {
        return "STATS#" + day;
    }

    /**
     * The due-review index is sharded: one partition would carry every waiting request of the
     * deployment and every cron read (a partition serves 3,000 reads/s at most, and one run read
     * only 200). 16 shards spread 10,000 tenants' requests; the shard follows from tenant and
     * ticket ({@link String#hashCode} is specified, so every JVM agrees).
     */
    public static final int REVIEW_SHARDS = 16;

    public static String reviewShard(String tenantId, String ticketId) {
        return REVIEW_DUE + "#" + Math.floorMod((tenantId + "#" + ticketId).hashCode(), REVIEW_SHARDS);
    }

    /** Every partition a drain reads: the shards, then the unsharded one of items written before sharding. */
    public static java.util.List<String> reviewPartitions() {
        java.util.List<String> all = new java.util.ArrayList<>();
        for (int i = 0; i < REVIEW_SHARDS; i++) {
            all.add(REVIEW_DUE + "#" + i);
        }
        all.add(REVIEW_DUE);
        return java.util.List.copyOf(all);
    }

    /** Sorts by due time; {@code dueBefore} bounds a query to "due up to now". */
    public static String reviewDue(java.time.Instant dueAt, String tenantId, String ticketId) {
        return dueAt + "#" + tenantId + "#" + ticketId;
    }

    /** Upper bound for {@code GSI2SK < :bound}: '$' sorts right after the '#' that follows the time. */
    public static String dueBefore(java.time.Instant now) {
        return now + "$";
    }

    public static String reviewToken(String token) {
        return "REVIEWLINK#" + token;
    }

    public static String formRef(String token) {
        return "REF#" + token;
    }

    /** GSI1 partition of every tenant item, sorted by slug: the operator's tenant list. */
    public static final String TENANTS = "TENANTS";
    /** The partition of operator actions that outlive a tenant (its offboarding). */
    public static final String OPERATOR_AUDIT = "OPERATOR#AUDIT";
    public static final String KEY_PREFIX = "KEY#";
    public static final String AUDIT_PREFIX = "AUDIT#";
    /** Marks, in the tenant's partition, a pointer item outside it (review link, form link) so offboarding finds it. */
    public static final String LINK_PREFIX = "LINK#";

    public static String apiKeyItem(String keyId) {
        return KEY_PREFIX + keyId;
    }

    public static String audit(java.time.Instant at, String unique) {
        return AUDIT_PREFIX + at + "#" + unique;
    }

    public static String linkMarker(String pointerPk) {
        return LINK_PREFIX + pointerPk;
    }

    public static final String STAFF_PREFIX = "STAFF#";

    public static String staff(String memberId) {
        return STAFF_PREFIX + memberId;
    }

    /** A staff member's mobile; its items are one per tenant ({@code SK=TENANT#<id>}), found by Query. */
    public static String staffMobile(String e164) {
        return "STAFFMOBILE#" + e164;
    }

    public static String login(String attemptId) {
        return "LOGIN#" + attemptId;
    }

    public static String session(String tokenHash) {
        return "SESSION#" + tokenHash;
    }

    public static String thread(String e164) {
        return "THREAD#" + e164;
    }

    public static String rate(String bucket) {
        return "RATE#" + bucket;
    }

    public static final String CONTACT_PREFIX = "CONTACT#";

    public static String contact(String contactId) {
        return CONTACT_PREFIX + contactId;
    }

    /** A pointer from an identifier ({@code tel:…}, {@code mail:…}) to its contact, in the tenant's partition. */
    public static String contactPointer(String identifier) {
        return "CID#" + identifier;
    }

    /** A Message-ID we sent or received, pointing at its ticket (SHA-256: the ids are long and carry addresses). */
    public static String mailMessage(String messageIdHash) {
        return "MSGID#" + messageIdHash;
    }
}
