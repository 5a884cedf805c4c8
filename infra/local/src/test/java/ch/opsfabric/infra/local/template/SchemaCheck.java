package ch.opsfabric.infra.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks a template node against a JSON Schema (the CloudFormation registry schemas and SAM's
 * schema, both plain JSON data): property names, required properties, types, enums, nested
 * objects and arrays, {@code $ref}, {@code allOf}/{@code anyOf}/{@code oneOf}. Intrinsic functions
 * ({@code Ref}, {@code Fn::…}) stand for any value. Patterns and formats are not checked.
 */
final class SchemaCheck {

    private final JsonNode root;

    SchemaCheck(JsonNode root) {
        this.root = root;
    }

    List<String> check(JsonNode value, JsonNode schema, String path) {
        List<String> errors = new ArrayList<>();
        check(value, schema, path, errors, 0);
        return errors;
    }

    private void check(JsonNode value, JsonNode schema, String path, List<String> errors, int depth) {
        if (depth > 60 || schema == null || schema.isMissingNode() || isIntrinsic(value)) {
            return;
        }
        if (schema.has("$ref")) {
            check(value, resolve(schema.get("$ref").asText()), path, errors, depth + 1);
        }
        for (JsonNode part : schema.path("allOf")) {
            check(value, part, path, errors, depth + 1);
        }
        for (String keyword : new String[] {"anyOf", "oneOf"}) {
            if (schema.has(keyword)) {
                List<String> best = null;
                for (JsonNode option : schema.get(keyword)) {
                    List<String> attempt = new ArrayList<>();
                    check(value, option, path, attempt, depth + 1);
                    if (attempt.isEmpty()) {
                        best = attempt;
                        break;
                    }
                    if (best == null || attempt.size() < best.size()) {
                        best = attempt;
                    }
                }
                if (best != null && !best.isEmpty()) {
                    errors.add(path + ": matches none of the allowed forms; closest: " + best.get(0));
                }
            }
        }
        JsonNode type = schema.get("type");
        if (type != null && !typeMatches(value, type)) {
            errors.add(path + ": expected " + type + ", found " + value.getNodeType());
            return;
        }
        if (schema.has("enum") && value.isValueNode()) {
            boolean found = false;
            for (JsonNode allowed : schema.get("enum")) {
                found |= allowed.asText().equals(value.asText());
            }
            if (!found) {
                errors.add(path + ": " + value.asText() + " is not one of " + schema.get("enum"));
            }
        }
        if (value.isObject()) {
            JsonNode properties = schema.path("properties");
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asText())) {
                    errors.add(path + ": required property " + required.asText() + " is missing");
                }
            }
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String childPath = path + "." + field.getKey();
                if (properties.has(field.getKey())) {
                    check(field.getValue(), properties.get(field.getKey()), childPath, errors, depth + 1);
                } else if (schema.has("patternProperties")) {
                    schema.get("patternProperties").fields().forEachRemaining(p -> {
                        if (field.getKey().matches(p.getKey())) {
                            check(field.getValue(), p.getValue(), childPath, errors, depth + 1);
                        }
                    });
                } else if (schema.path("additionalProperties").isObject()) {
                    check(field.getValue(), schema.get("additionalProperties"), childPath, errors, depth + 1);
                } else if (schema.path("additionalProperties").isBoolean() && !schema.get("additionalProperties").asBoolean()
                        && (properties.size() > 0 || schema.has("additionalProperties"))) {
                    errors.add(childPath + ": unknown property");
                }
            }
        }
        if (value.isArray() && schema.has("items")) {
            int i = 0;
            for (JsonNode item : value) {
                check(item, schema.get("items"), path + "[" + i++ + "]", errors, depth + 1);
            }
        }
    }

    JsonNode resolve(String ref) {
        if (!ref.startsWith("#/")) {
            throw new IllegalArgumentException("only local references are supported: " + ref);
        }
        JsonNode node = root;
        for (String part : ref.substring(2).split("/")) {
            node = node.path(part);
        }
        return node;
    }

    static boolean isIntrinsic(JsonNode value) {
        if (!value.isObject() || value.size() != 1) {
            return false;
        }
        String key = value.fieldNames().next();
        return key.equals("Ref") || key.startsWith("Fn::") || key.equals("Condition");
    }

    private static boolean typeMatches(JsonNode value, JsonNode type) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (typeMatches(value, t)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual() || value.isNumber() || value.isBoolean();
            case "integer" -> value.isIntegralNumber() || value.isTextual() && value.asText().matches("-?\\d+");
            case "number" -> value.isNumber() || value.isTextual() && value.asText().matches("-?\\d+(\\.\\d+)?");
            case "boolean" -> value.isBoolean() || value.isTextual() && value.asText().matches("true|false");
            default -> true;
        };
    }
}
