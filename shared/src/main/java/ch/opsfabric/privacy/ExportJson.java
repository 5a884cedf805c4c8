package ch.opsfabric.privacy;

import ch.opsfabric.contact.Contact;
import ch.opsfabric.http.TicketJson;
import ch.opsfabric.json.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The JSON a person receives: the same document from the staff API and from the dashboard. */
public final class ExportJson {

    private ExportJson() {
    }

    public static ObjectNode write(PersonalData.Export export, String business, Instant now) {
        ObjectNode answer = Json.object().put("exportedAt", now.toString()).put("business", business);
        answer.set("contact", contact(export.contact()));
        ArrayNode tickets = answer.putArray("tickets");
        export.tickets().forEach(t -> tickets.add(TicketJson.write(t, now)));
        ObjectNode optedOut = answer.putObject("optedOut");
        export.optedOut().forEach(optedOut::put);
        records(answer.putArray("records"), export.held());
        records(answer.putArray("messages"), export.messages());
        return answer;
    }

    public static ObjectNode contact(Contact contact) {
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

    private static void records(ArrayNode array, List<PersonalRecords.Record> records) {
        for (PersonalRecords.Record record : records) {
            ObjectNode node = array.addObject().put("kind", record.kind());
            ObjectNode attributes = node.putObject("attributes");
            record.attributes().forEach(attributes::put);
        }
    }

    private static void add(ArrayNode array, Set<String> values) {
        values.stream().sorted().forEach(array::add);
    }
}
