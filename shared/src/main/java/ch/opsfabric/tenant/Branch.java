package ch.opsfabric.tenant;

import ch.opsfabric.ticket.Urgency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Branch profiles preconfigure the wizard flows and which modules are on by default. */
public enum Branch {
    HANDWERK(false,
            new WizardFlow("notfall", "Notfall", Urgency.HIGH),
            new WizardFlow("standard", "Auftrag / Reparatur", Urgency.MEDIUM),
            new WizardFlow("offerte", "Offerte", Urgency.LOW)),
    GASTRO(true,
            new WizardFlow("reservierung", "Reservierung", Urgency.MEDIUM),
            new WizardFlow("event", "Event / Gesellschaft", Urgency.MEDIUM),
            new WizardFlow("catering", "Catering", Urgency.LOW)),
    BEAUTY(true,
            new WizardFlow("termin", "Termin", Urgency.MEDIUM),
            new WizardFlow("beratung", "Beratung", Urgency.LOW)),
    ALLGEMEIN(false,
            new WizardFlow("anfrage", "Anfrage", Urgency.MEDIUM),
            new WizardFlow("offerte", "Offerte", Urgency.LOW));

    private final boolean whatsappDefault;
    private final List<WizardFlow> flows;

    Branch(boolean whatsappDefault, WizardFlow... flows) {
        this.whatsappDefault = whatsappDefault;
        this.flows = List.of(flows);
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Branch fromWire(String value) {
        return valueOf(value.strip().toUpperCase(Locale.ROOT));
    }

    public List<WizardFlow> flows() {
        return flows;
    }

    public Optional<WizardFlow> flow(String id) {
        return flows.stream().filter(f -> f.id().equals(id)).findFirst();
    }

    public boolean whatsappDefault() {
        return whatsappDefault;
    }
}
