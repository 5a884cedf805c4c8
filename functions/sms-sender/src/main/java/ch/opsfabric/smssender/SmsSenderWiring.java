package ch.opsfabric.smssender;

import ch.opsfabric.app.Cloud;
import ch.opsfabric.app.Env;
import ch.opsfabric.messaging.SmsProvider;
import ch.opsfabric.store.DynamoOptOuts;
import ch.opsfabric.store.DynamoSmsLedger;
import ch.opsfabric.store.DynamoTenantDirectory;
import ch.opsfabric.store.SingleTable;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Everything the sms-sender uses, built once per JVM: tenants, opt-outs and the SMS ledger in the
 * table, and the SMS providers this deployment has credentials for. No SQS client: Lambda's event
 * source mapping receives and deletes the messages; this function only answers which failed.
 */
public final class SmsSenderWiring {

    private final SmsDelivery delivery;

    public SmsSenderWiring(Clock clock, DynamoDbClient dynamo, String tableName, List<SmsProvider> providers) {
        SingleTable table = SingleTable.of(dynamo, tableName);
        Map<String, SmsProvider> byName = providers.stream()
                .collect(Collectors.toUnmodifiableMap(SmsProvider::name, Function.identity()));
        this.delivery = new SmsDelivery(new DynamoTenantDirectory(table, TimeUnit.SECONDS.toNanos(60)),
                new DynamoOptOuts(table), new DynamoSmsLedger(table), byName, clock);
    }

    /** In Lambda: region, table and provider credentials from the environment template.yaml gives it. */
    public static SmsSenderWiring fromEnvironment() {
        Clock clock = Cloud.clock();
        return new SmsSenderWiring(clock, Cloud.dynamo(), Env.require("TABLE_NAME"), SenderProviders.fromEnvironment(clock));
    }

    SmsDelivery delivery() {
        return delivery;
    }
}
