package org.udre.templates;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A cluster template with its parameters applied: what {@link TemplateReader} makes of a valid document. The
 * constructor re-checks what the engine relies on (parents exist and form no cycle, every parameter has a value of
 * its type), so a template made in code obeys the same rules.
 *
 * @param parameters the parameters the template declares, in declaration order
 * @param values     the value of every parameter for this cluster, in the type's canonical spelling; scripts see
 *                   them as {@code ${name}}
 * @param lease      how long a cluster lives before it is torn down whatever its state
 * @param roles      in declaration order; {@link #startOrder()} gives the order they start in
 */
public record ClusterTemplate(String name, String description, List<Parameter> parameters,
        Map<String, String> values, Duration lease, FailurePolicy onFailure, List<Role> roles) {

    /** The JSON Schema's {@code templateName}; a test holds them equal. */
    static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9-]{0,39}$");

    public ClusterTemplate {
        Objects.requireNonNull(name, "template name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("template name must be a lower-case letter followed by at most 39"
                    + " lower-case letters, digits and '-', was \"" + name + "\"");
        }
        Objects.requireNonNull(description, "description");
        parameters = List.copyOf(Objects.requireNonNull(parameters, "parameters"));
        values = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(values, "values")));
        Set<String> declared = parameters.stream().map(Parameter::name).collect(Collectors.toSet());
        if (declared.size() != parameters.size()) {
            throw new IllegalArgumentException("a parameter is declared twice: " + parameters);
        }
        for (Parameter parameter : parameters) {
            String value = values.get(parameter.name());
            if (value == null) {
                throw new IllegalArgumentException("parameter " + parameter.name() + " has no value");
            }
            if (!parameter.type().canonical(value).equals(value)) {
                throw new IllegalArgumentException("value of parameter " + parameter.name()
                        + " must be spelled canonically (" + parameter.type().canonical(value) + "), was \"" + value
                        + "\"");
            }
        }
        if (!declared.containsAll(values.keySet())) {
            throw new IllegalArgumentException("values for undeclared parameters: " + values.keySet());
        }
        Objects.requireNonNull(lease, "lease");
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease must be positive, was " + lease);
        }
        Objects.requireNonNull(onFailure, "onFailure");
        roles = List.copyOf(Objects.requireNonNull(roles, "roles"));
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("a cluster template needs at least one role");
        }
        Map<String, List<String>> parentsByRole = new LinkedHashMap<>();
        for (Role role : roles) {
            if (parentsByRole.put(role.name(), role.parents()) != null) {
                throw new IllegalArgumentException("role " + role.name() + " is defined twice");
            }
        }
        for (Role role : roles) {
            for (String parent : role.parents()) {
                if (!parentsByRole.containsKey(parent)) {
                    throw new IllegalArgumentException("role " + role.name() + " names parent \"" + parent
                            + "\", which is no role of the template");
                }
            }
        }
        new RoleGraph(parentsByRole).startOrder();
        for (Role role : roles) {
            for (Script script : role.scripts()) {
                for (String reference : script.references()) {
                    ClusterFacts.problem(reference, declared, parentsByRole.keySet()).ifPresent(problem -> {
                        throw new IllegalArgumentException("script " + script.name() + " of role " + role.name()
                                + " " + problem);
                    });
                }
            }
        }
    }

    /** @throws IllegalArgumentException listing the roles when there is none of that name */
    public Role role(String roleName) {
        return roles.stream().filter(r -> r.name().equals(roleName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no role \"" + roleName + "\" in template " + name
                        + "; roles: " + roles.stream().map(Role::name).collect(Collectors.joining(", "))));
    }

    /** Each role after all its parents; among roles free to start, the one declared first. */
    public List<Role> startOrder() {
        Map<String, List<String>> parentsByRole = new LinkedHashMap<>();
        roles.forEach(role -> parentsByRole.put(role.name(), role.parents()));
        return new RoleGraph(parentsByRole).startOrder().stream().map(this::role).toList();
    }
}
