package ch.opsfabric.tenant;

/** A business using OpsFabric ("customer" in the seed data). */
public record Tenant(String id, String slug, String name, Branch branch, Modules modules, TenantConfig config) {

    public boolean has(Module module) {
        return modules.isOn(module);
    }
}
