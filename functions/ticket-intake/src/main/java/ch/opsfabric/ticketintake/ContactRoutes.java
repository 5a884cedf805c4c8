package ch.opsfabric.ticketintake;

import ch.opsfabric.contact.Contact;
import ch.opsfabric.contact.Contacts;
import ch.opsfabric.http.ApiException;
import ch.opsfabric.http.ApiResponses;
import ch.opsfabric.http.ApiRoute;
import ch.opsfabric.http.RequestBody;
import ch.opsfabric.json.Json;
import ch.opsfabric.log.Log;
import ch.opsfabric.privacy.ExportJson;
import ch.opsfabric.privacy.PersonalData;
import ch.opsfabric.tenant.Tenant;
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
 * The person's rights (revDSG): {@code GET /api/contacts/{id}/export} (everything held, as JSON)
 * and {@code POST /api/contacts/{id}/erase} with {@code {"confirm":"<id>"}} (see {@link PersonalData}).
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
            JsonNode body = RequestBody.jsonObject(request);
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

    static ApiRoute export(Clock clock, PersonalData personal, StaffAuth auth) {
        return request -> {
            Tenant tenant = auth.tenantOf(request);
            String id = validId(request.pathParameter("id").orElse(""));
            PersonalData.Export export = personal.export(tenant.id(), id)
                    .orElseThrow(() -> ApiException.notFound("Diesen Kontakt gibt es nicht."));
            ObjectNode answer = ExportJson.write(export, tenant.name(), clock.instant());
            Log.info("contact.exported", Map.of("tenant", tenant.id(), "contact", export.contact().id(),
                    "tickets", export.tickets().size()));
            return ApiResponses.json(200, answer);
        };
    }

    static ApiRoute erase(PersonalData personal, StaffAuth auth) {
        return request -> {
            Tenant tenant = auth.tenantOf(request);
            String id = validId(request.pathParameter("id").orElse(""));
            JsonNode body = RequestBody.jsonObject(request);
            if (!id.equals(body.path("confirm").asText()) || body.size() != 1) {
                throw ApiException.validation(Map.of("confirm",
                        "Zur Bestätigung die ID des Kontakts, dessen Daten gelöscht werden (nicht umkehrbar)."));
            }
            if (!(personal.erase(tenant.id(), id) instanceof PersonalData.Erased erased)) {
                throw ApiException.notFound("Diesen Kontakt gibt es nicht.");
            }
            Log.info("contact.erased", Map.of("tenant", tenant.id(), "contact", erased.contactId(),
                    "tickets", erased.tickets(), "messages", erased.messages(), "items", erased.heldItems(),
                    "attachments", erased.attachments()));
            return ApiResponses.json(200, Json.object().put("contactId", erased.contactId()).put("ticketsErased", erased.tickets())
                    .put("messagesErased", erased.messages()).put("itemsDeleted", erased.heldItems())
                    .put("attachmentsDeleted", erased.attachments()).put("optOutsKept", erased.optOutsKept()));
        };
    }

    private static String validId(String id) {
        if (!ID.matcher(id).matches()) {
            throw ApiException.notFound("Diesen Kontakt gibt es nicht.");
        }
        return id;
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
        return ExportJson.contact(contact);
    }
}
