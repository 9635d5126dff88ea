package org.udre.templates;

import java.util.List;
import java.util.stream.Collectors;
import org.udre.catalog.ValidationError;

/** A cluster template was rejected; {@link #errors()} lists every error found, not only the first. */
public class InvalidTemplateException extends RuntimeException {

    private final List<ValidationError> errors;

    public InvalidTemplateException(List<ValidationError> errors) {
        super(describe(errors));
        this.errors = List.copyOf(errors);
    }

    public List<ValidationError> errors() {
        return errors;
    }

    private static String describe(List<ValidationError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a template rejection needs at least one error");
        }
        return "cluster template rejected, " + errors.size() + (errors.size() == 1 ? " error:" : " errors:")
                + errors.stream().map(e -> "\n  " + e).collect(Collectors.joining());
    }
}
