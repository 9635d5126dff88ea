package org.udre.templates;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A value users may give when they start a cluster ({@code name=value}); elsewhere in the template {@code ${name}}
 * stands for it.
 *
 * @param defaultValue the value when none is given, in the type's canonical spelling; empty when every start must
 *                     give one
 */
public record Parameter(String name, ParameterType type, Optional<String> defaultValue, String description) {

    /**
     * A letter, then letters and digits: no '.', which marks role fields in overrides ({@code compute.count=8}).
     * The JSON Schema's parameter names use the same expression (a test holds them equal).
     */
    static final Pattern NAME = Pattern.compile("^[a-z][A-Za-z0-9]{0,39}$");

    public Parameter {
        Objects.requireNonNull(name, "parameter name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("parameter name must be a lower-case letter followed by at most 39"
                    + " letters and digits, was \"" + name + "\"");
        }
        Objects.requireNonNull(type, "type of parameter " + name);
        Objects.requireNonNull(defaultValue, "default of parameter " + name);
        defaultValue = defaultValue.map(type::canonical);
        Objects.requireNonNull(description, "description of parameter " + name);
    }
}
