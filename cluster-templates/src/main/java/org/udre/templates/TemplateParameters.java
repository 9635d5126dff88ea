package org.udre.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.udre.catalog.DocumentSchema;
import org.udre.catalog.ValidationError;

/**
 * Applies a start's overrides and the template's parameters to the template's tree, before anything else is
 * checked, so that validation sees the cluster that would really start.
 *
 * <p>An override is {@code key=value}. A key without a '.' is a declared parameter, or one of the settings
 * {@code lease} and {@code onFailure}; {@code <role>.<field>} sets a field of a role directly, replacing whatever the
 * template wrote there ({@code compute.count=128}, {@code compute.size.cores=4}). Then every {@code ${name}} outside
 * the parameter declarations and the scripts is replaced by the parameter's value: a text that is exactly one
 * reference takes the parameter's type ({@code count: ${workers}} is a number), a reference inside a longer text
 * is spliced in as text. Scripts keep their references: they are filled in, shell-quoted, when a script runs.
 */
final class TemplateParameters {

    /** What an override of a role field holds. */
    private enum FieldKind { WHOLE_NUMBER, TEXT, NUMBER_OR_TEXT }

    /** Role fields an override may set. */
    private static final Map<String, FieldKind> ROLE_FIELDS = new LinkedHashMap<>();

    static {
        for (String field : List.of("count", "maxBatch", "min", "max", "maxReplacements", "size.cores",
                "size.memoryMiB")) {
            ROLE_FIELDS.put(field, FieldKind.WHOLE_NUMBER);
        }
        // A quorum is a number of nodes or a percentage of count.
        ROLE_FIELDS.put("minReady", FieldKind.NUMBER_OR_TEXT);
        ROLE_FIELDS.put("image", FieldKind.TEXT);
        ROLE_FIELDS.put("readyWithin", FieldKind.TEXT);
    }

    /** Template settings an override may set without a '.'; both are text. */
    private static final List<String> SETTINGS = List.of("lease", "onFailure");

    private TemplateParameters() {
    }

    /**
     * @param values         every parameter's value, canonical, for the parameters whose declaration could be read
     * @param overriddenPath for each field an override set, the override as given; errors found there later name it
     * @param unresolved     fields left as written because a parameter they refer to has no usable value; that is
     *                       reported at the parameter, so errors the schema finds in these fields are not repeated
     */
    record Applied(Map<String, String> values, Map<String, String> overriddenPath, Set<String> unresolved) {
    }

    /** A declaration whose type could be read; its default is kept only when it is of that type. */
    private record Declaration(String name, ParameterType type, Optional<String> defaultValue) {
    }

    static Applied apply(String origin, ObjectNode tree, List<String> overrides, List<ValidationError> errors) {
        Map<String, Declaration> declarations = declarations(tree);
        Map<String, String> given = new LinkedHashMap<>();
        Map<String, String> overriddenPath = new LinkedHashMap<>();
        Map<String, String> keysSeen = new LinkedHashMap<>();
        for (String override : overrides) {
            int eq = override.indexOf('=');
            if (eq <= 0) {
                errors.add(new ValidationError(origin, "", "override \"" + override + "\" must be key=value, e.g."
                        + " compute.count=8 or a parameter such as workers=64"));
                continue;
            }
            String key = override.substring(0, eq);
            String value = override.substring(eq + 1);
            String earlier = keysSeen.putIfAbsent(key, override);
            if (earlier != null) {
                errors.add(new ValidationError(origin, "", "override \"" + override + "\" sets " + key
                        + " a second time (first \"" + earlier + "\"); give each key once"));
                continue;
            }
            int dot = key.indexOf('.');
            if (dot < 0) {
                applyUndotted(origin, tree, declarations, key, value, override, given, overriddenPath, errors);
            } else {
                applyRoleField(origin, tree, key.substring(0, dot), key.substring(dot + 1), value, override,
                        overriddenPath, errors);
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Declaration declaration : declarations.values()) {
            String value = given.containsKey(declaration.name()) ? given.get(declaration.name())
                    : declaration.defaultValue().orElse(null);
            if (value != null) {
                values.put(declaration.name(), value);
            } else if (!tree.path("parameters").path(declaration.name()).has("default")) {
                errors.add(new ValidationError(origin, "/parameters/" + declaration.name(), "has no default and no"
                        + " value was given; start with " + declaration.name() + "=<" + declaration.type().word()
                        + ">"));
            }
        }
        Set<String> unresolved = new HashSet<>();
        Set<String> declared = new HashSet<>();
        tree.path("parameters").fieldNames().forEachRemaining(declared::add);
        new Substitution(origin, declared, declarations, values, unresolved, errors).below(tree, "");
        return new Applied(values, overriddenPath, unresolved);
    }

    /**
     * The declarations that can be used for substitution. One that is malformed is left out here: the schema
     * reports it, and references to it are left as they are.
     */
    private static Map<String, Declaration> declarations(ObjectNode tree) {
        Map<String, Declaration> declarations = new LinkedHashMap<>();
        JsonNode parameters = tree.path("parameters");
        if (!parameters.isObject()) {
            return declarations;
        }
        parameters.fields().forEachRemaining(entry -> {
            JsonNode declaration = entry.getValue();
            Optional<ParameterType> type = ParameterType.ofWord(declaration.path("type").asText(""));
            if (!Parameter.NAME.matcher(entry.getKey()).matches() || type.isEmpty()) {
                return;
            }
            declarations.put(entry.getKey(), new Declaration(entry.getKey(), type.get(),
                    defaultOf(type.get(), declaration.get("default"))));
        });
        return declarations;
    }

    /** The default in canonical text when it is of the declared type (the schema reports it when it is not). */
    static Optional<String> defaultOf(ParameterType type, JsonNode value) {
        if (value == null) {
            return Optional.empty();
        }
        boolean ofType = switch (type) {
            case INTEGER -> value.isInt();
            case BOOLEAN -> value.isBoolean();
            case STRING, DURATION -> value.isTextual();
        };
        if (!ofType) {
            return Optional.empty();
        }
        try {
            return Optional.of(type.canonical(value.asText()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void applyUndotted(String origin, ObjectNode tree, Map<String, Declaration> declarations,
            String key, String value, String override, Map<String, String> given, Map<String, String> overriddenPath,
            List<ValidationError> errors) {
        Declaration declaration = declarations.get(key);
        if (declaration != null) {
            try {
                given.put(key, declaration.type().canonical(value));
            } catch (IllegalArgumentException e) {
                errors.add(new ValidationError(origin, "/parameters/" + key, "override \"" + override
                        + "\": parameter " + key + " is of type " + declaration.type().word() + "; its value "
                        + e.getMessage()));
            }
        } else if (SETTINGS.contains(key)) {
            tree.set(key, TextNode.valueOf(Placeholders.escape(value)));
            overriddenPath.put("/" + key, override);
        } else if (tree.path("parameters").has(key)) {
            // Declared, but its declaration is malformed: the schema reports that; the value cannot be typed.
            errors.add(new ValidationError(origin, "/parameters/" + key, "override \"" + override
                    + "\" names a parameter whose declaration is invalid"));
        } else {
            List<String> roles = new ArrayList<>();
            tree.path("roles").fieldNames().forEachRemaining(roles::add);
            errors.add(new ValidationError(origin, "/parameters/" + key, "override \"" + override
                    + "\" names no parameter of this template; parameters: "
                    + (declarations.isEmpty() ? "none" : String.join(", ", declarations.keySet()))
                    + "; other keys: " + String.join(", ", SETTINGS) + ", <role>.<field> with role one of "
                    + (roles.isEmpty() ? "none" : String.join(", ", roles)) + " and field one of "
                    + String.join(", ", ROLE_FIELDS.keySet())));
        }
    }

    private static void applyRoleField(String origin, ObjectNode tree, String role, String field, String value,
            String override, Map<String, String> overriddenPath, List<ValidationError> errors) {
        JsonNode roles = tree.path("roles");
        String rolePath = DocumentSchema.child("/roles", role);
        if (!roles.path(role).isObject()) {
            List<String> names = new ArrayList<>();
            roles.fieldNames().forEachRemaining(names::add);
            errors.add(new ValidationError(origin, rolePath, "override \"" + override + "\" names no role of this"
                    + " template; roles: " + (names.isEmpty() ? "none" : String.join(", ", names))));
            return;
        }
        FieldKind kind = ROLE_FIELDS.get(field);
        String path = rolePath + "/" + field.replace('.', '/');
        if (kind == null) {
            errors.add(new ValidationError(origin, path, "override \"" + override + "\" names no field an override"
                    + " may set; fields: " + String.join(", ", ROLE_FIELDS.keySet())));
            return;
        }
        JsonNode newValue;
        if (kind != FieldKind.TEXT && value.matches("-?[0-9]{1,9}")) {
            newValue = IntNode.valueOf(Integer.parseInt(value));
        } else if (kind == FieldKind.WHOLE_NUMBER) {
            errors.add(new ValidationError(origin, path, "override \"" + override
                    + "\": must be a whole number (found \"" + value + "\")"));
            return;
        } else {
            newValue = TextNode.valueOf(Placeholders.escape(value));
        }
        ObjectNode parent = (ObjectNode) roles.get(role);
        String[] steps = field.split("\\.");
        for (int i = 0; i < steps.length - 1; i++) {
            if (!parent.path(steps[i]).isObject()) {
                parent.putObject(steps[i]);
            }
            parent = (ObjectNode) parent.get(steps[i]);
        }
        parent.set(steps[steps.length - 1], newValue);
        overriddenPath.put(path, override);
    }

    /** Replaces references in every text of a tree, except parameter declarations and scripts. */
    private record Substitution(String origin, Set<String> declared, Map<String, Declaration> declarations,
            Map<String, String> values, Set<String> unresolved, List<ValidationError> errors) {

        private static final Pattern SCRIPT_TEXT = Pattern.compile("^/roles/[^/]+/scripts/[0-9]+/run$");

        void below(JsonNode node, String path) {
            if (node.isObject()) {
                ObjectNode object = (ObjectNode) node;
                List<String> names = new ArrayList<>();
                object.fieldNames().forEachRemaining(names::add);
                for (String name : names) {
                    String childPath = DocumentSchema.child(path, name);
                    JsonNode child = object.get(name);
                    if (childPath.equals("/parameters")) {
                        continue;
                    }
                    if (child.isTextual()) {
                        object.set(name, resolve(childPath, child));
                    } else {
                        below(child, childPath);
                    }
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    JsonNode child = node.get(i);
                    String childPath = path + "/" + i;
                    if (child.isTextual()) {
                        ((ArrayNode) node).set(i, resolve(childPath, child));
                    } else {
                        below(child, childPath);
                    }
                }
            }
        }

        private JsonNode resolve(String path, JsonNode text) {
            if (!Placeholders.mayHoldReferences(text.textValue()) || SCRIPT_TEXT.matcher(path).matches()) {
                return text;
            }
            List<Placeholders.Segment> segments;
            try {
                segments = Placeholders.parse(text.textValue());
            } catch (IllegalArgumentException e) {
                errors.add(new ValidationError(origin, path, e.getMessage()));
                unresolved.add(path);
                return text;
            }
            StringBuilder resolved = new StringBuilder();
            for (Placeholders.Segment segment : segments) {
                if (!segment.isReference()) {
                    resolved.append(segment.literal());
                    continue;
                }
                String value = values.get(segment.name());
                if (value == null) {
                    // A declared parameter without a usable value is reported once, at its declaration (by the
                    // schema, or above); its references stay as written.
                    if (!declared.contains(segment.name())) {
                        errors.add(new ValidationError(origin, path, "refers to ${" + segment.name() + "}, which is no"
                                + " parameter of this template; parameters: "
                                + (declarations.isEmpty() ? "none" : String.join(", ", declarations.keySet()))));
                    }
                    unresolved.add(path);
                    return text;
                }
                if (segments.size() == 1) {
                    return typed(declarations.get(segment.name()).type(), value);
                }
                resolved.append(value);
            }
            return TextNode.valueOf(resolved.toString());
        }
    }

    private static JsonNode typed(ParameterType type, String value) {
        return switch (type) {
            case INTEGER -> IntNode.valueOf(Integer.parseInt(value));
            case BOOLEAN -> BooleanNode.valueOf(Boolean.parseBoolean(value));
            case STRING, DURATION -> TextNode.valueOf(value);
        };
    }
}
