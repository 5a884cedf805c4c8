package ch.opsfabric.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code tenants apply}: what turns the tenant as it is into the tenant as the file says, as the
 * operator API's PATCH (a JSON merge patch for config) and as lines a person can read.
 * The file is the truth for name, branch, lines, owner mobile and config; modules it names are
 * switched as it says, modules it does not name stay as they are.
 */
final class TenantDiff {

    record Line(String sign, String path, JsonNode before, JsonNode after) {
        @Override
        public String toString() {
            return switch (sign) {
                case "+" -> "+ " + path + ": " + after;
                case "-" -> "- " + path + ": " + before;
                default -> "~ " + path + ": " + before + " → " + after;
            };
        }
    }

    private final ObjectNode patch = JsonNodeFactory.instance.objectNode();
    private final List<Line> lines = new ArrayList<>();

    private TenantDiff() {
    }

    static TenantDiff between(JsonNode current, JsonNode desired) {
        TenantDiff diff = new TenantDiff();
        for (String field : List.of("name", "branch", "lines", "ownerMobile")) {
            if (desired.has(field) && !desired.get(field).equals(current.get(field))) {
                diff.patch.set(field, desired.get(field));
                diff.lines.add(new Line("~", field, current.get(field), desired.get(field)));
            }
        }
        ObjectNode modules = JsonNodeFactory.instance.objectNode();
        desired.path("modules").fields().forEachRemaining(e -> {
            JsonNode now = current.path("modules").get(e.getKey());
            if (!e.getValue().equals(now)) {
                modules.set(e.getKey(), e.getValue());
                diff.lines.add(new Line("~", "modules." + e.getKey(), now, e.getValue()));
            }
        });
        if (!modules.isEmpty()) {
            diff.patch.set("modules", modules);
        }
        if (desired.has("config")) {
            JsonNode config = mergePatch(current.path("config"), desired.get("config"), "config", diff.lines);
            if (config != null) {
                diff.patch.set("config", config);
            }
        }
        return diff;
    }

    /** The RFC 7386 patch that turns {@code from} into {@code to}; null when they are equal. */
    static JsonNode mergePatch(JsonNode from, JsonNode to, String path, List<Line> lines) {
        if (!from.isObject() || !to.isObject()) {
            if (from.equals(to)) {
                return null;
            }
            lines.add(from.isMissingNode() || from.isNull() ? new Line("+", path, null, to) : new Line("~", path, from, to));
            return to;
        }
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        Set<String> names = new LinkedHashSet<>();
        from.fieldNames().forEachRemaining(names::add);
        to.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            String member = path + "." + name;
            if (!to.has(name)) {
                lines.add(new Line("-", member, from.get(name), null));
                patch.putNull(name);
            } else if (!from.has(name)) {
                lines.add(new Line("+", member, null, to.get(name)));
                patch.set(name, to.get(name));
            } else {
                JsonNode inner = mergePatch(from.get(name), to.get(name), member, lines);
                if (inner != null) {
                    patch.set(name, inner);
                }
            }
        }
        return patch.isEmpty() ? null : patch;
    }

    ObjectNode patch() {
        return patch;
    }

    List<Line> lines() {
        return lines;
    }

    boolean isEmpty() {
        return lines.isEmpty();
    }
}
