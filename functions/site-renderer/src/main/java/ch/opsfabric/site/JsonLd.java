package ch.opsfabric.site;

import ch.opsfabric.json.Json;
import ch.opsfabric.tenant.Branch;
import ch.opsfabric.tenant.Tenant;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Set;

/**
 * schema.org {@code LocalBusiness} for a tenant's home page: the most specific type for its
 * trade, address, phone, opening hours, the rating computed from the configured reviews, and the
 * services as an offer catalog.
 */
final class JsonLd {

    /** Types a tenant may name in {@code config.schemaType}; otherwise the branch decides. */
    static final Set<String> ALLOWED_TYPES = ch.opsfabric.tenant.ConfigRules.SCHEMA_TYPES;

    private static final Map<Branch, String> BRANCH_TYPES = Map.of(
            Branch.HANDWERK, "HomeAndConstructionBusiness",
            Branch.GASTRO, "Restaurant",
            Branch.BEAUTY, "BeautySalon",
            Branch.ALLGEMEIN, "LocalBusiness");

    private JsonLd() {
    }

    static String type(Tenant tenant) {
        String configured = tenant.config().document().path("schemaType").asText("");
        return ALLOWED_TYPES.contains(configured) ? configured : BRANCH_TYPES.get(tenant.branch());
    }

    static ObjectNode localBusiness(Tenant tenant, String url) {
        JsonNode config = tenant.config().document();
        JsonNode contact = config.path("contact");
        ObjectNode node = Json.object()
                .put("@context", "https://schema.org")
                .put("@type", type(tenant))
                .put("@id", url + "#business")
                .put("name", tenant.name())
                .put("url", url);
        if (tenant.config().contactPhone() != null) {
            node.put("telephone", tenant.config().contactPhone());
        }
        if (tenant.config().contactEmail() != null) {
            node.put("email", tenant.config().contactEmail());
        }
        if (config.hasNonNull("heroText")) {
            node.put("description", config.get("heroText").asText());
        }
        if (contact.has("street")) {
            node.putObject("address")
                    .put("@type", "PostalAddress")
                    .put("streetAddress", contact.path("street").asText())
                    .put("postalCode", contact.path("postalCode").asText())
                    .put("addressLocality", contact.path("city").asText())
                    .put("addressCountry", "CH");
        }
        ArrayNode hours = Json.array();
        contact.path("openingHours").forEach(h -> hours.add(h.asText()));
        if (!hours.isEmpty()) {
            node.set("openingHours", hours);
        }
        JsonNode reviews = config.path("reviews");
        int count = 0;
        int sum = 0;
        ArrayNode reviewNodes = Json.array();
        for (JsonNode review : reviews) {
            int rating = review.path("rating").asInt(0);
            if (rating < 1 || rating > 5) {
                continue;
            }
            count++;
            sum += rating;
            ObjectNode r = reviewNodes.addObject().put("@type", "Review");
            r.putObject("author").put("@type", "Person").put("name", review.path("author").asText("Kunde"));
            r.putObject("reviewRating").put("@type", "Rating").put("ratingValue", rating).put("bestRating", 5);
            r.put("reviewBody", review.path("text").asText(""));
        }
        if (count > 0) {
            node.putObject("aggregateRating")
                    .put("@type", "AggregateRating")
                    .put("ratingValue", average(sum, count).toPlainString())
                    .put("reviewCount", count)
                    .put("bestRating", 5)
                    .put("worstRating", 1);
            node.set("review", reviewNodes);
        }
        JsonNode services = config.path("services");
        if (services.isArray() && !services.isEmpty()) {
            ObjectNode catalog = node.putObject("hasOfferCatalog").put("@type", "OfferCatalog").put("name", "Leistungen");
            ArrayNode items = catalog.putArray("itemListElement");
            for (JsonNode service : services) {
                ObjectNode offered = items.addObject().put("@type", "Offer").putObject("itemOffered");
                offered.put("@type", "Service").put("name", service.path("name").asText());
                if (service.hasNonNull("description")) {
                    offered.put("description", service.get("description").asText());
                }
            }
        }
        return node;
    }

    static BigDecimal average(int sum, int count) {
        return BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 1, RoundingMode.HALF_UP);
    }

    /** Safe inside a {@code <script>} element: no {@code </script>} can close it early. */
    static String embed(ObjectNode node) {
        return Json.write(node).replace("</", "<\\/");
    }
}
