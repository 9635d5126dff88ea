package org.udre.engine.ledger;

import java.time.Instant;
import java.util.Objects;

/**
 * One resource UDRE makes on a host, as the ledger knows it.
 *
 * @param host  the configured host's name
 * @param pool  the storage pool of a volume or seed; null for a domain
 * @param owner the process instance that made the resource and whose end it must not outlive
 */
public record LedgerEntry(String host, Kind kind, String name, String pool, String owner, State state,
                          Instant plannedAt, Instant updatedAt, String note) {

    public enum Kind { DOMAIN, VOLUME, SEED }

    public enum State {
        /** About to be made: recorded first, so that a crash between making it and recording it cannot hide it. */
        PLANNED,
        /** Made, and seen to exist. */
        PRESENT,
        /** Being removed: no longer expected to run, so a stopped domain is not reported as lost. */
        RETIRING,
        /** Removed, or never made. */
        GONE
    }

    public LedgerEntry {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(state, "state");
        if (kind != Kind.DOMAIN && pool == null) {
            throw new IllegalArgumentException("a " + kind + " ledger entry needs its pool: " + name);
        }
    }
}
