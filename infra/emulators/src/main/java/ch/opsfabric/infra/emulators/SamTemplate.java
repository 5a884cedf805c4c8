package ch.opsfabric.infra.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * template.yaml as data. The local stack and the tests take tables, queues, functions and routes
 * from here, so local and cloud cannot drift. The template uses the long form of intrinsic
 * functions ({@code Fn::GetAtt}, {@code Ref}) so it is plain YAML.
 */
public final class SamTemplate {

    private final Path path;
    private final JsonNode root;

    private SamTemplate(Path path, JsonNode root) {
        this.path = path;
        this.root = root;
    }

    public static SamTemplate load(Path path) {
        try {
            return new SamTemplate(path, new YAMLMapper().readTree(Files.readString(path)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** The project's template.yaml: from -Dopsfabric.project.root, else the nearest parent folder that has one. */
    public static SamTemplate locate() {
        return load(projectRoot().resolve("template.yaml"));
    }

    public static Path projectRoot() {
        String configured = System.getProperty("opsfabric.project.root");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath());
    }

    public Path path() {
        return path;
    }

    public JsonNode root() {
        return root;
    }

    /** logical id → resource node (with Type and Properties), in template order. */
    public Map<String, JsonNode> resourcesOfType(String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        root.path("Resources").fields().forEachRemaining(entry -> {
            if (type.equals(entry.getValue().path("Type").asText())) {
                found.put(entry.getKey(), entry.getValue());
            }
        });
        return found;
    }

    public JsonNode resource(String logicalId) {
        JsonNode node = root.path("Resources").path(logicalId);
        return node.isMissingNode() ? MissingNode.getInstance() : node;
    }

    /** {@code Fn::GetAtt: [X, Arn]} or {@code Ref: X} → X; anything else → null. */
    public static String referencedLogicalId(JsonNode value) {
        if (value.has("Ref")) {
            return value.get("Ref").asText();
        }
        JsonNode getAtt = value.get("Fn::GetAtt");
        if (getAtt != null) {
            return getAtt.isArray() ? getAtt.get(0).asText() : getAtt.asText().split("\\.")[0];
        }
        return null;
    }
}
