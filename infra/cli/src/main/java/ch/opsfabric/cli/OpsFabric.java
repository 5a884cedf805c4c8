package ch.opsfabric.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code opsfabric}: the operator's command line for the operator API. Tables for people,
 * {@code --json} for scripts, exit codes from {@link ExitCode}, and errors that say what to fix.
 */
public final class OpsFabric {

    static final String USAGE = """
            usage: opsfabric [--endpoint URL] [--region REGION] [--json] <command>

              tenants create --file tenant.json       onboard a business (modules from its branch unless given)
              tenants list                            every tenant, by slug
              tenants show SLUG                       one tenant with its version
              tenants set SLUG FIELD=VALUE...         e.g. modules.whatsapp=on config.slaResponseMinutes=90
                                                      lines+=+41445550199 lines-=+41445550101 name="Keller AG"
              tenants apply SLUG --file tenant.json   make the tenant what the file says: shows the diff, asks
                                                      (--yes to skip the question); creates it if missing
              tenants delete SLUG [--yes]             offboard: the tenant and all its data are removed
              keys create SLUG [--label LABEL]        a new staff API key, shown once
              keys list SLUG
              keys revoke SLUG KEY_ID
              staff add SLUG --name NAME --mobile +41… [--role owner|staff]   a staff-app member
              staff list SLUG
              staff remove SLUG MEMBER_ID
              audit SLUG [--limit N]                  who changed what, newest first

            --endpoint  the stack's OperatorApiUrl, or http://localhost:3000 for the local stack
                        (default: $OPSFABRIC_ENDPOINT). Locally the dev credentials sign; elsewhere the
                        AWS default credential chain (AWS_PROFILE, environment, SSO, ...).
            exit codes: 0 ok, 1 refused, 2 usage, 3 not found, 4 conflict, 5 invalid, 6 unauthorized,
                        7 unavailable, 8 not confirmed
            """;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final PrintStream out;
    private final PrintStream err;
    private final BufferedReader in;
    private final Map<String, String> env;
    private final Function<URI, OperatorClient> clients;

    OpsFabric(PrintStream out, PrintStream err, BufferedReader in, Map<String, String> env,
              Function<URI, OperatorClient> clients) {
        this.out = out;
        this.err = err;
        this.in = in;
        this.env = env;
        this.clients = clients;
    }

    public static void main(String[] args) {
        BufferedReader stdin = new BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8));
        System.exit(run(args, System.out, System.err, stdin, System.getenv()));
    }

    /** The whole CLI, for tests: the exit code, with output and errors on the given streams. */
    public static int run(String[] args, PrintStream out, PrintStream err, BufferedReader in, Map<String, String> env) {
        Args parsed;
        try {
            parsed = Args.parse(args);
        } catch (CliException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE);
            return e.exitCode();
        }
        String region = parsed.option("region").orElse(env.getOrDefault("AWS_REGION",
                env.getOrDefault("AWS_DEFAULT_REGION", OperatorClient.DEFAULT_REGION)));
        return new OpsFabric(out, err, in, env, endpoint -> OperatorClient.forEndpoint(endpoint, region)).run(parsed);
    }

    int run(Args args) {
        try {
            if (args.words().isEmpty() || args.words().get(0).equals("help") || args.flag("help")) {
                out.print(USAGE);
                return args.words().isEmpty() && !args.flag("help") ? ExitCode.USAGE : ExitCode.OK;
            }
            Commands commands = new Commands(client(args), args, out, in, this::file);
            return commands.dispatch();
        } catch (CliException e) {
            err.println("error: " + e.getMessage());
            e.fieldErrors().forEach((field, problem) -> err.println("  " + field + ": " + problem));
            return e.exitCode();
        }
    }

    private OperatorClient client(Args args) {
        String endpoint = args.option("endpoint").orElse(env.get("OPSFABRIC_ENDPOINT"));
        if (endpoint == null || endpoint.isBlank()) {
            throw new CliException(ExitCode.USAGE, "Which deployment? Give --endpoint (the stack's OperatorApiUrl output, "
                    + "or http://localhost:3000 for the local stack) or set OPSFABRIC_ENDPOINT.");
        }
        URI uri;
        try {
            uri = URI.create(endpoint.endsWith("/") ? endpoint : endpoint + "/");
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, "--endpoint is not a URL: " + endpoint);
        }
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new CliException(ExitCode.USAGE, "--endpoint must be an http(s) URL, e.g. https://abc123.execute-api.eu-central-2.amazonaws.com");
        }
        return clients.apply(uri);
    }

    /** A JSON file the operator wrote; problems in it are usage errors, named with the file. */
    private JsonNode file(String path) {
        try {
            JsonNode node = JSON.readTree(Files.readString(Path.of(path)));
            if (node == null || !node.isObject()) {
                throw new CliException(ExitCode.USAGE, path + " must hold one JSON object (a tenant)");
            }
            return node;
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCode.USAGE, "There is no file " + path);
        } catch (JsonProcessingException e) {
            throw new CliException(ExitCode.USAGE, path + " is not valid JSON: line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE, "Cannot read " + path + ": " + e.getMessage());
        }
    }

    static String pretty(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree always serializes", e);
        }
    }

    /** {@code FIELD=VALUE} of {@code tenants set}: a JSON value when it parses as one, else the text. */
    static JsonNode value(String raw) {
        switch (raw) {
            case "on":
                return JsonNodeFactory.instance.booleanNode(true);
            case "off":
                return JsonNodeFactory.instance.booleanNode(false);
            default:
                try {
                    JsonNode parsed = JSON.readTree(raw);
                    return parsed == null ? JsonNodeFactory.instance.textNode(raw) : parsed;
                } catch (JsonProcessingException e) {
                    return JsonNodeFactory.instance.textNode(raw);
                }
        }
    }

    /** Puts {@code value} at a dotted path ({@code config.sms.sender}) into {@code patch}. */
    static void put(ObjectNode patch, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        ObjectNode node = patch;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            node = child instanceof ObjectNode object ? object : node.putObject(parts[i]);
        }
        node.set(parts[parts.length - 1], value);
    }

    /** The command line: words, {@code --name value} options and {@code --flag}s. */
    record Args(List<String> words, Map<String, String> options) {

        static final List<String> VALUED = List.of("endpoint", "region", "file", "label", "limit", "name", "mobile", "role");
        static final List<String> FLAGS = List.of("json", "yes", "help");

        static Args parse(String[] argv) {
            List<String> words = new ArrayList<>();
            Map<String, String> options = new java.util.LinkedHashMap<>();
            for (int i = 0; i < argv.length; i++) {
                String a = argv[i];
                if (a.startsWith("--")) {
                    String name = a.substring(2);
                    String value = null;
                    int eq = name.indexOf('=');
                    if (eq >= 0) {
                        value = name.substring(eq + 1);
                        name = name.substring(0, eq);
                    }
                    if (VALUED.contains(name)) {
                        if (value == null) {
                            if (i + 1 >= argv.length) {
                                throw new CliException(ExitCode.USAGE, "--" + name + " needs a value");
                            }
                            value = argv[++i];
                        }
                        options.put(name, value);
                    } else if (FLAGS.contains(name) && value == null) {
                        options.put(name, "true");
                    } else {
                        throw new CliException(ExitCode.USAGE, "unknown option --" + name);
                    }
                } else {
                    words.add(a);
                }
            }
            return new Args(List.copyOf(words), Map.copyOf(options));
        }

        java.util.Optional<String> option(String name) {
            return java.util.Optional.ofNullable(options.get(name));
        }

        boolean flag(String name) {
            return options.containsKey(name);
        }
    }
}
