package ch.opsfabric.infra.local;

import ch.opsfabric.app.Settings;
import ch.opsfabric.site.SiteRendererWiring;
import ch.opsfabric.site.SiteRendererHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Render time of every page, warm, in-process: the site-renderer handler called directly with
 * API Gateway events (tenant from the per-JVM cache, as in a warm Lambda). Prints p50 and p99
 * per page and the page size. Run it with {@code infra/bench}.
 */
public final class RenderBench {

    static final int WARMUP = 3_000;
    static final int MEASURED = 10_000;

    private RenderBench() {
    }

    public static void main(String[] args) {
        int measured = args.length > 0 ? Integer.parseInt(args[0]) : MEASURED;
        try (LocalEnvironment env = LocalEnvironment.start("http://localhost:3000")) {
            // the renderer in this JVM on purpose: this measures rendering, not the runtime's round trip
            SiteRendererHandler handler = new SiteRendererHandler(new SiteRendererWiring(env.clock, env.aws.dynamo(),
                    env.aws.tableName("OpsTable"), env.aws.sqs(), env.aws.queueUrl("OutboundSmsQueue"),
                    new Settings("http://localhost:3000", LocalEnvironment.LOCAL_INTAKE_RATE_PER_MINUTE,
                            LocalEnvironment.DEV_SECRETS)));
            Map<String, APIGatewayV2HTTPEvent> pages = new LinkedHashMap<>();
            pages.put("home", event("$default", "/sanitaer-keller/", Map.of(), Map.of()));
            for (String page : new String[] {"leistungen", "kontakt", "impressum", "datenschutz", "anfrage"}) {
                pages.put(page, event("GET /{slug}/{page}", "/sanitaer-keller/" + page,
                        Map.of("slug", "sanitaer-keller", "page", page), Map.of()));
            }
            pages.put("anfrage?flow=standard", event("GET /{slug}/{page}", "/sanitaer-keller/anfrage",
                    Map.of("slug", "sanitaer-keller", "page", "anfrage"), Map.of("flow", "standard")));
            String etag = handler.handle(pages.get("home")).getHeaders().get("etag");
            APIGatewayV2HTTPEvent revalidate = event("$default", "/sanitaer-keller/", Map.of(), Map.of());
            revalidate.getHeaders().put("if-none-match", etag);
            pages.put("home (304)", revalidate);

            System.out.printf("%nsite-renderer, warm, in-process: %d renders per page after %d warm-up%n%n", measured, WARMUP);
            System.out.printf("%-24s %10s %10s %10s%n", "page", "p50 µs", "p99 µs", "chars");
            for (Map.Entry<String, APIGatewayV2HTTPEvent> page : pages.entrySet()) {
                APIGatewayV2HTTPResponse sample = handler.handle(page.getValue());
                for (int i = 0; i < WARMUP; i++) {
                    handler.handle(page.getValue());
                }
                long[] nanos = new long[measured];
                for (int i = 0; i < measured; i++) {
                    long start = System.nanoTime();
                    handler.handle(page.getValue());
                    nanos[i] = System.nanoTime() - start;
                }
                Arrays.sort(nanos);
                System.out.printf("%-24s %10.1f %10.1f %10d%n", page.getKey(), nanos[measured / 2] / 1000.0,
                        nanos[(int) (measured * 0.99)] / 1000.0, sample.getBody() == null ? 0 : sample.getBody().length());
            }
        }
    }

    private static APIGatewayV2HTTPEvent event(String routeKey, String rawPath, Map<String, String> params,
                                               Map<String, String> query) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey(routeKey);
        event.setRawPath(rawPath);
        event.setHeaders(new java.util.HashMap<>());
        event.setPathParameters(params.isEmpty() ? null : params);
        event.setQueryStringParameters(query.isEmpty() ? null : query);
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod("GET");
        http.setSourceIp("127.0.0.1");
        context.setHttp(http);
        event.setRequestContext(context);
        return event;
    }
}
