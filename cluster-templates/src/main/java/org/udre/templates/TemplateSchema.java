package org.udre.templates;

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
import java.util.List;

/**
 * The JSON Schema a cluster template must satisfy once its parameters are applied ({@value #RESOURCE}), and the
 * translation of its violations into {@link ValidationError}s an operator can act on: a JSON Pointer to the field
 * and a message quoting the bad value.
 */
final class TemplateSchema {

    static final String RESOURCE = "templates/cluster-template.schema.json";

    private static final int MAX_QUOTED_LENGTH = 80;

    private final JsonNode document;
    private final Schema schema;

    private TemplateSchema(JsonNode document, Schema schema) {
        this.document = document;
        this.schema = schema;
    }

    static TemplateSchema load() {
        JsonNode document = readResource();
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .pathType(PathType.JSON_POINTER)
                // The schema words its own messages for patterns: a regular expression means little to an operator.
                .errorMessageKeyword("errorMessage")
                // 'format' stays an annotation, as draft 2020-12 says: durations are checked by TemplateChecks,
                // against what java.time.Duration accepts, which is narrower than the format's grammar.
                .formatAssertionsEnabled(false)
                .build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(config));
        return new TemplateSchema(document, registry.getSchema(document));
    }

    /** The schema as written, e.g. to publish it or to compare a definition with the code that mirrors it. */
    JsonNode document() {
        return document;
    }

    List<ValidationError> violations(String origin, JsonNode template) {
        return schema.validate(template).stream().map(error -> translate(origin, error)).toList();
    }

    private ValidationError translate(String origin, Error error) {
        String at = error.getInstanceLocation().toString();
        String keyword = error.getKeyword() == null ? "" : error.getKeyword();
        return switch (keyword) {
            case "required" -> new ValidationError(origin, child(at, error.getProperty()), "is required but missing");
            case "additionalProperties" -> new ValidationError(origin, child(at, error.getProperty()),
                    "is not a known property" + allowedBeside(error));
            case "propertyNames" -> propertyName(origin, at, error);
            case "type" -> new ValidationError(origin, at, typeMessage(error));
            case "enum" -> new ValidationError(origin, at, "must be one of "
                    + join(error.getSchemaNode()) + found(error.getInstanceNode()));
            default -> new ValidationError(origin, at, error.getMessage() + found(error.getInstanceNode()));
        };
    }

    /**
     * A key that is not a valid name (a role or a parameter) is reported at the key itself, quoting it, rather than
     * at the object holding it with the whole object quoted.
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
        // YAML reads 1.10 as the number 1.1 and true as a boolean: the fix is quotes, so say so.
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

    static String child(String parent, String property) {
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
    static String quote(JsonNode value) {
        String text = value.toString();
        return text.length() <= MAX_QUOTED_LENGTH ? text : text.substring(0, MAX_QUOTED_LENGTH) + "...";
    }

    private static JsonNode readResource() {
        try (InputStream in = TemplateSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the cluster template schema " + RESOURCE + " is not on the classpath");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the cluster template schema " + RESOURCE, e);
        }
    }
}
