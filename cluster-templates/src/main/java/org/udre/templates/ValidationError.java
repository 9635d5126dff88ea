package org.udre.templates;

import java.util.Objects;

/**
 * One thing wrong with a cluster template.
 *
 * @param origin  the template, as {@link TemplateSource#origin()} names it
 * @param path    JSON Pointer to the offending field, e.g. {@code /roles/compute/count}; empty when the whole
 *                document is at fault
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
