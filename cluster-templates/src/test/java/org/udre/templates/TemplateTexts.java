package org.udre.templates;

import java.util.List;
import java.util.Optional;

/** A small valid template, and variations of it, for tests. */
final class TemplateTexts {

    static final String VALID = """
            name: sim
            description: A small cluster.
            parameters:
              workers:
                type: integer
                default: 3
                description: How many workers.
            lease: PT2H
            roles:
              head:
                image: udre-guest:1.0
                size:
                  cores: 1
                  memoryMiB: 256
                count: 1
                readyWithin: PT5M
                scripts:
                  - name: hosts
                    run: echo {{members}}
              worker:
                image: udre-guest:1.0
                size:
                  cores: 2
                  memoryMiB: 512
                count: ${workers}
                parents: [head]
                minReady: 2
                readyWithin: PT10M
                maxBatch: 2
                min: 1
                max: 10
            """;

    /** Knows one image, udre-guest:1.0, and words its refusal as the catalogue does. */
    static final ImageLookup ONE_IMAGE = choice -> choice.toString().equals("udre-guest:1.0") ? Optional.empty()
            : Optional.of("no image \"" + choice + "\" in the catalogue; known images: udre-guest:1.0");

    private TemplateTexts() {
    }

    /** {@link #VALID} with {@code old} replaced by {@code replacement}; fails when {@code old} is not in it. */
    static String validWith(String old, String replacement) {
        if (!VALID.contains(old)) {
            throw new IllegalArgumentException("the valid template has no \"" + old + "\"");
        }
        return VALID.replace(old, replacement);
    }

    static ClusterTemplate read(String text, String... overrides) {
        return TemplateReader.read(new TemplateSource("sim.yaml", text), List.of(overrides), ONE_IMAGE);
    }

    static ClusterTemplate valid(String... overrides) {
        return read(VALID, overrides);
    }
}
