package org.udre.catalog;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Something published is immutable and was given again with different content: image metadata for a name:version
 * that is already published, or another file for a volume that already has one. Each conflict names what differs.
 */
public class ImageVersionConflictException extends RuntimeException {

    /**
     * @param ref         the image version, name:version
     * @param origin      the document or request that was refused
     * @param differences what differs, each as "path: published X, given Y"
     */
    public record Conflict(String ref, String origin, List<String> differences) {
        public Conflict {
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(origin, "origin");
            differences = List.copyOf(differences);
            if (differences.isEmpty()) {
                throw new IllegalArgumentException("a conflict over " + ref + " must say what differs");
            }
        }

        @Override
        public String toString() {
            return origin + ": " + ref + " differs in " + String.join("; ", differences);
        }
    }

    private final List<Conflict> conflicts;

    public ImageVersionConflictException(String what, List<Conflict> conflicts) {
        super(what + (conflicts.size() == 1 ? "" : " (" + conflicts.size() + " conflicts)") + ":"
                + conflicts.stream().map(c -> "\n  " + c).collect(Collectors.joining()));
        this.conflicts = List.copyOf(conflicts);
    }

    public List<Conflict> conflicts() {
        return conflicts;
    }
}
