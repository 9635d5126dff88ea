package org.udre.engine.catalog;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import org.udre.catalog.ImageFile;
import org.udre.catalog.ImageVersion;

/**
 * An image version as the HTTP API shows it.
 *
 * @param status    AVAILABLE, or WITHDRAWN: no longer found by search or by reference, still readable
 * @param metadata  the metadata document as it was published
 * @param files     the files registered for its volumes; left out of lists
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ImageVersionView(String ref, String name, String version, String status, String origin, Instant publishedAt,
                        Instant withdrawnAt, String withdrawalReason, JsonNode metadata, List<ImageFile> files) {

    static ImageVersionView of(ImageVersion version, List<ImageFile> files) {
        return new ImageVersionView(version.ref(), version.image().name(), version.image().version(),
                version.withdrawn() ? "WITHDRAWN" : "AVAILABLE", version.origin(), version.publishedAt(),
                version.withdrawn() ? version.withdrawal().at() : null,
                version.withdrawn() ? version.withdrawal().reason() : null, version.metadata(), files);
    }
}
