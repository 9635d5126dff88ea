package org.udre.catalog;

import java.util.List;
import java.util.stream.Collectors;

/** Image metadata was rejected; {@link #errors()} lists every error found, not only the first. */
public class InvalidImageMetadataException extends RuntimeException {

    private final List<ValidationError> errors;

    public InvalidImageMetadataException(List<ValidationError> errors) {
        super(describe(errors));
        this.errors = List.copyOf(errors);
    }

    public List<ValidationError> errors() {
        return errors;
    }

    private static String describe(List<ValidationError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an image metadata rejection needs at least one error");
        }
        return "image metadata rejected, " + errors.size() + (errors.size() == 1 ? " error:" : " errors:")
                + errors.stream().map(e -> "\n  " + e).collect(Collectors.joining());
    }
}
