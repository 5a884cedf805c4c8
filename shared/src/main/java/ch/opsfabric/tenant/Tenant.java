package ch.opsfabric.tenant;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A business using OpsFabric ("customer" in the seed data). */
public record Tenant(String id, String slug, String name, Branch branch, Modules modules, TenantConfig config) {

    public boolean has(Module module) {
        return modules.isOn(module);
    }

    /**
     * The wizard flows this business offers: those its config names ({@code wizardFlows}, ids of
     * its branch's flows, in that order), else every flow of its branch.
     */
    public List<WizardFlow> flows() {
        var chosen = config.document().path("wizardFlows");
        if (!chosen.isArray() || chosen.isEmpty()) {
            return branch.flows();
        }
        List<WizardFlow> flows = new ArrayList<>();
        chosen.forEach(id -> branch.flow(id.asText()).ifPresent(flows::add));
        return flows.isEmpty() ? branch.flows() : List.copyOf(flows);
    }

    public Optional<WizardFlow> flow(String id) {
        return flows().stream().filter(f -> f.id().equals(id)).findFirst();
    }
}
