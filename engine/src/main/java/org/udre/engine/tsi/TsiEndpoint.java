package org.udre.engine.tsi;

import java.util.Objects;

import org.udre.connectors.tsi.TsiAddress;

/**
 * Where a VM's jobs are sent: the TSI's address and the directory on the TSI's side under which job directories
 * are made.
 */
public record TsiEndpoint(TsiAddress address, String workspace) {
    public TsiEndpoint {
        Objects.requireNonNull(address, "address");
        if (workspace == null || !workspace.startsWith("/")) {
            throw new IllegalArgumentException("a TSI workspace must be an absolute path, not '" + workspace + "'");
        }
    }
}
