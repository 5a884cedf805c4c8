package ch.opsfabric.ticketintake;

import ch.opsfabric.contact.Contact;
import ch.opsfabric.contact.Contacts;
import ch.opsfabric.http.ApiException;
import ch.opsfabric.http.ApiRequest;
import ch.opsfabric.http.ApiResponses;
import ch.opsfabric.http.ApiRoute;
import ch.opsfabric.http.JsonBody;
import ch.opsfabric.json.Json;
import ch.opsfabric.log.Log;
import ch.opsfabric.tenant.Tenant;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The staff API on contacts: {@code GET /api/contacts/{id}} (numbers, addresses, tickets, and
 * the contacts one message named alongside it) and {@code POST /api/contacts/{id}/merge} with
 * {@code {"into":"<id>"}}, which moves that contact's numbers, addresses and tickets into the
 * other. A merge can be repeated (it finishes one that stopped); another tenant's id is not found.
 */
final class ContactRoutes {

    private static final Pattern ID = Pattern.compile("C[0-9A-Z]{15}");

    private ContactRoutes() {
    }

    static ApiRoute get(Contacts contacts, StaffAuth auth) {
        return request -> {
            Tenant tenant = auth.tenantOf(request);
            Contact contact = find(contacts, tenant, request.pathParameter("id").orElse(""));
            return ApiResponses.json(200, write(contact));
        };
    }

    static ApiRoute merge(Clock clock, Contacts contacts, StaffAuth auth) {
        return request -> {
            Tenant tenant = auth.tenantOf(request);
            String from = request.pathParameter("id").orElse("");
            find(contacts, tenant, from);
            JsonNode body = JsonBody.requireObject(request);
            JsonNode into = body.path("into");
            if (!into.isTextual() || !ID.matcher(into.asText()).matches() || body.size() != 1) {
                throw ApiException.validation(Map.of("into", "Die Kontakt-ID, in die zusammengeführt wird (C…)."));
            }
            Contacts.MergeOutcome outcome = contacts.merge(tenant.id(), from, into.asText(), clock.instant());
            if (outcome.refusal() != null) {
                throw refusal(outcome.refusal());
            }
            Log.info("contact.merged", Map.of("tenant", tenant.id(), "from", from, "into", into.asText(),
                    "tickets", outcome.ticketsMoved()));
            ObjectNode answer = write(outcome.contact());
            answer.put("ticketsMoved", outcome.ticketsMoved()).put("identifiersMoved", outcome.pointersMoved());
            return ApiResponses.json(200, answer);
        };
    }

    private static Contact find(Contacts contacts, Tenant tenant, String id) {
        if (!ID.matcher(id).matches()) {
            throw ApiException.notFound("Diesen Kontakt gibt es nicht.");
        }
        return contacts.contact(tenant.id(), id).orElseThrow(() -> ApiException.notFound("Diesen Kontakt gibt es nicht."));
    }

    private static ApiException refusal(Contacts.MergeOutcome.Refusal refusal) {
        return switch (refusal) {
            case SAME_CONTACT -> ApiException.validation(Map.of("into", "Ein Kontakt lässt sich nicht mit sich selbst zusammenführen."));
            case NOT_FOUND -> ApiException.notFound("Diesen Kontakt gibt es nicht.");
            case TARGET_MERGED -> new ApiException(409, "target_merged",
                    "Der Zielkontakt wurde selbst schon zusammengeführt; nehmen Sie den, in den er aufging.");
            case MERGED_ELSEWHERE -> new ApiException(409, "merged_elsewhere",
                    "Dieser Kontakt wurde schon in einen anderen zusammengeführt.");
        };
    }

    static ObjectNode write(Contact contact) {
        ObjectNode node = Json.object().put("id", contact.id());
        if (contact.name() != null) {
            node.put("name", contact.name());
        }
        add(node.putArray("phones"), contact.phones());
        add(node.putArray("emails"), contact.emails());
        add(node.putArray("tickets"), contact.ticketIds());
        add(node.putArray("suspects"), contact.suspects());
        if (contact.mergedInto() != null) {
            node.put("mergedInto", contact.mergedInto());
        }
        if (contact.createdAt() != null) {
            node.put("createdAt", contact.createdAt().toString());
        }
        return node;
    }

    private static void add(ArrayNode array, java.util.Set<String> values) {
        values.stream().sorted().forEach(array::add);
    }
}
