package ch.opsfabric.store;

import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The one DynamoDB table, with both clients over the same connection pool. */
public record SingleTable(DynamoDbClient client, DynamoDbEnhancedClient enhanced, String tableName) {

    public static SingleTable of(DynamoDbClient client, String tableName) {
        return new SingleTable(client, DynamoDbEnhancedClient.builder().dynamoDbClient(client).build(), tableName);
    }
}
