package org.udre.templates;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.udre.catalog.scripts.ScriptTemplate;
import org.udre.catalog.DocumentSchema;
import org.udre.catalog.ValidationError;

/**
 * Rules for a template that the JSON Schema cannot express: durations java.time can read and that are positive,
 * quorum and scale bounds that fit the count, parents that name roles and form no cycle, scripts that refer to
 * parameters and facts that exist. They look only at fields of the right type, so they add to the schema's errors
 * instead of repeating them.
 */
final class TemplateChecks {

    private TemplateChecks() {
    }

    static List<ValidationError> violations(String origin, JsonNode template) {
        List<ValidationError> errors = new ArrayList<>();
        requirePositiveDuration(origin, "/lease", template.path("lease"), errors);
        template.path("parameters").fields().forEachRemaining(entry -> {
            JsonNode declaration = entry.getValue();
            JsonNode defaultValue = declaration.path("default");
            if ("duration".equals(declaration.path("type").asText()) && defaultValue.isTextual()
                    && !isDuration(defaultValue.textValue())) {
                errors.add(new ValidationError(origin, "/parameters/" + entry.getKey() + "/default",
                        "must be an ISO-8601 duration of days, hours, minutes and seconds such as PT30M (found "
                                + DocumentSchema.quote(defaultValue) + ")"));
            }
        });
        JsonNode roles = template.path("roles");
        if (!roles.isObject()) {
            return errors;
        }
        List<String> roleNames = new ArrayList<>();
        roles.fieldNames().forEachRemaining(roleNames::add);
        List<String> parameterNames = new ArrayList<>();
        template.path("parameters").fieldNames().forEachRemaining(parameterNames::add);
        Map<String, List<String>> parentsByRole = new LinkedHashMap<>();
        roles.fields().forEachRemaining(entry -> {
            String path = DocumentSchema.child("/roles", entry.getKey());
            JsonNode role = entry.getValue();
            requirePositiveDuration(origin, path + "/readyWithin", role.path("readyWithin"), errors);
            checkCounts(origin, path, role, errors);
            parentsByRole.put(entry.getKey(), checkParents(origin, path, role.path("parents"), roleNames, errors));
            checkScripts(origin, path, role.path("scripts"), parameterNames, roleNames, errors);
        });
        for (List<String> cycle : new RoleGraph(parentsByRole).cycles()) {
            errors.add(new ValidationError(origin, DocumentSchema.child("/roles", cycle.get(0)) + "/parents",
                    RoleGraph.describeCycle(cycle)));
        }
        return errors;
    }

    private static void checkCounts(String origin, String path, JsonNode role, List<ValidationError> errors) {
        JsonNode count = role.path("count");
        JsonNode minReady = role.path("minReady");
        JsonNode min = role.path("min");
        JsonNode max = role.path("max");
        if (count.isInt() && minReady.isInt() && minReady.intValue() > count.intValue()) {
            errors.add(new ValidationError(origin, path + "/minReady", "the quorum must not be above count "
                    + count.intValue() + ": more nodes could never be ready than are started (found "
                    + minReady.intValue() + ")"));
        }
        if (count.isInt() && count.intValue() == 0 && max.isMissingNode()) {
            errors.add(new ValidationError(origin, path + "/max", "is required when count is 0: max defaults to"
                    + " count, and a role that may never have a node is of no use"));
        }
        if (min.isInt() && max.isInt() && min.intValue() > max.intValue()) {
            errors.add(new ValidationError(origin, path + "/min", "must not be above max " + max.intValue()
                    + " (found " + min.intValue() + ")"));
            return;
        }
        if (count.isInt() && min.isInt() && count.intValue() < min.intValue()) {
            errors.add(new ValidationError(origin, path + "/count", "must not be below min " + min.intValue()
                    + " (found " + count.intValue() + ")"));
        }
        if (count.isInt() && max.isInt() && count.intValue() > max.intValue()) {
            errors.add(new ValidationError(origin, path + "/count", "must not be above max " + max.intValue()
                    + " (found " + count.intValue() + ")"));
        }
    }

    /** The parents that name roles; each that does not is an error. */
    private static List<String> checkParents(String origin, String path, JsonNode parents, List<String> roleNames,
            List<ValidationError> errors) {
        List<String> known = new ArrayList<>();
        for (int i = 0; i < parents.size(); i++) {
            JsonNode parent = parents.get(i);
            if (!parent.isTextual()) {
                continue;
            }
            if (roleNames.contains(parent.textValue())) {
                known.add(parent.textValue());
            } else {
                errors.add(new ValidationError(origin, path + "/parents/" + i, "names no role of this template (found "
                        + DocumentSchema.quote(parent) + "); roles: " + String.join(", ", roleNames)));
            }
        }
        return known;
    }

    private static void checkScripts(String origin, String path, JsonNode scripts, List<String> parameterNames,
            List<String> roleNames, List<ValidationError> errors) {
        Map<String, Integer> firstByName = new HashMap<>();
        for (int i = 0; i < scripts.size(); i++) {
            JsonNode script = scripts.get(i);
            JsonNode name = script.path("name");
            if (name.isTextual()) {
                Integer first = firstByName.putIfAbsent(name.textValue(), i);
                if (first != null) {
                    errors.add(new ValidationError(origin, path + "/scripts/" + i + "/name", "is the name of script "
                            + first + " already; script names are unique within a role (found "
                            + DocumentSchema.quote(name) + ")"));
                }
            }
            JsonNode run = script.path("run");
            if (run.isTextual()) {
                checkReferences(origin, path + "/scripts/" + i + "/run", run.textValue(), parameterNames, roleNames,
                        errors);
            }
        }
    }

    private static void checkReferences(String origin, String path, String text, List<String> parameterNames,
            List<String> roleNames, List<ValidationError> errors) {
        ScriptTemplate.Parsed parsed = ScriptTemplate.parse(text);
        parsed.problems().forEach(problem -> errors.add(new ValidationError(origin, path, problem)));
        ScriptTemplate.shellReferencesTo(text,
                        name -> ClusterFacts.problem(name, parameterNames, roleNames).isEmpty())
                .forEach(problem -> errors.add(new ValidationError(origin, path, problem)));
        if (parsed.template() == null) {
            return;
        }
        Set<String> reported = new HashSet<>();
        for (String name : parsed.names()) {
            if (reported.add(name)) {
                ClusterFacts.problem(name, parameterNames, roleNames)
                        .ifPresent(problem -> errors.add(new ValidationError(origin, path, problem)));
            }
        }
    }

    private static void requirePositiveDuration(String origin, String path, JsonNode value,
            List<ValidationError> errors) {
        if (value.isTextual() && !isPositiveDuration(value.textValue())) {
            errors.add(new ValidationError(origin, path, "must be a positive ISO-8601 duration of days, hours,"
                    + " minutes and seconds such as PT10M (found " + DocumentSchema.quote(value) + ")"));
        }
    }

    private static boolean isDuration(String text) {
        try {
            Duration.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean isPositiveDuration(String text) {
        return isDuration(text) && !Duration.parse(text).isNegative() && !Duration.parse(text).isZero();
    }
}
