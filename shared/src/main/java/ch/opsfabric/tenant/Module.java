package ch.opsfabric.tenant;

import java.util.Locale;
import java.util.Optional;

/** Switchable capabilities of a tenant. {@link #TICKETS} is always on. */
public enum Module {
    TICKETS, SMS, WEBSITE, WIZARD, MISSED_CALL, REVIEW_ENGINE, WHATSAPP, EMAIL, VOICE_AGENT, DASHBOARD;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Module> fromWire(String value) {
        for (Module m : values()) {
            if (m.wireName().equals(value)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
