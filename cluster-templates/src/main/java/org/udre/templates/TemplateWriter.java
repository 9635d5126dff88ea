package org.udre.templates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes a {@link ClusterTemplate} back as a template document (JSON), with its parameters applied: read again with
 * the same values, it gives the same template. Texts outside scripts have their {@code ${} escaped, because their
 * references were resolved already; scripts keep theirs, which are resolved when a script runs.
 */
final class TemplateWriter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    private TemplateWriter() {
    }

    static ObjectNode write(ClusterTemplate template) {
        ObjectNode document = NODES.objectNode();
        document.put("name", template.name());
        document.put("description", Placeholders.escape(template.description()));
        if (!template.parameters().isEmpty()) {
            ObjectNode parameters = document.putObject("parameters");
            for (Parameter parameter : template.parameters()) {
                ObjectNode declaration = parameters.putObject(parameter.name());
                declaration.put("type", parameter.type().word());
                parameter.defaultValue().ifPresent(value -> {
                    switch (parameter.type()) {
                        case INTEGER -> declaration.put("default", Integer.parseInt(value));
                        case BOOLEAN -> declaration.put("default", Boolean.parseBoolean(value));
                        case STRING, DURATION -> declaration.put("default", value);
                    }
                });
                declaration.put("description", parameter.description());
            }
        }
        document.put("lease", template.lease().toString());
        document.put("onFailure", template.onFailure().word());
        ObjectNode roles = document.putObject("roles");
        for (Role role : template.roles()) {
            roles.set(role.name(), write(role));
        }
        return document;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("image requirements were checked to be JSON: " + json, e);
        }
    }

    /** A copy with {@code ${} escaped in every text, keys aside (requirements have no references in keys). */
    private static JsonNode escaped(JsonNode node) {
        if (node.isTextual()) {
            return NODES.textNode(Placeholders.escape(node.textValue()));
        }
        if (node.isObject()) {
            ObjectNode copy = NODES.objectNode();
            node.fields().forEachRemaining(entry -> copy.set(entry.getKey(), escaped(entry.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            node.forEach(item -> copy.add(escaped(item)));
            return copy;
        }
        return node;
    }

    private static ObjectNode write(Role role) {
        ObjectNode node = NODES.objectNode();
        if (role.image() instanceof ImageChoice.Named named) {
            node.put("image", Placeholders.escape(named.ref()));
        } else if (role.image() instanceof ImageChoice.Matching matching) {
            node.set("image", escaped(read(matching.json())));
        }
        ObjectNode size = node.putObject("size");
        size.put("cores", role.size().cores());
        size.put("memoryMiB", role.size().memoryMiB());
        node.put("count", role.count());
        ArrayNode parents = node.putArray("parents");
        role.parents().forEach(parents::add);
        node.put("minReady", role.minReady());
        node.put("readyWithin", role.readyWithin().toString());
        node.put("maxBatch", role.maxBatch());
        node.put("min", role.min());
        node.put("max", role.max());
        node.put("maxReplacements", role.maxReplacements());
        ArrayNode scripts = node.putArray("scripts");
        for (Script script : role.scripts()) {
            scripts.addObject().put("name", script.name()).put("run", script.run());
        }
        return node;
    }
}
