package ch.opsfabric.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.infra.emulators.LocalAws;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * The local IAM proxy through the real SDK, signed as a function process signs: what the
 * function's policy allows reaches dynalite, anything else is AccessDeniedException, as in AWS.
 */
class LocalIamDynamoIT {

    @Test
    void aFunctionGetsWhatItsPolicyAllowsAndAccessDeniedForTheRest() {
        try (LocalEnvironment env = LocalEnvironment.start("http://localhost:3000")) {
            String table = env.aws.tableName("OpsTable");
            DynamoDbClient sender = client(env, "SmsSenderFunction");
            Map<String, AttributeValue> key = Map.of("PK", AttributeValue.fromS("TENANT#demo-sanitaer-keller"),
                    "SK", AttributeValue.fromS("TENANT"));
            assertTrue(sender.getItem(b -> b.tableName(table).key(key)).hasItem(), "GetItem is in sms-sender's policy");
            DynamoDbException denied = assertThrows(DynamoDbException.class, () -> sender.query(b -> b.tableName(table)
                    .keyConditionExpression("PK = :pk").expressionAttributeValues(Map.of(":pk", key.get("PK")))));
            assertEquals("AccessDeniedException", denied.awsErrorDetails().errorCode());
            assertTrue(denied.getMessage().contains("dynamodb:Query"), denied.getMessage());
            DynamoDbClient staffApp = client(env, "StaffAppFunction");
            assertEquals(0, staffApp.query(b -> b.tableName(table).indexName("GSI3").keyConditionExpression("GSI3PK = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("TENANT#nobody#OPEN")))).count());
            assertTrue(env.iam.denied().stream().anyMatch(d -> d.startsWith("SmsSenderFunction dynamodb:Query")), env.iam.denied().toString());
        }
    }

    private static DynamoDbClient client(LocalEnvironment env, String function) {
        return DynamoDbClient.builder().endpointOverride(env.iam.endpoint()).region(LocalAws.REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(function, LocalEnvironment.FUNCTION_SECRET)))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }
}
