package org.udre.templates;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
     * What an image must offer; every requirement given must hold. Empty lists and empty optionals require nothing,
     * but at least one requirement must be given.
     *
     * @param applications names of applications the image must have installed
     * @param tags         labels the image must carry
     */
    record Matching(List<String> applications, List<String> tags, Optional<String> osFamily,
            Optional<String> osDistribution) implements ImageChoice {
        public Matching {
            applications = List.copyOf(Objects.requireNonNull(applications, "applications"));
            tags = List.copyOf(Objects.requireNonNull(tags, "tags"));
            Objects.requireNonNull(osFamily, "osFamily");
            Objects.requireNonNull(osDistribution, "osDistribution");
            if (applications.isEmpty() && tags.isEmpty() && osFamily.isEmpty() && osDistribution.isEmpty()) {
                throw new IllegalArgumentException("image requirements must require something");
            }
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder("an image with");
            if (!applications.isEmpty()) {
                text.append(" applications ").append(String.join(", ", applications)).append(';');
            }
            if (!tags.isEmpty()) {
                text.append(" tags ").append(String.join(", ", tags)).append(';');
            }
            osFamily.ifPresent(family -> text.append(" os family ").append(family).append(';'));
            osDistribution.ifPresent(distribution -> text.append(" distribution ").append(distribution).append(';'));
            return text.substring(0, text.length() - 1);
        }
    }
}
