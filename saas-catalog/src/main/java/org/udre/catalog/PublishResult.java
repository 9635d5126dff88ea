package org.udre.catalog;

import java.util.Objects;

/**
 * What publishing one image version did.
 *
 * @param version the version as the catalogue now holds it
 * @param created true when it was stored now; false when the same metadata was published before (nothing changed)
 */
public record PublishResult(ImageVersion version, boolean created) {
    public PublishResult {
        Objects.requireNonNull(version, "version");
    }
}
