package org.udre.catalog;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A document UDRE was given (image metadata, image requirements, an offering, a run's parameters) was rejected;
 * {@link #errors()} lists every error found, not only the first, each with its path.
 */
public class InvalidDocumentException extends RuntimeException {

    private final List<ValidationError> errors;

    /** @param what the kind of document, as the message starts: "image metadata", "parameters", ... */
    public InvalidDocumentException(String what, List<ValidationError> errors) {
        super(describe(what, errors));
        this.errors = List.copyOf(errors);
    }

    public List<ValidationError> errors() {
        return errors;
    }

    private static String describe(String what, List<ValidationError> errors) {
        Objects.requireNonNull(what, "what");
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a rejection of " + what + " needs at least one error");
        }
        return what + " rejected, " + errors.size() + (errors.size() == 1 ? " error:" : " errors:")
                + errors.stream().map(e -> "\n  " + e).collect(Collectors.joining());
    }
}
