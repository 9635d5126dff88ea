package org.udre.catalog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to a search of the catalogue.
 *
 * @param matches    the image versions that meet every requirement, best first (see {@link ImageSearch})
 * @param rejections when an explanation was asked for: every other version with every reason it does not qualify;
 *                   otherwise empty
 */
public record SearchResult(List<Image> matches, List<Rejection> rejections) {

    public SearchResult {
        matches = List.copyOf(matches);
        rejections = List.copyOf(rejections);
    }

    /** One version that does not qualify, and every reason why. */
    public record Rejection(String ref, List<String> reasons) {
        public Rejection {
            Objects.requireNonNull(ref, "ref");
            reasons = List.copyOf(reasons);
            if (reasons.isEmpty()) {
                throw new IllegalArgumentException("a rejection of " + ref + " needs a reason");
            }
        }
    }

    /** The best match, if any version qualifies. */
    public Optional<Image> best() {
        return matches.stream().findFirst();
    }
}
