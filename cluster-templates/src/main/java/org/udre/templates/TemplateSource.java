package org.udre.templates;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The text of one cluster template (YAML, or JSON) and where it came from.
 *
 * @param origin file name, resource or URL; names the template in every error reported about it
 * @param text   the template itself
 */
public record TemplateSource(String origin, String text) {

    /** Where the templates shipped with UDRE lie on the class path: {@code templates/mpi.yaml}, ... */
    public static final String SHIPPED = "templates/";

    public TemplateSource {
        Objects.requireNonNull(origin, "origin");
        if (origin.isBlank()) {
            throw new IllegalArgumentException("origin must name the template, was \"" + origin + "\"");
        }
        Objects.requireNonNull(text, "text of " + origin);
    }

    /** @throws UncheckedIOException when the file cannot be read or is not UTF-8 */
    public static TemplateSource ofFile(Path file) {
        try {
            return new TemplateSource(file.toString(), Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cluster template " + file, e);
        }
    }

    /**
     * A template shipped with UDRE, by file name: {@code shipped("mpi.yaml")}.
     *
     * @throws IllegalArgumentException when no such template ships
     */
    public static TemplateSource shipped(String fileName) {
        String resource = SHIPPED + fileName;
        try (InputStream in = TemplateSource.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no template \"" + fileName + "\" ships with UDRE (looked for "
                        + resource + " on the class path)");
            }
            return new TemplateSource(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
