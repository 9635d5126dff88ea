package org.udre.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.udre.catalog.DocumentSchema;
import org.udre.catalog.DocumentParser;
import org.udre.catalog.ValidationError;

/**
 * Reads a cluster template for one start: parses it, applies the start's overrides and the template's parameters,
 * then checks the result against the JSON Schema, the rules the schema cannot express and the image catalogue; only
 * when all of that passes does it make the {@link ClusterTemplate}. Every error is reported, with its path, and
 * nothing is made from a template with any error.
 *
 * <p>Stateless and safe to share: the compiled schema is made once, on first use.
 */
public final class TemplateReader {

    /** The JSON Schema a template must satisfy once its parameters are applied. */
    public static final String SCHEMA_RESOURCE = "templates/cluster-template.schema.json";

    private static final class Compiled {
        static final DocumentSchema SCHEMA = DocumentSchema.resource(SCHEMA_RESOURCE);
    }

    private TemplateReader() {
    }

    /**
     * @param overrides {@code key=value}: a declared parameter ({@code workers=64}), {@code lease} or
     *                  {@code onFailure}, or a role's field ({@code compute.count=128}, {@code compute.size.cores=4})
     * @param images    says whether the catalogue can serve each role's image
     * @throws InvalidTemplateException listing every error of the template and of the overrides
     */
    public static ClusterTemplate read(TemplateSource source, List<String> overrides, ImageLookup images) {
        Result result = check(source, overrides, images);
        if (!result.errors().isEmpty()) {
            throw new InvalidTemplateException(result.errors());
        }
        return result.template().orElseThrow();
    }

    /** Either the template, or every error (and no template). */
    record Result(Optional<ClusterTemplate> template, List<ValidationError> errors) {
    }

    static Result check(TemplateSource source, List<String> overrides, ImageLookup images) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(overrides, "overrides");
        Objects.requireNonNull(images, "images");
        String origin = source.origin();
        List<ValidationError> errors = new ArrayList<>();
        Optional<JsonNode> parsed = DocumentParser.parse(source.origin(), source.text(), "template", errors);
        if (parsed.isEmpty()) {
            return new Result(Optional.empty(), errors);
        }
        JsonNode tree = parsed.get();
        if (!tree.isObject()) {
            errors.addAll(Compiled.SCHEMA.violations(origin, tree));
            return new Result(Optional.empty(), errors);
        }
        TemplateParameters.Applied applied = TemplateParameters.apply(origin, (ObjectNode) tree, overrides, errors);
        Compiled.SCHEMA.violations(origin, tree).stream()
                .filter(error -> !applied.unresolved().contains(error.path()))
                .forEach(errors::add);
        errors.addAll(TemplateChecks.violations(origin, tree));
        checkImages(origin, tree, images, errors);
        if (!errors.isEmpty()) {
            return new Result(Optional.empty(), naming(applied.overriddenPath(), errors));
        }
        try {
            return new Result(Optional.of(toTemplate(tree, applied.values())), List.of());
        } catch (IllegalArgumentException e) {
            // The records re-check what the schema and the checks already did; reaching this means they disagree,
            // and the record's message still quotes the value.
            return new Result(Optional.empty(), List.of(new ValidationError(origin, "", e.getMessage())));
        }
    }

    static DocumentSchema schema() {
        return Compiled.SCHEMA;
    }

    /** Asks the catalogue about every role whose image is well-formed; the others already have their error. */
    private static void checkImages(String origin, JsonNode tree, ImageLookup images, List<ValidationError> errors) {
        tree.path("roles").fields().forEachRemaining(entry -> {
            String path = DocumentSchema.child("/roles", entry.getKey()) + "/image";
            if (errors.stream().anyMatch(e -> e.path().equals(path) || e.path().startsWith(path + "/"))) {
                return;
            }
            imageChoice(entry.getValue().path("image")).flatMap(images::problem)
                    .ifPresent(problem -> errors.add(new ValidationError(origin, path, problem)));
        });
    }

    /** An error in a field an override set says so: the fix is in the command, not in the file. */
    private static List<ValidationError> naming(Map<String, String> overriddenPath, List<ValidationError> errors) {
        return errors.stream().map(error -> {
            String override = overriddenPath.get(error.path());
            return override == null || error.message().contains("override \"") ? error
                    : new ValidationError(error.origin(), error.path(),
                            error.message() + " (set by override \"" + override + "\")");
        }).toList();
    }

    private static Optional<ImageChoice> imageChoice(JsonNode image) {
        try {
            if (image.isTextual()) {
                return Optional.of(new ImageChoice.Named(image.textValue()));
            }
            if (image.isObject()) {
                return Optional.of(new ImageChoice.Matching(image.toString()));
            }
        } catch (IllegalArgumentException e) {
            // Malformed: the schema has said so.
        }
        return Optional.empty();
    }

    private static ClusterTemplate toTemplate(JsonNode tree, Map<String, String> values) {
        List<Parameter> parameters = new ArrayList<>();
        tree.path("parameters").fields().forEachRemaining(entry -> {
            ParameterType type = ParameterType.ofWord(entry.getValue().get("type").textValue()).orElseThrow();
            parameters.add(new Parameter(entry.getKey(), type,
                    TemplateParameters.defaultOf(type, entry.getValue().get("default")),
                    entry.getValue().get("description").textValue()));
        });
        List<Role> roles = new ArrayList<>();
        tree.get("roles").fields().forEachRemaining(entry -> roles.add(toRole(entry.getKey(), entry.getValue())));
        FailurePolicy onFailure = tree.has("onFailure")
                ? FailurePolicy.ofWord(tree.get("onFailure").textValue()).orElseThrow()
                : FailurePolicy.TEARDOWN;
        return new ClusterTemplate(tree.get("name").textValue(), tree.get("description").textValue(), parameters,
                values, Duration.parse(tree.get("lease").textValue()), onFailure, roles);
    }

    private static Role toRole(String name, JsonNode role) {
        int count = role.get("count").intValue();
        List<Script> scripts = new ArrayList<>();
        role.path("scripts").forEach(script -> scripts.add(
                new Script(script.get("name").textValue(), script.get("run").textValue())));
        JsonNode size = role.get("size");
        return new Role(name, imageChoice(role.get("image")).orElseThrow(),
                new Size(size.get("cores").intValue(), size.get("memoryMiB").intValue()),
                count, texts(role.path("parents")), quorum(role.path("minReady"), count),
                Duration.parse(role.get("readyWithin").textValue()),
                role.path("maxBatch").asInt(Role.DEFAULT_MAX_BATCH), role.path("min").asInt(count),
                role.path("max").asInt(count), role.path("maxReplacements").asInt(Role.DEFAULT_MAX_REPLACEMENTS),
                scripts);
    }

    /** A number of nodes, or a percentage of count rounded up (a quorum of 75% of 6 nodes is 5); default: count. */
    private static int quorum(JsonNode minReady, int count) {
        if (minReady.isTextual()) {
            int percent = Integer.parseInt(minReady.textValue().substring(0, minReady.textValue().length() - 1));
            return (count * percent + 99) / 100;
        }
        return minReady.asInt(count);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.textValue()));
        return texts;
    }
}
