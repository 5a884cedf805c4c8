package ch.opsfabric.tenant;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The modules a tenant has switched on. A module that is off is really off: its routes answer 404. */
public final class Modules {

    private final Set<Module> on;

    private Modules(Set<Module> on) {
        EnumSet<Module> copy = on.isEmpty() ? EnumSet.noneOf(Module.class) : EnumSet.copyOf(on);
        copy.add(Module.TICKETS);
        this.on = Collections.unmodifiableSet(copy);
    }

    public static Modules of(Set<Module> on) {
        return new Modules(on);
    }

    /** What a new tenant of the branch starts with: the live modules, WhatsApp as the branch says. */
    public static Modules defaults(Branch branch) {
        EnumSet<Module> on = EnumSet.of(Module.TICKETS, Module.SMS, Module.WEBSITE, Module.WIZARD,
                Module.MISSED_CALL, Module.REVIEW_ENGINE);
        if (branch.whatsappDefault()) {
            on.add(Module.WHATSAPP);
        }
        return new Modules(on);
    }

    /** Branch defaults overridden by explicit switches ({@code {"website": false}}). */
    public static Modules defaultsWith(Branch branch, Map<Module, Boolean> switches) {
        EnumSet<Module> on = EnumSet.copyOf(defaults(branch).on);
        switches.forEach((module, enabled) -> {
            if (enabled) {
                on.add(module);
            } else {
                on.remove(module);
            }
        });
        return new Modules(on);
    }

    public boolean isOn(Module module) {
        return on.contains(module);
    }

    public Set<Module> enabled() {
        return on;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Modules other && other.on.equals(on);
    }

    @Override
    public int hashCode() {
        return on.hashCode();
    }

    @Override
    public String toString() {
        return on.toString();
    }
}
