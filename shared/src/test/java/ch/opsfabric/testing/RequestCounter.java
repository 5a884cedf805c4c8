package ch.opsfabric.testing;

import ch.opsfabric.infra.emulators.LocalAws;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Counts the AWS requests a piece of code makes: SDK clients against the emulators with an
 * interceptor that records each operation name, so a test can state "one missed call costs
 * N DynamoDB requests and one SQS send".
 */
public final class RequestCounter implements ExecutionInterceptor {

    private final List<String> operations = new CopyOnWriteArrayList<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        operations.add(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    }

    public List<String> operations() {
        return List.copyOf(operations);
    }

    public long count(String service) {
        return operations.stream().filter(o -> o.startsWith(service + ".")).count();
    }

    public void reset() {
        operations.clear();
    }

    public DynamoDbClient dynamo() {
        return DynamoDbClient.builder().endpointOverride(TestAws.aws().dynamoEndpoint()).region(LocalAws.REGION)
                .credentialsProvider(LocalAws.credentials()).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(this)).build();
    }

    public SqsClient sqs() {
        return SqsClient.builder().endpointOverride(TestAws.aws().sqsEndpoint()).region(LocalAws.REGION)
                .credentialsProvider(LocalAws.credentials()).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(this)).build();
    }
}
