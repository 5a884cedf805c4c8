package ch.opsfabric.site;

import ch.opsfabric.intake.WizardForms;
import ch.opsfabric.phone.PhoneNumbers;
import ch.opsfabric.tenant.Module;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.tenant.WizardFlow;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Builds each page's model from the tenant's configuration and renders it. Plain maps for the
 * templates: mustache.java reads them without bean introspection.
 */
final class SitePages {

    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?");

    private final PageTemplates templates;
    private final String publicBaseUrl;

    SitePages(PageTemplates templates, String publicBaseUrl) {
        this.templates = templates;
        this.publicBaseUrl = publicBaseUrl;
    }

    String home(Tenant tenant) {
        Map<String, Object> model = base(tenant, "", tenant.name() + " – " + cityOf(tenant),
                tenant.config().document().path("heroText").asText(tenant.name()));
        model.put("jsonLd", JsonLd.embed(JsonLd.localBusiness(tenant, publicBaseUrl + "/" + tenant.slug() + "/")));
        JsonNode reviews = tenant.config().document().path("reviews");
        List<Map<String, Object>> reviewList = new ArrayList<>();
        int sum = 0;
        for (JsonNode r : reviews) {
            int rating = Math.max(0, Math.min(5, r.path("rating").asInt(0)));
            if (rating == 0) {
                continue;
            }
            sum += rating;
            reviewList.add(Map.of("author", r.path("author").asText("Kunde"), "text", r.path("text").asText(""),
                    "stars", "★".repeat(rating) + "☆".repeat(5 - rating)));
        }
        model.put("reviews", reviewList);
        model.put("hasReviews", !reviewList.isEmpty());
        if (!reviewList.isEmpty()) {
            model.put("rating", true);
            model.put("ratingText", JsonLd.average(sum, reviewList.size()).toPlainString().replace('.', ','));
            model.put("reviewCountText", reviewList.size() == 1 ? "1 Bewertung" : reviewList.size() + " Bewertungen");
        }
        model.put("heritageText", text(tenant.config().document().path("heritageText")));
        model.put("heroText", text(tenant.config().document().path("heroText")));
        model.put("missedCall", tenant.has(Module.MISSED_CALL));
        return templates.render("home", model);
    }

    String page(Tenant tenant, String page) {
        String title = switch (page) {
            case "leistungen" -> "Leistungen";
            case "kontakt" -> "Kontakt";
            case "impressum" -> "Impressum";
            case "datenschutz" -> "Datenschutz";
            default -> throw new IllegalArgumentException(page);
        };
        Map<String, Object> model = base(tenant, page, title + " – " + tenant.name(),
                title + " von " + tenant.name() + ", " + cityOf(tenant));
        if (!tenant.has(Module.WEBSITE)) {
            model.put("nav", List.of());
            model.put("hasNav", false);
        }
        return templates.render(page, model);
    }

    String landing(Tenant tenant) {
        Map<String, Object> model = base(tenant, "", tenant.name() + " – " + cityOf(tenant),
                "Kontakt und Öffnungszeiten von " + tenant.name());
        model.put("nav", List.of());
        model.put("hasNav", false);
        return templates.render("landing", model);
    }

    String thanks(Tenant tenant, String reference) {
        Map<String, Object> model = base(tenant, "anfrage", "Vielen Dank – " + tenant.name(),
                "Ihre Anfrage bei " + tenant.name());
        model.put("noindex", true);
        model.remove("canonical");
        if (reference != null) {
            model.put("reference", reference);
        }
        return templates.render("danke", model);
    }

    String notFound(Tenant tenant, String heading, String message) {
        Map<String, Object> model = tenant == null ? neutral() : base(tenant, "", heading + " – " + tenant.name(), message);
        model.put("title", tenant == null ? heading : heading + " – " + tenant.name());
        model.put("heading", heading);
        model.put("message", message);
        model.put("noindex", true);
        model.remove("canonical");
        if (tenant != null) {
            model.put("back", "/" + tenant.slug() + "/");
        }
        return templates.render("notfound", model);
    }

    /**
     * The wizard: without a flow the choice of flows (plain links, so it works without
     * JavaScript); with a flow its form, prefilled with {@code values} and annotated with
     * {@code errors} when a plain POST came back invalid.
     */
    String wizard(Tenant tenant, WizardFlow flow, String ref, Map<String, String> values, Map<String, String> errors) {
        String base = "/" + tenant.slug();
        Map<String, Object> model = base(tenant, "anfrage", (flow == null ? "Anfrage" : flow.label()) + " – " + tenant.name(),
                "Anfrage an " + tenant.name() + ": wir melden uns innert " + slaText(tenant) + ".");
        String refQuery = ref == null ? "" : "&ref=" + ref;
        if (flow == null) {
            model.put("heading", "Anfrage an " + tenant.name());
            List<Map<String, Object>> flows = new ArrayList<>();
            for (WizardFlow f : tenant.flows()) {
                WizardForms.Form form = WizardForms.of(tenant.branch(), f);
                flows.add(Map.of("href", base + "/anfrage?flow=" + f.id() + refQuery, "label", f.label(),
                        "description", form.description().isEmpty() ? "Schildern Sie uns Ihr Anliegen." : form.description()));
            }
            model.put("flows", flows);
            return templates.render("anfrage", model);
        }
        WizardForms.Form form = WizardForms.of(tenant.branch(), flow);
        model.put("heading", form.emergency() ? "Notfall melden" : flow.label());
        model.put("canonical", publicBaseUrl + base + "/anfrage?flow=" + flow.id());
        Map<String, Object> formModel = new HashMap<>();
        formModel.put("emergency", form.emergency());
        formModel.put("description", form.description());
        formModel.put("chooseHref", base + "/anfrage" + (ref == null ? "" : "?ref=" + ref));
        formModel.put("action", base + "/anfrage");
        formModel.put("thanks", base + "/danke");
        formModel.put("slug", tenant.slug());
        formModel.put("flowId", flow.id());
        formModel.put("base", base);
        if (ref != null) {
            formModel.put("ref", ref);
        }
        String phone = tenant.config().contactPhone();
        if (phone != null) {
            formModel.put("callNow", PhoneNumbers.display(phone));
            formModel.put("callNowE164", phone);
        }
        List<Map<String, Object>> steps = new ArrayList<>();
        for (WizardForms.Step step : form.steps()) {
            List<Map<String, Object>> fields = new ArrayList<>();
            for (WizardForms.Field field : step.fields()) {
                fields.add(field(field, values.getOrDefault(field.name(), ""), errors.get(field.name())));
            }
            steps.add(Map.of("title", step.title(), "fields", fields));
        }
        formModel.put("steps", steps);
        List<Map<String, String>> errorList = new ArrayList<>();
        errors.forEach((field, message) -> errorList.add(Map.of("field", field, "message", message)));
        formModel.put("errorList", errorList);
        formModel.put("hasErrors", !errorList.isEmpty());
        model.put("form", formModel);
        model.put("script", templates.wizardScript());
        return templates.render("anfrage", model);
    }

    private static Map<String, Object> field(WizardForms.Field field, String value, String error) {
        Map<String, Object> m = new HashMap<>();
        m.put("name", field.name());
        m.put("label", field.label());
        m.put("type", field.type());
        m.put("required", field.required());
        m.put("requiredMessage", field.requiredMessage() == null ? "Bitte ausfüllen." : field.requiredMessage());
        m.put("isTextarea", field.type().equals("textarea"));
        m.put("isSelect", field.type().equals("select"));
        m.put("isInput", !field.type().equals("textarea") && !field.type().equals("select"));
        m.put("isNumber", field.type().equals("number"));
        m.put("autocomplete", field.autocomplete());
        m.put("hint", field.hint());
        m.put("describedBy", (field.hint() == null ? "" : "h-" + field.name() + " ") + "e-" + field.name());
        m.put("value", value);
        m.put("error", error);
        m.put("invalid", error != null);
        List<Map<String, Object>> options = new ArrayList<>();
        for (String option : field.options()) {
            options.add(Map.of("label", option, "selected", option.equals(value)));
        }
        m.put("options", options);
        return m;
    }

    /** What every page of a tenant shows: theme, navigation, contact, footer. */
    private Map<String, Object> base(Tenant tenant, String current, String title, String description) {
        JsonNode config = tenant.config().document();
        String base = "/" + tenant.slug();
        Map<String, Object> model = new HashMap<>();
        model.put("title", title);
        model.put("description", description);
        model.put("business", tenant.name());
        model.put("base", base);
        model.put("home", base + "/");
        model.put("canonical", publicBaseUrl + base + "/" + current);
        model.put("logoText", config.path("theme").path("logoText").asText(tenant.name()));
        model.put("primary", color(config.path("theme").path("primary"), "#1f4e79"));
        model.put("primaryHex", ((String) model.get("primary")).substring(1));
        model.put("accent", color(config.path("theme").path("accent"), "#f2c94c"));
        model.put("onPrimary", readableOn((String) model.get("primary")));
        model.put("onAccent", readableOn((String) model.get("accent")));
        model.put("wizard", tenant.has(Module.WIZARD));
        boolean website = tenant.has(Module.WEBSITE);
        model.put("legalLinks", website);
        List<Map<String, Object>> nav = new ArrayList<>();
        if (website) {
            nav.add(navItem("Start", base + "/", current.isEmpty()));
            nav.add(navItem("Leistungen", base + "/leistungen", current.equals("leistungen")));
            nav.add(navItem("Kontakt", base + "/kontakt", current.equals("kontakt")));
            if (tenant.has(Module.WIZARD)) {
                nav.add(navItem("Anfrage", base + "/anfrage", current.equals("anfrage")));
            }
        }
        model.put("nav", nav);
        model.put("hasNav", !nav.isEmpty());
        JsonNode contact = config.path("contact");
        Map<String, Object> contactModel = new LinkedHashMap<>();
        contactModel.put("business", tenant.name());
        contactModel.put("street", contact.path("street").asText(""));
        contactModel.put("postalCode", contact.path("postalCode").asText(""));
        contactModel.put("city", contact.path("city").asText(""));
        if (tenant.config().contactPhone() != null) {
            contactModel.put("phone", PhoneNumbers.display(tenant.config().contactPhone()));
            contactModel.put("phoneE164", tenant.config().contactPhone());
        }
        contactModel.put("email", tenant.config().contactEmail());
        model.put("contact", contactModel);
        List<String> hours = new ArrayList<>();
        contact.path("openingHours").forEach(h -> hours.add(h.asText()));
        model.put("openingHours", hours);
        model.put("hasOpeningHours", !hours.isEmpty());
        List<Map<String, String>> services = new ArrayList<>();
        config.path("services").forEach(s -> services.add(Map.of("name", s.path("name").asText(""),
                "description", s.path("description").asText(""))));
        model.put("services", services);
        model.put("hasServices", !services.isEmpty());
        JsonNode legal = config.path("legal");
        if (legal.isObject()) {
            Map<String, Object> legalModel = new HashMap<>();
            legalModel.put("uid", text(legal.path("uid")));
            legalModel.put("responsiblePerson", text(legal.path("responsiblePerson")));
            model.put("legal", legalModel);
        }
        model.put("slaText", slaText(tenant));
        return model;
    }

    private Map<String, Object> neutral() {
        Map<String, Object> model = new HashMap<>();
        model.put("business", "OpsFabric");
        model.put("logoText", "OpsFabric");
        model.put("home", "/");
        model.put("primary", "#1f4e79");
        model.put("primaryHex", "1f4e79");
        model.put("accent", "#f2c94c");
        model.put("onPrimary", "#fff");
        model.put("onAccent", "#111827");
        model.put("nav", List.of());
        model.put("hasNav", false);
        model.put("description", "Diese Seite gibt es nicht.");
        return model;
    }

    private static Map<String, Object> navItem(String label, String href, boolean current) {
        return Map.of("label", label, "href", href, "current", current);
    }

    static String slaText(Tenant tenant) {
        Duration sla = tenant.config().slaResponse();
        long minutes = sla.toMinutes();
        if (minutes % 60 == 0) {
            long hours = minutes / 60;
            return hours == 1 ? "einer Stunde" : hours + " Stunden";
        }
        return minutes + " Minuten";
    }

    private static String cityOf(Tenant tenant) {
        return tenant.config().document().path("contact").path("city").asText("Schweiz");
    }

    private static String color(JsonNode node, String fallback) {
        String value = node.asText("");
        return COLOR.matcher(value).matches() ? value : fallback;
    }

    /**
     * Black or white text, whichever contrasts more with the tenant's colour (WCAG relative
     * luminance), so any brand colour keeps buttons and the header readable.
     */
    static String readableOn(String hex) {
        String h = hex.length() == 4
                ? "" + hex.charAt(1) + hex.charAt(1) + hex.charAt(2) + hex.charAt(2) + hex.charAt(3) + hex.charAt(3)
                : hex.substring(1);
        double luminance = 0;
        double[] weights = {0.2126, 0.7152, 0.0722};
        for (int i = 0; i < 3; i++) {
            double c = Integer.parseInt(h.substring(i * 2, i * 2 + 2), 16) / 255.0;
            c = c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
            luminance += weights[i] * c;
        }
        double contrastWithWhite = 1.05 / (luminance + 0.05);
        double contrastWithDark = (luminance + 0.05) / 0.0598;
        return contrastWithWhite >= contrastWithDark ? "#fff" : "#111827";
    }

    private static String text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }
}
