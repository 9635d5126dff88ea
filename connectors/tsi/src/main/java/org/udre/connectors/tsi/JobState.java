package org.udre.connectors.tsi;

/** A job's state as the TSI's status listing reports it. A finished job usually just vanishes from the listing. */
public enum JobState {
    QUEUED, RUNNING, SUSPENDED, COMPLETED, UNKNOWN;

    /**
     * How the TSI ranks states when a batch system lists one job several times (array elements, steps): the strongest
     * wins.
     */
    int strength() {
        return switch (this) {
            case COMPLETED -> 0;
            case QUEUED -> 1;
            case SUSPENDED -> 2;
            case RUNNING -> 3;
            case UNKNOWN -> 4;
        };
    }
}
