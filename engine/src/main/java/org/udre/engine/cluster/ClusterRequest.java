package org.udre.engine.cluster;

import java.util.List;

/**
 * A request to start a cluster.
 *
 * @param name         the cluster's name: lower-case letters, digits and '-'; part of every node's name, so never
 *                     used twice
 * @param template     a template by name: {@code mpi} for the shipped {@code templates/mpi.yaml}, or one in the
 *                     configured templates folder
 * @param templateText a whole template (YAML or JSON) instead of a name
 * @param set          overrides, e.g. {@code compute.count=128} or {@code workers=64}
 * @param owner        the user the nodes' TSIs act for; empty: each image's default user
 */
public record ClusterRequest(String name, String template, String templateText, List<String> set, String owner) {

    public ClusterRequest {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a cluster needs a name");
        }
        boolean named = template != null && !template.isBlank();
        boolean given = templateText != null && !templateText.isBlank();
        if (named == given) {
            throw new IllegalArgumentException("a cluster needs either a template name or a template text, not "
                    + (named ? "both" : "neither"));
        }
        if (named && !template.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("a template name is lower-case letters, digits and '-', not '"
                    + template + "'");
        }
        set = set == null ? List.of() : List.copyOf(set);
        owner = owner == null || owner.isBlank() ? null : owner;
        if (owner != null && !owner.matches("[a-z_][a-z0-9_.-]*")) {
            throw new IllegalArgumentException("owner must be a user name, not '" + owner + "'");
        }
    }
}
