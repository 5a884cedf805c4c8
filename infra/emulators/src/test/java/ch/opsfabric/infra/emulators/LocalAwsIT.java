package ch.opsfabric.infra.emulators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class LocalAwsIT {

    private final LocalAws aws = LocalAws.shared();

    @Test
    void createsTheTemplateTableWithItsIndex() {
        TableDescription table = aws.dynamo().describeTable(b -> b.tableName(aws.tableName("OpsTable"))).table();
        assertEquals("PK", table.keySchema().get(0).attributeName());
        assertEquals("GSI1", table.globalSecondaryIndexes().get(0).indexName());
    }

    @Test
    void dynaliteEnforcesConditions() {
        Map<String, AttributeValue> item = Map.of(
                "PK", AttributeValue.fromS("IT#cond"), "SK", AttributeValue.fromS("x"));
        aws.dynamo().putItem(b -> b.tableName("OpsTable").item(item).conditionExpression("attribute_not_exists(PK)"));
        boolean refused = false;
        try {
            aws.dynamo().putItem(b -> b.tableName("OpsTable").item(item).conditionExpression("attribute_not_exists(PK)"));
        } catch (ConditionalCheckFailedException expected) {
            refused = true;
        }
        assertTrue(refused, "second conditional put must be refused");
    }

    @Test
    void queuesHaveTheirRedrivePolicy() {
        Map<String, String> urls = aws.createQueues("redrive-it-", 1);
        String policy = aws.sqs().getQueueAttributes(b -> b.queueUrl(urls.get("OutboundSmsQueue"))
                .attributeNames(QueueAttributeName.REDRIVE_POLICY)).attributes().get(QueueAttributeName.REDRIVE_POLICY);
        assertTrue(policy.contains("redrive-it-OutboundSmsDlq"), policy);
        aws.sqs().sendMessage(b -> b.queueUrl(urls.get("OutboundSmsQueue")).messageBody("hello"));
        Message received = aws.sqs().receiveMessage(b -> b.queueUrl(urls.get("OutboundSmsQueue")).waitTimeSeconds(2))
                .messages().get(0);
        assertEquals("hello", received.body());
    }
}
