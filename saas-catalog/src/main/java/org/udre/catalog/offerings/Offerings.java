package org.udre.catalog.offerings;

import org.udre.catalog.scripts.ScriptTemplate;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.udre.catalog.DocumentSchema;
import org.udre.catalog.ImageRequirements;
import org.udre.catalog.InvalidDocumentException;
import org.udre.catalog.MetadataBatch;
import org.udre.catalog.DocumentParser;
import org.udre.catalog.MetadataSource;
import org.udre.catalog.ValidationError;

/**
 * The offerings of a site, read from files and checked all or nothing like image metadata: when any file is bad, none
 * is loaded and every error of every file is listed with its path. Immutable.
 *
 * <p>Beyond the schema ({@code catalog/offering.schema.json}), each offering is checked for what a schema cannot
 * say: its parameters schema compiles, its defaults satisfy it, every name it requires is defined, and its script
 * template uses only defined parameters, each of them required or with a default, and each where quoting protects it.
 */
public final class Offerings {

    private static final class Compiled {
        static final DocumentSchema SCHEMA = DocumentSchema.shipped(DocumentSchema.OFFERING);
    }

    private final List<Offering> offerings;

    private Offerings(List<Offering> offerings) {
        this.offerings = offerings.stream().sorted(Comparator.comparing(Offering::name)).toList();
    }

    /** @throws InvalidDocumentException listing every error of every document, including a name defined twice */
    public static Offerings load(List<MetadataSource> sources) {
        return load(sources, List.of());
    }

    /**
     * Reads {@code sources} and the {@code *.yaml}, {@code *.yml} and {@code *.json} files of {@code dir} together.
     *
     * @throws IllegalArgumentException  when {@code dir} is not a directory
     * @throws InvalidDocumentException  listing every error of every document
     */
    public static Offerings load(List<MetadataSource> sources, Path dir) {
        List<ValidationError> unreadable = new ArrayList<>();
        List<MetadataSource> all = new ArrayList<>(sources);
        all.addAll(MetadataBatch.readDirectory(dir, unreadable));
        return load(all, unreadable);
    }

    private static Offerings load(List<MetadataSource> sources, List<ValidationError> unreadable) {
        List<ValidationError> errors = new ArrayList<>(unreadable);
        List<Offering> offerings = new ArrayList<>();
        Map<String, String> originByName = new HashMap<>();
        for (MetadataSource source : sources) {
            read(source, errors).ifPresent(offering -> {
                String first = originByName.putIfAbsent(offering.name(), source.origin());
                if (first == null) {
                    offerings.add(offering);
                } else {
                    errors.add(new ValidationError(source.origin(), "/name", "offering \"" + offering.name()
                            + "\" is already defined by " + first + "; each name must be defined once"));
                }
            });
        }
        if (!errors.isEmpty()) {
            throw new InvalidDocumentException("offerings", errors);
        }
        return new Offerings(offerings);
    }

    /** One offering, or empty with every error of its document added to {@code errors}. */
    static Optional<Offering> read(MetadataSource source, List<ValidationError> errors) {
        String origin = source.origin();
        Optional<JsonNode> parsed = DocumentParser.parse(source.origin(), source.text(), "offering", errors);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        JsonNode tree = parsed.get();
        List<ValidationError> found = new ArrayList<>(Compiled.SCHEMA.violations(origin, tree));
        if (!found.isEmpty()) {
            errors.addAll(found);
            return Optional.empty();
        }
        JsonNode parametersSchema = tree.get("parameters");
        JsonNode properties = parametersSchema.get("properties");
        DocumentSchema compiled = null;
        try {
            compiled = DocumentSchema.of(parametersSchema);
        } catch (IllegalArgumentException e) {
            found.add(new ValidationError(origin, "/parameters", e.getMessage()));
        }
        JsonNode required = parametersSchema.path("required");
        for (int i = 0; i < required.size(); i++) {
            if (!properties.has(required.get(i).textValue())) {
                found.add(new ValidationError(origin, "/parameters/required/" + i, "names no parameter defined under "
                        + "properties (found " + DocumentSchema.quote(required.get(i)) + ")"));
            }
        }
        properties.properties().forEach(property -> {
            JsonNode value = property.getValue().get("default");
            if (value != null) {
                String at = "/parameters/properties/" + property.getKey() + "/default";
                DocumentSchema.of(property.getValue()).violations(origin, value).forEach(error ->
                        found.add(new ValidationError(origin, at + error.path(), error.message())));
            }
        });
        ScriptTemplate.Parsed script = ScriptTemplate.parse(tree.get("script").textValue());
        script.problems().forEach(problem -> found.add(new ValidationError(origin, "/script", problem)));
        for (String name : script.names()) {
            if (!properties.has(name)) {
                found.add(new ValidationError(origin, "/script", "placeholder {{" + name + "}} names no "
                        + "parameter; parameters: " + String.join(", ", names(properties))));
            } else if (!contains(required, name) && !properties.get(name).has("default")) {
                found.add(new ValidationError(origin, "/parameters/properties/" + name, "is used by the script, "
                        + "so it must be required or have a default"));
            }
        }
        if (!found.isEmpty()) {
            errors.addAll(found);
            return Optional.empty();
        }
        JsonNode resources = tree.path("resources");
        return Optional.of(new Offering(
                tree.get("name").textValue(),
                tree.get("title").textValue(),
                tree.get("description").textValue(),
                ImageRequirements.fromJson(origin, tree.get("image")),
                resources.has("cores") ? resources.get("cores").intValue() : null,
                resources.has("memoryMiB") ? resources.get("memoryMiB").intValue() : null,
                new OfferingParameters(parametersSchema, compiled),
                script.template(),
                origin));
    }

    private static List<String> names(JsonNode properties) {
        List<String> names = new ArrayList<>();
        properties.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static boolean contains(JsonNode array, String text) {
        for (JsonNode element : array) {
            if (text.equals(element.textValue())) {
                return true;
            }
        }
        return false;
    }

    public Optional<Offering> find(String name) {
        return offerings.stream().filter(o -> o.name().equals(name)).findFirst();
    }

    /** @throws UnknownOfferingException listing every offering */
    public Offering require(String name) {
        return find(name).orElseThrow(() -> new UnknownOfferingException(name,
                offerings.stream().map(Offering::name).toList()));
    }

    /** Every offering, by name. */
    public List<Offering> all() {
        return offerings;
    }
}
