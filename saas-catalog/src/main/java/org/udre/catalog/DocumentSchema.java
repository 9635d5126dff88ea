package org.udre.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON Schema that UDRE's documents (image metadata, image requirements, offerings and their parameters) must
 * satisfy, and the translation of its violations into {@link ValidationError}s an operator can act on: a JSON
 * Pointer to the field and a message quoting the bad value.
 *
 * <p>The schemas UDRE ships ({@link #SHIPPED}) know each other by their {@code $id}, so one may refer to another
 * without anything being fetched from a network.
 */
public final class DocumentSchema {

    public static final String IMAGE_METADATA = "catalog/image-metadata.schema.json";
    public static final String IMAGE_REQUIREMENTS = "catalog/image-requirements.schema.json";
    public static final String OFFERING = "catalog/offering.schema.json";
    static final List<String> SHIPPED = List.of(IMAGE_METADATA, IMAGE_REQUIREMENTS, OFFERING);

    private static final int MAX_QUOTED_LENGTH = 80;

    private static final class Shipped {
        static final Map<String, String> BY_ID = byId();
        static final SchemaRegistry REGISTRY = registry(BY_ID);
    }

    private final JsonNode document;
    private final Schema schema;

    private DocumentSchema(JsonNode document, Schema schema) {
        this.document = document;
        this.schema = schema;
    }

    /** One of the schemas shipped with UDRE, by its resource name (e.g. {@code catalog/offering.schema.json}). */
    public static DocumentSchema shipped(String resource) {
        JsonNode document = readResource(resource);
        return new DocumentSchema(document, Shipped.REGISTRY.getSchema(document));
    }

    /**
     * A schema on the class path that is not one of the catalogue's, e.g. the cluster template schema; it may refer
     * to the shipped schemas.
     */
    public static DocumentSchema resource(String resource) {
        JsonNode document = readResource(resource);
        return new DocumentSchema(document, Shipped.REGISTRY.getSchema(document));
    }

    /**
     * A schema written in a document, e.g. the parameters of an offering; it may refer to the shipped schemas.
     *
     * @throws IllegalArgumentException when the validator cannot compile it, with its reason
     */
    public static DocumentSchema of(JsonNode document) {
        try {
            return new DocumentSchema(document, Shipped.REGISTRY.getSchema(document));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a usable JSON Schema: " + e.getMessage(), e);
        }
    }

    private static SchemaRegistry registry(Map<String, String> schemasById) {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .pathType(PathType.JSON_POINTER)
                // The schemas word their own messages for patterns: a regular expression means little to an operator.
                .errorMessageKeyword("errorMessage")
                // 'format' stays an annotation, as draft 2020-12 says: durations are checked by each reader's own
                // checks against what java.time.Duration accepts, which is narrower than the format's grammar.
                .formatAssertionsEnabled(false)
                .build();
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(config).schemas(schemasById));
    }

    private static Map<String, String> byId() {
        Map<String, String> byId = new HashMap<>();
        for (String resource : SHIPPED) {
            JsonNode document = readResource(resource);
            byId.put(document.path("$id").asText(), document.toString());
        }
        return byId;
    }

    /** The schema as written, e.g. to publish it or to compare a definition with the code that mirrors it. */
    public JsonNode document() {
        return document;
    }

    /** Every violation of the schema by {@code instance}, each naming {@code origin}; empty when it is valid. */
    public List<ValidationError> violations(String origin, JsonNode instance) {
        return schema.validate(instance).stream().map(error -> translate(origin, error)).toList();
    }

    private ValidationError translate(String origin, Error error) {
        String at = error.getInstanceLocation().toString();
        String keyword = error.getKeyword() == null ? "" : error.getKeyword();
        return switch (keyword) {
            case "required" -> new ValidationError(origin, child(at, error.getProperty()), "is required but missing");
            case "additionalProperties" -> new ValidationError(origin, child(at, error.getProperty()),
                    "is not a known property" + allowedBeside(error));
            case "type" -> new ValidationError(origin, at, typeMessage(error));
            case "propertyNames" -> propertyName(origin, at, error);
            case "enum" -> new ValidationError(origin, at, "must be one of "
                    + join(error.getSchemaNode()) + found(error.getInstanceNode()));
            default -> new ValidationError(origin, at, error.getMessage() + found(error.getInstanceNode()));
        };
    }

    /**
     * A key that is not a valid name (a role, a parameter) is reported at the key itself, quoting it, rather than at
     * the object holding it with the whole object quoted.
     */
    private static ValidationError propertyName(String origin, String at, Error error) {
        String property = error.getProperty();
        String message = error.getMessage();
        if (property == null) {
            return new ValidationError(origin, at, message);
        }
        // The validator words it "property 'x' name is not valid: <the schema's own message>".
        int colon = message.indexOf(": ");
        String reason = colon >= 0 ? message.substring(colon + 2) : message;
        return new ValidationError(origin, child(at, property), reason + " (found \"" + property + "\")");
    }

    private static String typeMessage(Error error) {
        Object[] arguments = error.getArguments();
        String actual = String.valueOf(arguments[0]);
        String expected = String.valueOf(arguments[1]);
        JsonNode value = error.getInstanceNode();
        String message = "must be of type " + expected + " (found " + actual + " " + quote(value) + ")";
        // YAML reads 1.10 as the number 1.1 and 12 as a number: the fix is quotes, so say so.
        boolean unquotedScalar = value != null && (value.isNumber() || value.isBoolean());
        return "string".equals(expected) && unquotedScalar ? message + "; put it in quotes to make it text" : message;
    }

    /** The properties the schema allows in the object that held an unknown one; typos are the usual cause. */
    private String allowedBeside(Error error) {
        String location = error.getSchemaLocation().toString();
        int fragment = location.indexOf('#');
        if (fragment < 0 || !location.endsWith("/additionalProperties")) {
            return "";
        }
        String objectSchema = location.substring(fragment + 1, location.length() - "/additionalProperties".length());
        JsonNode properties = document.at(objectSchema + "/properties");
        if (!properties.isObject()) {
            return "";
        }
        List<String> names = new ArrayList<>();
        properties.fieldNames().forEachRemaining(names::add);
        return "; allowed here: " + String.join(", ", names);
    }

    /** The JSON Pointer of {@code property} inside the object at {@code parent}. */
    public static String child(String parent, String property) {
        return parent + "/" + property.replace("~", "~0").replace("/", "~1");
    }

    private static String join(JsonNode values) {
        if (values == null || !values.isArray()) {
            return String.valueOf(values);
        }
        List<String> quoted = new ArrayList<>();
        values.forEach(value -> quoted.add(quote(value)));
        return String.join(", ", quoted);
    }

    private static String found(JsonNode value) {
        return value == null ? "" : " (found " + quote(value) + ")";
    }

    /** The value as it would appear in JSON, cut short so one huge value cannot flood a log. */
    public static String quote(JsonNode value) {
        String text = value.toString();
        return text.length() <= MAX_QUOTED_LENGTH ? text : text.substring(0, MAX_QUOTED_LENGTH) + "...";
    }

    private static JsonNode readResource(String resource) {
        try (InputStream in = DocumentSchema.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the schema " + resource + " is not on the classpath");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the schema " + resource, e);
        }
    }
}
