package org.udre.templates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The stored form of a {@link ClusterPlan}: the template as a document with its parameter values, and per role the
 * members as index ranges, the next index and the replacements used. A few kilobytes whatever the node count:
 *
 * <pre>
 * {"format":1,"cluster":"sim","template":{...},"values":["computeNodes=2500"],
 *  "roles":{"head":{"members":"0","nextIndex":1,"replacementsUsed":0},
 *           "compute":{"members":"0-16,18-2500","nextIndex":2501,"replacementsUsed":1}}}
 * </pre>
 */
final class PlanJson {

    private static final int FORMAT = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private PlanJson() {
    }

    static String write(ClusterPlan plan) {
        ObjectNode document = JSON.createObjectNode();
        document.put("format", FORMAT);
        document.put("cluster", plan.cluster());
        document.set("template", TemplateWriter.write(plan.template()));
        ArrayNode values = document.putArray("values");
        plan.template().values().forEach((name, value) -> values.add(name + "=" + value));
        ObjectNode roles = document.putObject("roles");
        for (RolePlan role : plan.roles()) {
            roles.putObject(role.name())
                    .put("members", role.members().toString())
                    .put("nextIndex", role.nextIndex())
                    .put("replacementsUsed", role.replacementsUsed());
        }
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the plan of cluster " + plan.cluster(), e);
        }
    }

    static ClusterPlan read(String json) {
        JsonNode document;
        try {
            document = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a stored cluster plan is not JSON: " + e.getOriginalMessage(), e);
        }
        if (document == null || document.path("format").asInt() != FORMAT) {
            throw new IllegalArgumentException("not a cluster plan of format " + FORMAT + ": " + excerpt(json));
        }
        String cluster = document.path("cluster").asText();
        List<String> values = new ArrayList<>();
        document.path("values").forEach(value -> values.add(value.asText()));
        ClusterTemplate template;
        try {
            template = TemplateReader.read(new TemplateSource("stored plan of cluster " + cluster,
                    document.path("template").toString()), values, ImageLookup.any());
        } catch (InvalidTemplateException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        JsonNode stored = document.path("roles");
        Set<String> names = new HashSet<>();
        stored.fieldNames().forEachRemaining(names::add);
        List<RolePlan> roles = new ArrayList<>();
        for (Role role : template.startOrder()) {
            JsonNode state = stored.path(role.name());
            if (!state.isObject()) {
                throw new IllegalArgumentException("the stored plan of cluster " + cluster + " has no state for role "
                        + role.name());
            }
            names.remove(role.name());
            roles.add(new RolePlan(cluster, role, IndexRanges.parse(state.path("members").asText()),
                    state.path("nextIndex").asInt(-1), state.path("replacementsUsed").asInt(-1)));
        }
        if (!names.isEmpty()) {
            throw new IllegalArgumentException("the stored plan of cluster " + cluster + " has state for roles its"
                    + " template does not have: " + names);
        }
        return new ClusterPlan(cluster, template, roles);
    }

    private static String excerpt(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
