package ch.opsfabric.store;

import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The one DynamoDB table, with both clients over the same connection pool. */
public record SingleTable(DynamoDbClient client, DynamoDbEnhancedClient enhanced, String tableName) {

    public static SingleTable of(DynamoDbClient client, String tableName) {
        return new SingleTable(client, DynamoDbEnhancedClient.builder().dynamoDbClient(client).build(), tableName);
    }

    /**
     * The items of up to 100 keys that exist, in one BatchGetItem (asked again for any the service
     * left unprocessed under load).
     */
    public java.util.List<java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> batchGet(
            java.util.List<java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> keys) {
        java.util.List<java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> found =
                new java.util.ArrayList<>();
        if (keys.isEmpty()) {
            return found;
        }
        java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes> request = java.util.Map.of(
                tableName, software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes.builder().keys(keys).build());
        for (int round = 0; round < 5 && !request.isEmpty(); round++) {
            java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes> ask = request;
            var response = client.batchGetItem(b -> b.requestItems(ask));
            found.addAll(response.responses().getOrDefault(tableName, java.util.List.of()));
            request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : java.util.Map.of();
        }
        if (!request.isEmpty()) {
            throw new IllegalStateException("BatchGetItem left keys unprocessed after 5 rounds");
        }
        return found;
    }
}
