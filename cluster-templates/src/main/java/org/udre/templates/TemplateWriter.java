package org.udre.templates;

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

    private static ObjectNode write(Role role) {
        ObjectNode node = NODES.objectNode();
        if (role.image() instanceof ImageChoice.Named named) {
            node.put("image", Placeholders.escape(named.ref()));
        } else if (role.image() instanceof ImageChoice.Matching matching) {
            ObjectNode image = node.putObject("image");
            if (!matching.applications().isEmpty()) {
                ArrayNode applications = image.putArray("applications");
                matching.applications().forEach(a -> applications.add(Placeholders.escape(a)));
            }
            if (!matching.tags().isEmpty()) {
                ArrayNode tags = image.putArray("tags");
                matching.tags().forEach(tags::add);
            }
            if (matching.osFamily().isPresent() || matching.osDistribution().isPresent()) {
                ObjectNode os = image.putObject("os");
                matching.osFamily().ifPresent(family -> os.put("family", family));
                matching.osDistribution().ifPresent(distribution -> os.put("distribution", distribution));
            }
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
