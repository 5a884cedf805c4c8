package ch.opsfabric.site;

import ch.opsfabric.http.RequestBody;

import ch.opsfabric.app.Priming;
import ch.opsfabric.crypto.Tokens;
import ch.opsfabric.http.ApiDispatcher;
import ch.opsfabric.http.OriginGuard;
import ch.opsfabric.http.ApiException;
import ch.opsfabric.http.ApiRequest;
import ch.opsfabric.http.ApiResponses;
import ch.opsfabric.intake.IntakeSubmission;
import ch.opsfabric.log.Log;
import ch.opsfabric.log.Metrics;
import ch.opsfabric.review.ReviewLinks;
import ch.opsfabric.site.HtmlResponses.Caching;
import ch.opsfabric.tenant.Module;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.tenant.TenantDirectory;
import ch.opsfabric.tenant.WizardFlow;
import ch.opsfabric.ticket.Ticket;
import ch.opsfabric.webhook.FormBody;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tenants' websites and the intake wizard, server-rendered. Also the API's {@code $default}
 * route: {@code /{slug}/} (with the slash API Gateway does not match to {@code /{slug}}) and the
 * friendly 404 page for every path nobody else answers.
 */
public final class SiteRendererHandler implements RequestStreamHandler {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9-]{1,64}");
    private static final Pattern HOME = Pattern.compile("/([a-z0-9-]{1,64})/");
    private static final Pattern REFERENCE = Pattern.compile("K-\\d{4}-[0-9A-Z]{4}");

    private final Clock clock;
    private final TenantDirectory tenants;
    private final ReviewLinks reviewLinks;
    private final ch.opsfabric.stats.DailyStats stats;
    private final SitePages pages;
    private final IntakeSubmission submission;
    private final ApiDispatcher dispatcher;
    private final Priming priming;

    public SiteRendererHandler() {
        this(SiteRendererWiring.fromEnvironment());
    }

    public SiteRendererHandler(SiteRendererWiring wiring) {
        this.clock = wiring.clock();
        this.tenants = wiring.tenants();
        this.reviewLinks = wiring.reviewLinks();
        this.stats = wiring.stats();
        this.pages = wiring.pages();
        this.submission = wiring.submission();
        this.dispatcher = new ApiDispatcher(Map.of(
                "GET /{slug}", this::slugOnly,
                "GET /{slug}/{page}", r -> page(r, r.pathParameter("slug").orElse(""), r.pathParameter("page").orElse("")),
                "POST /{slug}/anfrage", r -> submitForm(r, r.pathParameter("slug").orElse("")),
                "GET /r/{token}", r -> reviewClick(r, r.pathParameter("token").orElse("")),
                "$default", this::anythingElse), this::failure, wiring.origin());
        this.priming = Priming.register("site-renderer", wiring::warmUp);
    }

    /** Lambda's entry: the event JSON in, the response JSON out. */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        dispatcher.handle(input, output);
    }

    /** One request as a typed event, for in-JVM tests. */
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return dispatcher.dispatch(event);
    }

    /** Pages answer failures with a page; a client of {@code /api/...} that ended up here gets JSON. */
    private APIGatewayV2HTTPResponse failure(ApiRequest request, ApiException failure) {
        String path = request.event().getRawPath();
        if (path != null && path.startsWith("/api/")) {
            return ApiResponses.error(failure.status() == 404 ? ApiException.notFound("Diese Adresse gibt es nicht.") : failure);
        }
        String message = switch (failure.code()) {
            case "temporarily_unavailable" -> "Die Seite ist vorübergehend nicht erreichbar. Bitte versuchen Sie es in Kürze erneut.";
            default -> failure.getMessage();
        };
        return errorPage(request, null, failure.status(), message);
    }

    private APIGatewayV2HTTPResponse slugOnly(ApiRequest request) {
        String slug = request.pathParameter("slug").orElse("");
        if (slug.equals("robots.txt")) {
            return robots();
        }
        if (!SLUG.matcher(slug).matches()) {
            // /favicon.ico and the like: no tenant, no redirect
            return errorPage(request, null, 404, "Diese Seite gibt es nicht.");
        }
        String path = request.event().getRawPath();
        return path != null && path.endsWith("/") ? home(request, slug)
                : HtmlResponses.redirect(301, "/" + slug + "/", Caching.PUBLIC);
    }

    /**
     * One robots.txt for every tenant's site on this origin: the sites are for search engines,
     * the API and the tracked review links are not. The staff app needs no rule: without a
     * session every page of it is the sign-in.
     */
    private static APIGatewayV2HTTPResponse robots() {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withHeaders(Map.of("content-type", "text/plain; charset=utf-8", "cache-control", Caching.PUBLIC.header))
                .withBody("User-agent: *\nDisallow: /api/\nDisallow: /r/\n").build();
    }

    /** API Gateway's {@code $default}: the home page with its slash, an API path that exists nowhere, or a 404 page. */
    private APIGatewayV2HTTPResponse anythingElse(ApiRequest request) {
        String path = request.event().getRawPath();
        if (path != null && path.startsWith("/api/")) {
            throw ApiException.notFound("Diese Adresse gibt es nicht.");
        }
        Matcher home = HOME.matcher(path == null ? "" : path);
        String method = request.method();
        if (("GET".equals(method) || "HEAD".equals(method)) && home.matches()) {
            return home(request, home.group(1));
        }
        return errorPage(request, null, 404, "Diese Seite gibt es nicht. Vielleicht hat sich die Adresse geändert.");
    }

    private APIGatewayV2HTTPResponse home(ApiRequest request, String slug) {
        Tenant tenant = tenant(slug);
        String html = tenant.has(Module.WEBSITE) ? pages.home(tenant) : pages.landing(tenant);
        return HtmlResponses.page(request, 200, html, Caching.PUBLIC);
    }

    private APIGatewayV2HTTPResponse page(ApiRequest request, String slug, String page) {
        Tenant tenant = tenant(slug);
        boolean website = tenant.has(Module.WEBSITE);
        boolean wizard = tenant.has(Module.WIZARD);
        switch (page) {
            case "leistungen", "kontakt", "impressum" -> {
                if (website) {
                    return HtmlResponses.page(request, 200, pages.page(tenant, page), Caching.PUBLIC);
                }
            }
            case "datenschutz" -> {
                // a form that collects personal data links its privacy notice, website or not
                if (website || wizard) {
                    return HtmlResponses.page(request, 200, pages.page(tenant, page), Caching.PUBLIC);
                }
            }
            case "anfrage" -> {
                if (wizard) {
                    return wizard(request, tenant);
                }
            }
            case "danke" -> {
                if (wizard) {
                    String reference = request.query("ref").filter(r -> REFERENCE.matcher(r).matches()).orElse(null);
                    return HtmlResponses.page(request, 200, pages.thanks(tenant, reference), Caching.PRIVATE);
                }
            }
            default -> {
                // answered below
            }
        }
        return errorPage(request, tenant, 404, "Diese Seite gibt es nicht.");
    }

    private APIGatewayV2HTTPResponse wizard(ApiRequest request, Tenant tenant) {
        WizardFlow flow = request.query("flow").flatMap(id -> tenant.flow(id)).orElse(null);
        String ref = request.query("ref").filter(t -> Tokens.looksValid(t)).orElse(null);
        Map<String, String> values = new LinkedHashMap<>();
        Optional<Ticket> linked = submission.linkedTicket(tenant, ref, clock.instant());
        if (linked.isEmpty()) {
            ref = null;
        } else if (linked.get().phone() != null) {
            values.put("phone", ch.opsfabric.phone.PhoneNumbers.display(linked.get().phone()));
        }
        String html = pages.wizard(tenant, flow, ref, values, Map.of());
        // a link from our SMS carries the customer's number: such a page is theirs alone
        return HtmlResponses.page(request, 200, html, ref == null ? Caching.PUBLIC : Caching.PRIVATE);
    }

    /** The wizard without JavaScript: a plain form POST, answered with 303 to the thank-you page. */
    private APIGatewayV2HTTPResponse submitForm(ApiRequest request, String slug) {
        Tenant tenant = submission.tenantOf(slug).orElseThrow(() -> ApiException.notFound("Diesen Betrieb gibt es nicht."));
        FormBody form = RequestBody.form(request, StandardCharsets.UTF_8);
        Map<String, String> values = new LinkedHashMap<>();
        for (FormBody.Pair pair : form.pairs()) {
            if (!pair.name().equals("slug")) {
                values.put(pair.name(), pair.value());
            }
        }
        IntakeSubmission.Result result = submission.submit(slug, values, request.viewerAddress());
        String thanks = "/" + slug + "/danke";
        if (result instanceof IntakeSubmission.Accepted accepted) {
            return HtmlResponses.redirect(303, thanks + "?ref=" + accepted.ticket().reference(), Caching.PRIVATE);
        }
        if (result instanceof IntakeSubmission.Invalid invalid) {
            WizardFlow flow = tenant.flow(values.getOrDefault("flow", "")).orElse(null);
            String ref = Optional.ofNullable(values.get("ref")).filter(t -> Tokens.looksValid(t)).orElse(null);
            return HtmlResponses.page(request, 400, pages.wizard(tenant, flow, ref, values, invalid.fieldErrors()),
                    Caching.PRIVATE);
        }
        if (result instanceof IntakeSubmission.RateLimited) {
            return errorPage(request, tenant, 429, "Zu viele Anfragen. Bitte versuchen Sie es in einer Minute erneut.");
        }
        if (result instanceof IntakeSubmission.UnknownTenant) {
            return errorPage(request, null, 404, "Diesen Betrieb gibt es nicht.");
        }
        // a bot trap: answered like a success, nothing was stored
        return HtmlResponses.redirect(303, thanks, Caching.PRIVATE);
    }

    /**
     * The tracked link of a review request: the first click is recorded on the ticket, every
     * click goes on to the tenant's Google review page. No gating: everyone lands on Google.
     */
    private APIGatewayV2HTTPResponse reviewClick(ApiRequest request, String token) {
        Optional<String> target = reviewLinks.resolveLink(token).flatMap(link -> tenants.byId(link.tenantId())
                .flatMap(tenant -> tenant.config().googleReview().map(url -> {
                    if (reviewLinks.recordClick(link.tenantId(), link.ticketId(), clock.instant())) {
                        stats.count(tenant.id(), clock.instant().atZone(tenant.config().zone()).toLocalDate(),
                                ch.opsfabric.stats.DailyStats.Counter.REVIEW_CLICKS);
                    }
                    Metrics.count(Metrics.Event.REVIEW_CLICKED, link.tenantId());
                    Log.info("review.clicked", Map.of("tenant", link.tenantId(), "ticket", link.ticketId()));
                    return url;
                })));
        if (target.isEmpty()) {
            return errorPage(request, null, 404, "Dieser Link ist nicht (mehr) gültig.");
        }
        return HtmlResponses.redirect(302, target.get(), Caching.PRIVATE);
    }

    private Tenant tenant(String slug) {
        return tenants.bySlug(slug).orElseThrow(() -> new ApiException(404, "not_found",
                "Diese Seite gibt es nicht. Vielleicht hat sich die Adresse geändert."));
    }

    private APIGatewayV2HTTPResponse errorPage(ApiRequest request, Tenant tenant, int status, String message) {
        String heading = switch (status) {
            case 404 -> "Seite nicht gefunden";
            case 429 -> "Zu viele Anfragen";
            case 400, 413, 415 -> "Das hat nicht geklappt";
            default -> "Vorübergehend nicht erreichbar";
        };
        return HtmlResponses.page(request, status, pages.notFound(tenant, heading, message),
                status == 404 ? Caching.SHORT : Caching.PRIVATE);
    }

}
