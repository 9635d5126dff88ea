package org.udre.catalog;

import java.util.List;

/** Image metadata was rejected; {@link #errors()} lists every error found, not only the first. */
public class InvalidImageMetadataException extends InvalidDocumentException {

    public InvalidImageMetadataException(List<ValidationError> errors) {
        super("image metadata", errors);
    }
}
