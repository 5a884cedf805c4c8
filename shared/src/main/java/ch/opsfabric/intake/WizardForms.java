package ch.opsfabric.intake;

import ch.opsfabric.tenant.Branch;
import ch.opsfabric.tenant.WizardFlow;
import ch.opsfabric.ticket.Urgency;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The questions of every intake flow, step by step. One definition serves the rendered wizard
 * (labels, steps, required marks) and the server-side validation of both the JSON API and the
 * plain form POST, so a rule cannot differ between them.
 */
public final class WizardForms {

    /** One question. {@code type}: text, tel, email, date, time, number, textarea, select. */
    public record Field(String name, String label, String type, boolean required, List<String> options,
                        String autocomplete, String hint, String requiredMessage) {

        public Field {
            options = options == null ? List.of() : List.copyOf(options);
        }
    }

    public record Step(String title, List<Field> fields) {
    }

    public record Form(WizardFlow flow, String description, boolean emergency, List<Step> steps) {

        public List<Field> fields() {
            List<Field> all = new ArrayList<>();
            steps.forEach(s -> all.addAll(s.fields()));
            return all;
        }
    }

    private WizardForms() {
    }

    public static Form of(Branch branch, WizardFlow flow) {
        String id = branch.wireName() + "/" + flow.id();
        List<Step> steps = switch (id) {
            case "handwerk/notfall" -> List.of(
                    step("Ihr Notfall",
                            textarea("message", "Was ist passiert?", true, "Bitte beschreiben Sie kurz, was passiert ist."),
                            text("address", "Adresse des Einsatzorts", true, "address-line1", "Strasse, Nummer, Ort",
                                    "Bitte geben Sie an, wohin wir kommen sollen.")),
                    step("Wie erreichen wir Sie?", phone(), optionalName()));
            case "handwerk/standard" -> List.of(
                    step("Worum geht es?", select("category", "Kategorie", true,
                            List.of("Verstopfung", "Leck oder Tropfen", "Heizung", "Warmwasser", "Bad oder Küche", "Anderes"),
                            "Bitte wählen Sie eine Kategorie.")),
                    step("Beschreibung", textarea("message", "Was sollen wir erledigen?", true,
                            "Bitte beschreiben Sie Ihr Anliegen.")),
                    step("Einsatzort", text("address", "Adresse", true, "address-line1", "Strasse, Nummer, Ort",
                            "Bitte geben Sie die Adresse an.")),
                    step("Wann passt es Ihnen?", select("timing", "Zeitpunkt", false,
                            List.of("So bald wie möglich", "Diese Woche", "Nächste Woche", "Flexibel"), null)),
                    contact());
            case "handwerk/offerte" -> List.of(
                    step("Ihr Projekt", select("project", "Art des Projekts", true,
                                    List.of("Badsanierung", "Küche", "Heizungsersatz", "Neubau oder Umbau", "Anderes"),
                                    "Bitte wählen Sie die Art des Projekts."),
                            text("size", "Umfang", false, null, "z. B. Bad 8 m², zwei Nasszellen", null)),
                    step("Zeitraum und Ort",
                            text("timing", "Gewünschter Zeitraum", false, null, "z. B. Frühling 2027", null),
                            text("address", "Adresse des Objekts", false, "address-line1", null, null)),
                    step("Bemerkungen", textarea("message", "Was sollten wir noch wissen?", false, null)),
                    contact());
            case "gastro/reservierung" -> List.of(
                    step("Ihre Reservierung", input("date", "Datum", "date", true, "Bitte wählen Sie ein Datum."),
                            input("time", "Uhrzeit", "time", true, "Bitte wählen Sie eine Uhrzeit."),
                            input("persons", "Anzahl Personen", "number", true, "Bitte geben Sie die Anzahl Personen an.")),
                    step("Wünsche", textarea("message", "Besondere Wünsche", false, null)),
                    contact());
            case "gastro/event" -> List.of(
                    step("Ihr Anlass", input("date", "Datum", "date", true, "Bitte wählen Sie ein Datum."),
                            input("persons", "Anzahl Personen", "number", true, "Bitte geben Sie die Anzahl Personen an."),
                            text("occasion", "Anlass", false, null, "z. B. Geburtstag, Firmenessen", null)),
                    step("Wünsche", textarea("message", "Menü, Ablauf, Wünsche", false, null)),
                    contact());
            case "gastro/catering" -> List.of(
                    step("Ihr Catering", input("date", "Datum", "date", true, "Bitte wählen Sie ein Datum."),
                            input("persons", "Anzahl Personen", "number", true, "Bitte geben Sie die Anzahl Personen an."),
                            text("location", "Ort", false, "address-line1", null, null)),
                    step("Wünsche", textarea("message", "Was dürfen wir vorbereiten?", false, null)),
                    contact());
            case "beauty/termin" -> List.of(
                    step("Ihr Termin", text("service", "Gewünschte Behandlung", true, null, null,
                                    "Bitte geben Sie die gewünschte Behandlung an."),
                            input("date", "Wunschdatum", "date", false, null)),
                    contact());
            case "beauty/beratung" -> List.of(
                    step("Ihre Frage", textarea("message", "Wobei dürfen wir Sie beraten?", true,
                            "Bitte beschreiben Sie Ihr Anliegen.")),
                    contact());
            case "allgemein/offerte" -> List.of(
                    step("Ihr Projekt", textarea("message", "Was sollen wir offerieren?", true,
                                    "Bitte beschreiben Sie, was wir offerieren sollen."),
                            text("timing", "Gewünschter Zeitraum", false, null, null, null)),
                    contact());
            default -> List.of(
                    step("Ihr Anliegen", textarea("message", "Wie können wir helfen?", true,
                            "Bitte beschreiben Sie Ihr Anliegen.")),
                    contact());
        };
        return new Form(flow, DESCRIPTIONS.getOrDefault(id, ""), flow.urgency() == Urgency.HIGH, steps);
    }

    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "handwerk/notfall", "Wasser, Heizung, Gas: wir kommen so schnell wie möglich.",
            "handwerk/standard", "Reparatur, Service oder Montage – in fünf kurzen Schritten.",
            "handwerk/offerte", "Sie planen ein Projekt? Wir erstellen Ihnen eine Offerte.",
            "gastro/reservierung", "Reservieren Sie Ihren Tisch.",
            "gastro/event", "Geburtstag, Firmenessen, Apéro – wir richten Ihren Anlass aus.",
            "gastro/catering", "Unsere Küche kommt zu Ihnen.",
            "beauty/termin", "Wunschtermin anfragen.",
            "beauty/beratung", "Persönliche Beratung.");

    private static Step step(String title, Field... fields) {
        return new Step(title, List.of(fields));
    }

    private static Step contact() {
        return step("Ihre Kontaktdaten", new Field("name", "Name", "text", true, null, "name", null,
                "Bitte geben Sie Ihren Namen an."), phone(), new Field("email", "E-Mail", "email", false, null,
                "email", "Für eine Bestätigung per E-Mail", null));
    }

    private static Field phone() {
        return new Field("phone", "Telefonnummer", "tel", true, null, "tel", "z. B. 079 123 45 67",
                "Bitte geben Sie Ihre Telefonnummer an, damit wir Sie zurückrufen können.");
    }

    private static Field optionalName() {
        return new Field("name", "Name", "text", false, null, "name", null, null);
    }

    private static Field text(String name, String label, boolean required, String autocomplete, String hint, String message) {
        return new Field(name, label, "text", required, null, autocomplete, hint, message);
    }

    private static Field input(String name, String label, String type, boolean required, String message) {
        return new Field(name, label, type, required, null, null, null, message);
    }

    private static Field textarea(String name, String label, boolean required, String message) {
        return new Field(name, label, "textarea", required, null, null, null, message);
    }

    private static Field select(String name, String label, boolean required, List<String> options, String message) {
        return new Field(name, label, "select", required, options, null, null, message);
    }
}
