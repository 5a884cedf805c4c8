package ch.opsfabric.voiceagent;

import ch.opsfabric.json.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The tools the model may call: {@code record_request} fills the ticket (what happened, the
 * address, date and time, persons, the treatment, the urgency and a three-line summary),
 * {@code hand_off} asks for a person, {@code end_call} finishes a complete request.
 */
final class AgentTools {

    static final String RECORD = "record_request";
    static final String HAND_OFF = "hand_off";
    static final String END = "end_call";

    private AgentTools() {
    }

    static ArrayNode definitions() {
        ArrayNode tools = Json.array();
        ObjectNode record = function(tools, RECORD, "Hält fest, was die anrufende Person braucht. Mehrmals aufrufbar; "
                + "spätere Angaben ergänzen frühere.");
        ObjectNode properties = record.putObject("properties");
        for (String[] field : new String[][] {
                {"concern", "Das Anliegen in einem Satz"}, {"address", "Adresse des Einsatzorts"},
                {"date", "Gewünschtes Datum, ISO yyyy-mm-dd"}, {"time", "Gewünschte Uhrzeit, HH:mm"},
                {"persons", "Anzahl Personen"}, {"treatment", "Gewünschte Behandlung"}, {"name", "Name der Person"},
                {"summary", "Zusammenfassung in höchstens drei Zeilen, auf Deutsch"}}) {
            properties.putObject(field[0]).put("type", "string").put("description", field[1]);
        }
        properties.putObject("urgency").put("type", "string").put("description", "low, medium oder high")
                .putArray("enum").add("low").add("medium").add("high");
        record.putArray("required").add("concern");
        function(tools, HAND_OFF, "Die Person möchte mit einem Menschen sprechen.").putObject("properties");
        function(tools, END, "Das Anliegen ist vollständig aufgenommen; das Gespräch endet nach der Verabschiedung.")
                .putObject("properties");
        return tools;
    }

    /** Adds one function tool and answers its (empty) parameters object. */
    private static ObjectNode function(ArrayNode tools, String name, String description) {
        ObjectNode function = tools.addObject().put("type", "function").putObject("function")
                .put("name", name).put("description", description);
        ObjectNode parameters = function.putObject("parameters").put("type", "object");
        return parameters;
    }
}
