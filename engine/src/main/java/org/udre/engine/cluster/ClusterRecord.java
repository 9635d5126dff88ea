package org.udre.engine.cluster;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A cluster as stored: its plan (names, counts, replacements used) and the image each role's nodes are made of.
 *
 * @param id     the cluster's process instance
 * @param owner  the user the nodes' TSIs act for; null: each image's default user
 * @param images role name to catalogue image reference, resolved once when the cluster was started
 */
public record ClusterRecord(String id, String name, String template, String owner, ClusterState state, String reason,
                            String planJson, Map<String, String> images, Instant leaseExpiresAt, Instant createdAt,
                            Instant updatedAt) {

    public ClusterRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(planJson, "plan");
        images = Map.copyOf(images);
    }
}
