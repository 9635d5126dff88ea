package org.udre.catalog;

import java.util.Objects;

/**
 * One thing wrong with one document: image metadata, an offering, its parameters, a cluster template.
 *
 * @param origin  the document, as its source names it (file name, resource or URL)
 * @param path    JSON Pointer to the offending field, e.g. {@code /tsi/port}; empty when the whole document is at fault
 * @param message what is wrong, quoting the bad value
 */
public record ValidationError(String origin, String path, String message) {
    public ValidationError {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return path.isEmpty() ? origin + ": " + message : origin + " " + path + ": " + message;
    }
}
