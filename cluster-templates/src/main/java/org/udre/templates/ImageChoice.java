package org.udre.templates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;
import java.util.regex.Pattern;

/** Which image the nodes of a role are made from: a catalogue reference, or requirements the catalogue meets. */
public sealed interface ImageChoice permits ImageChoice.Named, ImageChoice.Matching {

    /**
     * An image named by the catalogue's reference: {@code name} (its newest version) or {@code name:version}.
     * The JSON Schema's {@code imageRef} definition uses the same expression (a test holds them equal).
     */
    Pattern REF = Pattern.compile(
            "^[A-Za-z0-9][A-Za-z0-9._-]*(:[0-9]+(\\.[0-9]+)*(-[0-9A-Za-z]+(\\.[0-9A-Za-z]+)*)?)?$");

    record Named(String ref) implements ImageChoice {
        public Named {
            Objects.requireNonNull(ref, "image reference");
            if (!REF.matcher(ref).matches()) {
                throw new IllegalArgumentException("not an image reference: \"" + ref
                        + "\"; expected a name, optionally followed by ':' and a version");
            }
        }

        @Override
        public String toString() {
            return ref;
        }
    }

    /**
     * What an image must offer, in the catalogue's own form (its {@code catalog/image-requirements.schema.json}),
     * so the engine hands it to the catalogue's search unchanged, e.g.
     * {@code {"applications":[{"name":"openmpi","version":">=4.1"}],"minCores":2}}.
     *
     * @param json the requirements as a JSON object, compact; keys in the order the template wrote them
     */
    record Matching(String json) implements ImageChoice {

        private static final ObjectMapper JSON = new ObjectMapper();

        public Matching {
            Objects.requireNonNull(json, "image requirements");
            JsonNode tree;
            try {
                tree = JSON.readTree(json);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("image requirements are not JSON: \"" + json + "\"");
            }
            if (tree == null || !tree.isObject() || tree.isEmpty()) {
                throw new IllegalArgumentException("image requirements must be a JSON object that requires"
                        + " something, was \"" + json + "\"");
            }
            // Compact, so that two spellings of the same requirements are equal.
            json = tree.toString();
        }

        @Override
        public String toString() {
            return "an image meeting " + json;
        }
    }
}
