package org.udre.catalog.offerings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.udre.catalog.MetadataSource;

/** Offerings for tests: the shipped one, and a small one whose script is given. */
final class OfferingTexts {

    private OfferingTexts() {
    }

    static Offering shippedWordCount() {
        try {
            return Offerings.load(List.of(new MetadataSource("word-count.yaml",
                    Files.readString(Path.of("offerings/word-count.yaml"))))).require("word-count");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An offering with a string parameter "value", a list "values" (default empty) and the given script. */
    static String withScript(String script) {
        return """
                name: echo-back
                title: Echo
                description: Writes its parameters back.
                image: {}
                parameters:
                  type: object
                  additionalProperties: false
                  required: [value]
                  properties:
                    value: {type: string, description: Any text.}
                    values: {type: array, description: Any texts., items: {type: string}, default: []}
                script: |
                """ + script.indent(2);
    }

    static Offering offering(String text) {
        return Offerings.load(List.of(new MetadataSource("test.yaml", text))).all().get(0);
    }
}
