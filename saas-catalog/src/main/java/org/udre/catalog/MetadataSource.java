package org.udre.catalog;

import java.util.Objects;

/**
 * The text of one image metadata document (YAML, or JSON) and where it came from.
 *
 * @param origin file name or URL; names the document in every error reported about it
 * @param text   the document itself
 */
public record MetadataSource(String origin, String text) {
    public MetadataSource {
        Objects.requireNonNull(origin, "origin");
        if (origin.isBlank()) {
            throw new IllegalArgumentException("origin must name the document, was \"" + origin + "\"");
        }
        Objects.requireNonNull(text, "text of " + origin);
    }
}
