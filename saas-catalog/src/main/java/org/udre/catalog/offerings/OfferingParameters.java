package org.udre.catalog.offerings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.udre.catalog.DocumentSchema;
import org.udre.catalog.InvalidDocumentException;
import org.udre.catalog.ValidationError;

/** The parameters an offering takes: their JSON Schema, compiled, and what a run's parameters become. */
public final class OfferingParameters {

    private final JsonNode schema;
    private final DocumentSchema compiled;

    OfferingParameters(JsonNode schema, DocumentSchema compiled) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.compiled = Objects.requireNonNull(compiled, "compiled");
    }

    /** The JSON Schema as the offering writes it, for a front end to build its form from. */
    public JsonNode schema() {
        return schema;
    }

    /**
     * Checks a run's parameters against the schema and completes them with the defaults of those left out.
     *
     * @param given the {@code parameters} object of a run request; null: none given
     * @param at    JSON Pointer of that object in the request, which every error's path starts with
     * @throws InvalidDocumentException with every error, each at its path in the request
     */
    ObjectNode complete(JsonNode given, String at) {
        JsonNode parameters = given == null || given.isNull() ? JsonNodeFactory.instance.objectNode() : given;
        List<ValidationError> errors = new ArrayList<>();
        for (ValidationError error : compiled.violations("request", parameters)) {
            errors.add(new ValidationError(error.origin(), at + error.path(), error.message()));
        }
        if (errors.isEmpty()) {
            // Values that no bash word can hold; the schema cannot say so for every string.
            for (Map.Entry<String, JsonNode> parameter : parameters.properties()) {
                if (holdsNul(parameter.getValue())) {
                    errors.add(new ValidationError("request", at + "/" + parameter.getKey(),
                            "must not contain the NUL character"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidDocumentException("parameters", errors);
        }
        ObjectNode complete = JsonNodeFactory.instance.objectNode();
        // Only the parameters the schema names reach the script; additionalProperties: false refused the others.
        schema.path("properties").properties().forEach(property -> {
            JsonNode value = parameters.has(property.getKey()) ? parameters.get(property.getKey())
                    : property.getValue().get("default");
            if (value != null) {
                complete.set(property.getKey(), value);
            }
        });
        return complete;
    }

    private static boolean holdsNul(JsonNode value) {
        if (value.isArray()) {
            for (JsonNode element : value) {
                if (holdsNul(element)) {
                    return true;
                }
            }
            return false;
        }
        return value.isTextual() && value.textValue().indexOf('\0') >= 0;
    }
}
