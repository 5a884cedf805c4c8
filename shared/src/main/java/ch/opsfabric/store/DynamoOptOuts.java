package ch.opsfabric.store;

import ch.opsfabric.crypto.Hashes;
import ch.opsfabric.privacy.PersonalData;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * {@code PK=TENANT#<tenant>, SK=OPTOUT#h:<sha256(tenant|e164)>}: present means opted out. The
 * number itself is not stored, so a STOP outlives the erasure of everything else about the
 * person (revDSG). Items written before that as {@code OPTOUT#<e164>} are still honoured: a
 * check reads both keys in one BatchGetItem, opting in deletes both, and {@link #pseudonymize}
 * turns a plain one into its hash.
 */
public final class DynamoOptOuts implements PersonalData.OptOutHashes {

    private final SingleTable db;

    public DynamoOptOuts(SingleTable db) {
        this.db = db;
    }

    @Override
    public boolean isOptedOut(String tenantId, String e164) {
        var keys = KeysAndAttributes.builder().keys(hashed(tenantId, e164), plain(tenantId, e164))
                .projectionExpression(Keys.PK).build();
        var response = db.client().batchGetItem(b -> b.requestItems(Map.of(db.tableName(), keys)));
        boolean found = !response.responses().getOrDefault(db.tableName(), List.of()).isEmpty();
        // two small keys never exceed a batch's limits; if DynamoDB still defers one, read it singly
        var unprocessed = response.unprocessedKeys().get(db.tableName());
        if (!found && unprocessed != null) {
            for (Map<String, AttributeValue> key : unprocessed.keys()) {
                found |= db.client().getItem(b -> b.tableName(db.tableName()).key(key).projectionExpression(Keys.PK)).hasItem();
            }
        }
        return found;
    }

    @Override
    public boolean optOut(String tenantId, String e164, Instant at) {
        if (isOptedOut(tenantId, e164)) {
            return false;
        }
        return put(tenantId, e164, at);
    }

    @Override
    public boolean optIn(String tenantId, String e164) {
        return delete(hashed(tenantId, e164)) | delete(plain(tenantId, e164));
    }

    /** Keeps a legacy plain opt-out as its hash only. @return true when there was one to turn */
    @Override
    public boolean pseudonymize(String tenantId, String e164) {
        var plain = db.client().getItem(b -> b.tableName(db.tableName()).key(plain(tenantId, e164)).consistentRead(true));
        if (!plain.hasItem()) {
            return false;
        }
        AttributeValue at = plain.item().get("optedOutAt");
        put(tenantId, e164, at == null ? Instant.EPOCH : Instant.parse(at.s()));
        delete(plain(tenantId, e164));
        return true;
    }

    private boolean put(String tenantId, String e164, Instant at) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(hashed(tenantId, e164));
        item.put("optedOutAt", AttributeValue.fromS(at.toString()));
        try {
            db.client().putItem(b -> b.tableName(db.tableName()).item(item).conditionExpression("attribute_not_exists(PK)"));
            return true;
        } catch (ConditionalCheckFailedException alreadyOut) {
            return false;
        }
    }

    private boolean delete(Map<String, AttributeValue> key) {
        try {
            db.client().deleteItem(b -> b.tableName(db.tableName()).key(key).conditionExpression("attribute_exists(PK)"));
            return true;
        } catch (ConditionalCheckFailedException absent) {
            return false;
        }
    }

    private static Map<String, AttributeValue> hashed(String tenantId, String e164) {
        return Map.of(Keys.PK, AttributeValue.fromS(Keys.tenant(tenantId)),
                Keys.SK, AttributeValue.fromS(Keys.optOutHash(Hashes.sha256Hex(tenantId + "|" + e164))));
    }

    private static Map<String, AttributeValue> plain(String tenantId, String e164) {
        return Map.of(Keys.PK, AttributeValue.fromS(Keys.tenant(tenantId)),
                Keys.SK, AttributeValue.fromS(Keys.optOut(e164)));
    }
}
