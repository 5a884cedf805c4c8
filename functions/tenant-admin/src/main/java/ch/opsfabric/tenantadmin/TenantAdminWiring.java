package ch.opsfabric.tenantadmin;

import ch.opsfabric.app.Cloud;
import ch.opsfabric.app.Env;
import ch.opsfabric.http.ApiDispatcher;
import ch.opsfabric.http.OriginGuard;
import ch.opsfabric.http.ApiRoute;
import ch.opsfabric.http.SyntheticRequests;
import ch.opsfabric.onboarding.SiteCache;
import ch.opsfabric.onboarding.TenantAdmin;
import ch.opsfabric.store.DryRunWrites;
import ch.opsfabric.store.DynamoTenantRegistry;
import ch.opsfabric.store.SingleTable;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Everything the operator API uses, built once per JVM: the tenant registry in the table, and
 * CloudFront for the sites' edge cache. Routes under {@code /api/admin/}, all behind AWS_IAM.
 */
public final class TenantAdminWiring {

    static final String PREFIX = "/api/admin/tenants";

    private final ApiDispatcher dispatcher;
    private final Runnable warmUp;

    public TenantAdminWiring(Clock clock, DynamoDbClient dynamo, String tableName, SiteCache siteCache) {
        SingleTable table = SingleTable.of(dynamo, tableName);
        TenantAdmin admin = new TenantAdmin(clock, new DynamoTenantRegistry(table), siteCache,
                TenantAdmin::randomTenantId, new ch.opsfabric.store.DynamoStaffDirectory(table));
        Map<String, OperatorRoute> routes = new LinkedHashMap<>();
        routes.put("POST " + PREFIX, new CreateTenantRoute(admin));
        routes.put("GET " + PREFIX, new ListTenantsRoute(admin));
        routes.put("GET " + PREFIX + "/{slug}", new GetTenantRoute(admin));
        routes.put("PATCH " + PREFIX + "/{slug}", new UpdateTenantRoute(admin));
        routes.put("DELETE " + PREFIX + "/{slug}", new DeleteTenantRoute(admin));
        routes.put("POST " + PREFIX + "/{slug}/api-keys", new CreateApiKeyRoute(admin));
        routes.put("GET " + PREFIX + "/{slug}/api-keys", new ListApiKeysRoute(admin));
        routes.put("DELETE " + PREFIX + "/{slug}/api-keys/{id}", new RevokeApiKeyRoute(admin));
        routes.put("GET " + PREFIX + "/{slug}/audit", new AuditRoute(admin));
        routes.put("POST " + PREFIX + "/{slug}/staff", StaffRoutes.add(admin));
        routes.put("GET " + PREFIX + "/{slug}/staff", StaffRoutes.list(admin));
        routes.put("DELETE " + PREFIX + "/{slug}/staff/{id}", StaffRoutes.remove(admin));
        Map<String, ApiRoute> guarded = new LinkedHashMap<>();
        routes.forEach((key, route) -> guarded.put(key, OperatorRoute.guarded(route)));
        // every route is AWS_IAM: operators sign for the execute-api host and call it directly, not
        // through the CDN, and OperatorRoute refuses any request without the verified principal
        this.dispatcher = new ApiDispatcher(guarded, OriginGuard.NONE);
        ApiDispatcher api = dispatcher;
        this.warmUp = () -> {
            // reads only: an unsigned request is refused, an unknown slug is looked up and not found
            api.prime(SyntheticRequests.request("GET", PREFIX + "/{slug}", PREFIX + "/opsfabric-priming", Map.of(), null));
            try {
                admin.get("opsfabric-priming");
            } catch (ch.opsfabric.onboarding.AdminRefusal expected) {
                // not found, as intended
            }
            DryRunWrites.warm(clock.instant());
        };
    }

    /** SnapStart priming: the request path once, reads only. */
    public void warmUp() {
        warmUp.run();
    }

    /** In Lambda: region, table and the distribution whose cache this function may empty, from template.yaml. */
    public static TenantAdminWiring fromEnvironment() {
        String endpoint = Env.optional("AWS_ENDPOINT_URL_CLOUDFRONT");
        return new TenantAdminWiring(Cloud.clock(), Cloud.dynamo(), Env.require("TABLE_NAME"),
                new CloudFrontSiteCache(endpoint == null ? CloudFrontSiteCache.GLOBAL_ENDPOINT : java.net.URI.create(endpoint),
                        Env.require("SITE_DISTRIBUTION_ID"), Cloud.credentials()));
    }

    ApiDispatcher dispatcher() {
        return dispatcher;
    }
}
