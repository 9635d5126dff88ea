package org.udre.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One published version of an image, as the catalogue holds it.
 *
 * @param image       what its metadata describes
 * @param metadata    the metadata document as it was published (and validated)
 * @param origin      where it was published from: a file name, a URL, or the HTTP API
 * @param publishedAt when it was first published
 * @param withdrawal  when and why it was withdrawn; null while it is available
 */
public record ImageVersion(Image image, JsonNode metadata, String origin, Instant publishedAt, Withdrawal withdrawal) {

    public ImageVersion {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(publishedAt, "publishedAt");
    }

    /** A withdrawn version is no longer found by search or by reference; it can still be read. */
    public record Withdrawal(Instant at, String reason) {
        public Withdrawal {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(reason, "reason");
        }
    }

    public String ref() {
        return image.ref();
    }

    public boolean withdrawn() {
        return withdrawal != null;
    }

    public Optional<Withdrawal> withdrawnAs() {
        return Optional.ofNullable(withdrawal);
    }
}
