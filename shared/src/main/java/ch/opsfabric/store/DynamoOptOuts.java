package ch.opsfabric.store;

import ch.opsfabric.messaging.OptOuts;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code PK=TENANT#<tenant>, SK=OPTOUT#<e164>}: present means opted out. */
public final class DynamoOptOuts implements OptOuts {

    private final SingleTable db;

    public DynamoOptOuts(SingleTable db) {
        this.db = db;
    }

    @Override
    public boolean isOptedOut(String tenantId, String e164) {
        return db.client().getItem(b -> b.tableName(db.tableName()).key(key(tenantId, e164))
                .projectionExpression(Keys.PK)).hasItem();
    }

    @Override
    public boolean optOut(String tenantId, String e164, Instant at) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(key(tenantId, e164));
        item.put("optedOutAt", AttributeValue.fromS(at.toString()));
        try {
            db.client().putItem(b -> b.tableName(db.tableName()).item(item).conditionExpression("attribute_not_exists(PK)"));
            return true;
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException alreadyOut) {
            return false;
        }
    }

    @Override
    public boolean optIn(String tenantId, String e164) {
        try {
            db.client().deleteItem(b -> b.tableName(db.tableName()).key(key(tenantId, e164))
                    .conditionExpression("attribute_exists(PK)"));
            return true;
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException notOut) {
            return false;
        }
    }

    private static Map<String, AttributeValue> key(String tenantId, String e164) {
        return Map.of(Keys.PK, AttributeValue.fromS(Keys.tenant(tenantId)),
                Keys.SK, AttributeValue.fromS(Keys.optOut(e164)));
    }
}
