package ch.opsfabric.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The commands, each one or a few operator API calls, printed as tables or, with {@code --json}, as JSON. */
final class Commands {

    static final String TENANTS = "api/admin/tenants";

    private final OperatorClient api;
    private final OpsFabric.Args args;
    private final PrintStream out;
    private final BufferedReader in;
    private final Function<String, JsonNode> files;
    private final boolean json;

    Commands(OperatorClient api, OpsFabric.Args args, PrintStream out, BufferedReader in, Function<String, JsonNode> files) {
        this.api = api;
        this.args = args;
        this.out = out;
        this.in = in;
        this.files = files;
        this.json = args.flag("json");
    }

    int dispatch() {
        List<String> w = args.words();
        String command = String.join(" ", w.subList(0, Math.min(2, w.size())));
        return switch (command) {
            case "tenants create" -> create(arity(2));
            case "tenants list" -> list(arity(2));
            case "tenants show" -> show(slug(w, 2), arity(3));
            case "tenants set" -> set(slug(w, 2));
            case "tenants apply" -> apply(slug(w, 2), arity(3));
            case "tenants delete" -> delete(slug(w, 2), arity(3));
            case "keys create" -> createKey(slug(w, 2), arity(3));
            case "keys list" -> listKeys(slug(w, 2), arity(3));
            case "keys revoke" -> revokeKey(slug(w, 2), word(w, 3, "KEY_ID"), arity(4));
            case "staff add" -> addStaff(slug(w, 2), arity(3));
            case "staff list" -> listStaff(slug(w, 2), arity(3));
            case "staff remove" -> removeStaff(slug(w, 2), word(w, 3, "MEMBER_ID"), arity(4));
            default -> w.get(0).equals("audit") ? audit(slug(w, 1), arity(2))
                    : usage("unknown command '" + String.join(" ", w) + "'");
        };
    }

    private int create(boolean ignored) {
        JsonNode tenant = files.apply(requireFile());
        JsonNode created = OperatorClient.require(api.send("POST", TENANTS, tenant));
        if (json) {
            return print(created);
        }
        out.println("Created " + created.path("slug").asText() + " (id " + created.path("id").asText() + ", version "
                + created.path("version").asLong() + ").");
        describe(created);
        warnings(created);
        out.println("Next: opsfabric keys create " + created.path("slug").asText() + " --label <who uses it>");
        return ExitCode.OK;
    }

    private int list(boolean ignored) {
        ArrayNode all = JsonNodeFactory.instance.arrayNode();
        String cursor = null;
        int limit = limit();
        do {
            String query = "?limit=" + Math.min(limit, 100) + (cursor == null ? "" : "&cursor=" + encode(cursor));
            JsonNode page = OperatorClient.require(api.get(TENANTS + query));
            page.path("tenants").forEach(all::add);
            cursor = page.path("cursor").isTextual() ? page.path("cursor").asText() : null;
        } while (cursor != null && all.size() < limit);
        if (json) {
            return print(all);
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"SLUG", "NAME", "BRANCH", "STATE", "VERSION", "LINES", "MODULES ON"});
        for (JsonNode t : all) {
            rows.add(new String[] {t.path("slug").asText(), t.path("name").asText(), t.path("branch").asText(),
                    t.path("state").asText(), t.path("version").asText(), join(t.path("lines")), modulesOn(t)});
        }
        table(rows);
        return ExitCode.OK;
    }

    private int show(String slug, boolean ignored) {
        JsonNode tenant = OperatorClient.require(api.get(tenantPath(slug)));
        if (json) {
            return print(tenant);
        }
        out.println(tenant.path("name").asText() + " (" + slug + ")");
        out.println("  id       " + tenant.path("id").asText());
        out.println("  state    " + tenant.path("state").asText() + ", version " + tenant.path("version").asLong()
                + ", updated " + tenant.path("updatedAt").asText());
        describe(tenant);
        out.println("  config");
        for (String line : OpsFabric.pretty(tenant.path("config")).split("\n")) {
            out.println("    " + line);
        }
        return ExitCode.OK;
    }

    /** {@code FIELD=VALUE}, {@code lines+=…}, {@code lines-=…}: one PATCH on the version just read. */
    private int set(String slug) {
        List<String> assignments = args.words().subList(3, args.words().size());
        if (assignments.isEmpty()) {
            return usage("tenants set " + slug + " needs FIELD=VALUE, e.g. modules.whatsapp=on config.slaResponseMinutes=90");
        }
        JsonNode current = OperatorClient.require(api.get(tenantPath(slug)));
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        ArrayNode add = JsonNodeFactory.instance.arrayNode();
        ArrayNode remove = JsonNodeFactory.instance.arrayNode();
        for (String assignment : assignments) {
            int eq = assignment.indexOf('=');
            if (eq <= 0) {
                return usage("'" + assignment + "' is not FIELD=VALUE");
            }
            String field = assignment.substring(0, eq);
            String raw = assignment.substring(eq + 1);
            if (field.equals("lines+")) {
                add.add(raw);
            } else if (field.equals("lines-")) {
                remove.add(raw);
            } else if (field.startsWith("modules.") || field.startsWith("config.")
                    || List.of("name", "branch", "ownerMobile").contains(field)) {
                JsonNode value = field.startsWith("config.") || field.startsWith("modules.")
                        ? OpsFabric.value(raw) : JsonNodeFactory.instance.textNode(raw);
                OpsFabric.put(patch, field, value);
            } else {
                return usage("'" + field + "' cannot be set; use name, branch, ownerMobile, modules.<key>, config.<field>, lines+ or lines-");
            }
        }
        if (!add.isEmpty() || !remove.isEmpty()) {
            ObjectNode lines = patch.putObject("lines");
            lines.set("add", add);
            lines.set("remove", remove);
        }
        patch.put("version", current.path("version").asLong());
        JsonNode updated = OperatorClient.require(api.send("PATCH", tenantPath(slug), patch));
        if (json) {
            return print(updated);
        }
        changes(slug, updated);
        return ExitCode.OK;
    }

    private int apply(String slug, boolean ignored) {
        JsonNode desired = files.apply(requireFile());
        if (desired.has("slug") && !desired.get("slug").asText().equals(slug)) {
            return usage("the file is for '" + desired.get("slug").asText() + "', not '" + slug + "'");
        }
        OperatorClient.Response found = api.get(tenantPath(slug));
        if (found.status() == 404) {
            ObjectNode tenant = desired.deepCopy();
            tenant.put("slug", slug);
            out.println(slug + " does not exist yet; it will be created:");
            out.println(OpsFabric.pretty(tenant));
            if (!confirmed("Create " + slug + "?")) {
                return ExitCode.ABORTED;
            }
            JsonNode created = OperatorClient.require(api.send("POST", TENANTS, tenant));
            out.println("Created " + slug + " (version " + created.path("version").asLong() + ").");
            return ExitCode.OK;
        }
        JsonNode current = OperatorClient.require(found);
        TenantDiff diff = TenantDiff.between(current, desired);
        if (diff.isEmpty()) {
            out.println(slug + " is already as the file says (version " + current.path("version").asLong() + "). No changes.");
            return ExitCode.OK;
        }
        out.println("Changes to " + slug + " (version " + current.path("version").asLong() + "):");
        diff.lines().forEach(l -> out.println("  " + l));
        if (!confirmed("Apply these " + diff.lines().size() + " changes to " + slug + "?")) {
            return ExitCode.ABORTED;
        }
        ObjectNode patch = diff.patch();
        patch.put("version", current.path("version").asLong());
        JsonNode updated = OperatorClient.require(api.send("PATCH", tenantPath(slug), patch));
        if (json) {
            return print(updated);
        }
        out.println("Applied: " + slug + " is now version " + updated.path("version").asLong() + ".");
        warnings(updated);
        return ExitCode.OK;
    }

    private int delete(String slug, boolean ignored) {
        JsonNode tenant = OperatorClient.require(api.get(tenantPath(slug)));
        if (!args.flag("yes")) {
            out.println("This removes " + tenant.path("name").asText() + " (" + slug + ") and everything it holds: tickets, "
                    + "contacts' opt-outs, SMS records, keys and its audit. It cannot be undone.");
            out.print("Type the slug to confirm: ");
            out.flush();
            if (!slug.equals(readLine())) {
                out.println("Not deleted.");
                return ExitCode.ABORTED;
            }
        }
        int deleted = 0;
        while (true) {
            OperatorClient.Response step = api.send("DELETE", tenantPath(slug), null);
            JsonNode progress = OperatorClient.require(step);
            deleted += progress.path("deletedItems").asInt();
            if (progress.path("done").asBoolean()) {
                break;
            }
            if (!json) {
                out.println("  ... " + deleted + " items removed so far");
            }
        }
        if (json) {
            return print(JsonNodeFactory.instance.objectNode().put("slug", slug).put("deletedItems", deleted).put("done", true));
        }
        out.println("Deleted " + slug + ": " + deleted + " items removed. Its slug and lines are free.");
        return ExitCode.OK;
    }

    private int createKey(String slug, boolean ignored) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        args.option("label").ifPresent(label -> body.put("label", label));
        JsonNode key = OperatorClient.require(api.send("POST", tenantPath(slug) + "/api-keys", body));
        if (json) {
            return print(key);
        }
        out.println("New API key for " + slug + " (id " + key.path("id").asText() + ", label '" + key.path("label").asText() + "'):");
        out.println();
        out.println("  " + key.path("key").asText());
        out.println();
        out.println("Store it now: it is shown only this once. Revoke it with: opsfabric keys revoke " + slug + " "
                + key.path("id").asText());
        return ExitCode.OK;
    }

    private int listKeys(String slug, boolean ignored) {
        JsonNode keys = OperatorClient.require(api.get(tenantPath(slug) + "/api-keys")).path("keys");
        if (json) {
            return print(keys);
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "LABEL", "CREATED", "BY"});
        keys.forEach(k -> rows.add(new String[] {k.path("id").asText(), k.path("label").asText(),
                k.path("createdAt").asText(), k.path("createdBy").asText()}));
        table(rows);
        return ExitCode.OK;
    }

    private int revokeKey(String slug, String keyId, boolean ignored) {
        OperatorClient.require(api.send("DELETE", tenantPath(slug) + "/api-keys/" + encode(keyId), null));
        if (json) {
            return print(JsonNodeFactory.instance.objectNode().put("slug", slug).put("revoked", keyId));
        }
        out.println("Revoked key " + keyId + " of " + slug + ": it opens nothing any more.");
        return ExitCode.OK;
    }

    private int addStaff(String slug, boolean ignored) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("name", args.option("name").orElseThrow(() -> new CliException(ExitCode.USAGE, "staff add needs --name \"Peter Keller\"")));
        body.put("mobile", args.option("mobile").orElseThrow(() -> new CliException(ExitCode.USAGE, "staff add needs --mobile +41795550101")));
        body.put("role", args.option("role").orElse("staff"));
        JsonNode member = OperatorClient.require(api.send("POST", tenantPath(slug) + "/staff", body));
        if (json) {
            return print(member);
        }
        out.println("Added " + member.path("name").asText() + " (" + member.path("role").asText() + ", id "
                + member.path("id").asText() + ") to " + slug + ": they sign in at /app/login with " + member.path("mobile").asText() + ".");
        return ExitCode.OK;
    }

    private int listStaff(String slug, boolean ignored) {
        JsonNode staff = OperatorClient.require(api.get(tenantPath(slug) + "/staff")).path("staff");
        if (json) {
            return print(staff);
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "NAME", "MOBILE", "ROLE", "NOTICES"});
        staff.forEach(s -> rows.add(new String[] {s.path("id").asText(), s.path("name").asText(), s.path("mobile").asText(),
                s.path("role").asText(), join(s.path("notices"))}));
        table(rows);
        return ExitCode.OK;
    }

    private int removeStaff(String slug, String memberId, boolean ignored) {
        OperatorClient.require(api.send("DELETE", tenantPath(slug) + "/staff/" + encode(memberId), null));
        if (json) {
            return print(JsonNodeFactory.instance.objectNode().put("slug", slug).put("removed", memberId));
        }
        out.println("Removed " + memberId + " from " + slug + ": that number signs in there no more.");
        return ExitCode.OK;
    }

    private int audit(String slug, boolean ignored) {
        JsonNode page = OperatorClient.require(api.get(tenantPath(slug) + "/audit?limit=" + Math.min(limit(), 100)));
        if (json) {
            return print(page.path("entries"));
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"AT", "BY", "ACTION", "FIELD", "BEFORE", "AFTER"});
        for (JsonNode entry : page.path("entries")) {
            for (JsonNode change : entry.path("changes")) {
                rows.add(new String[] {entry.path("at").asText(), entry.path("principal").asText(),
                        entry.path("action").asText(), change.path("field").asText(), brief(change.path("before")),
                        brief(change.path("after"))});
            }
        }
        table(rows);
        return ExitCode.OK;
    }

    private void describe(JsonNode tenant) {
        out.println("  branch   " + tenant.path("branch").asText());
        out.println("  lines    " + join(tenant.path("lines")));
        out.println("  owner    " + tenant.path("ownerMobile").asText());
        out.println("  modules  " + modulesOn(tenant));
        out.println("  wizard   " + join(tenant.path("wizardFlows")));
    }

    private void changes(String slug, JsonNode updated) {
        if (updated.path("changes").isEmpty()) {
            out.println("No changes: " + slug + " already was like that (version " + updated.path("version").asLong() + ").");
            return;
        }
        out.println("Updated " + slug + " to version " + updated.path("version").asLong() + ":");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"FIELD", "BEFORE", "AFTER"});
        updated.path("changes").forEach(c -> rows.add(new String[] {c.path("field").asText(), brief(c.path("before")),
                brief(c.path("after"))}));
        table(rows);
        warnings(updated);
    }

    private void warnings(JsonNode answer) {
        answer.path("warnings").forEach(w -> out.println("warning: " + w.asText()));
    }

    private boolean confirmed(String question) {
        if (args.flag("yes")) {
            return true;
        }
        out.print(question + " [y/N] ");
        out.flush();
        String answer = readLine();
        if (answer == null) {
            out.println();
            out.println("No answer (not a terminal?): nothing changed. Add --yes to apply without asking.");
            return false;
        }
        boolean yes = answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes");
        if (!yes) {
            out.println("Nothing changed.");
        }
        return yes;
    }

    private String readLine() {
        try {
            String line = in.readLine();
            return line == null ? null : line.strip();
        } catch (IOException e) {
            return null;
        }
    }

    private int print(JsonNode node) {
        out.println(OpsFabric.pretty(node));
        return ExitCode.OK;
    }

    private void table(List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(i == columns - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
        if (rows.size() == 1) {
            out.println("(none)");
        }
    }

    private String requireFile() {
        return args.option("file").orElseThrow(() -> new CliException(ExitCode.USAGE,
                "give the tenant as --file tenant.json (see README: Onboarding a tenant)"));
    }

    private int limit() {
        String raw = args.option("limit").orElse("1000");
        try {
            int limit = Integer.parseInt(raw);
            if (limit > 0) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new CliException(ExitCode.USAGE, "--limit must be a positive number");
    }

    /** Every argument beyond the command's own is a mistake worth saying. */
    private boolean arity(int words) {
        if (args.words().size() > words) {
            throw new CliException(ExitCode.USAGE, "unexpected '" + String.join(" ", args.words().subList(words, args.words().size()))
                    + "'");
        }
        return true;
    }

    private static String slug(List<String> words, int index) {
        return word(words, index, "SLUG");
    }

    private static String word(List<String> words, int index, String what) {
        if (words.size() <= index) {
            throw new CliException(ExitCode.USAGE, String.join(" ", words) + " needs " + what);
        }
        return words.get(index);
    }

    private int usage(String message) {
        throw new CliException(ExitCode.USAGE, message + "; run 'opsfabric help' for the commands");
    }

    private static String tenantPath(String slug) {
        return TENANTS + "/" + encode(slug);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String join(JsonNode array) {
        List<String> items = new ArrayList<>();
        array.forEach(i -> items.add(i.asText()));
        return items.isEmpty() ? "-" : String.join(", ", items);
    }

    private static String modulesOn(JsonNode tenant) {
        List<String> on = new ArrayList<>();
        tenant.path("modules").fields().forEachRemaining(e -> {
            if (e.getValue().asBoolean()) {
                on.add(e.getKey());
            }
        });
        return String.join(" ", on);
    }

    private static String brief(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "-";
        }
        String text = value.isTextual() ? value.asText() : value.toString();
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
