package org.udre.connectors.tsi;

/**
 * What {@code TSI_DF} says about the file system holding a path, in bytes.
 *
 * @param total     size of the file system
 * @param free      space available to unprivileged users
 * @param userQuota the user's remaining quota, or -1 when the TSI does not know (the stock TSI never does)
 */
public record DiskUsage(long total, long free, long userQuota) {
    public DiskUsage {
        if (total < -1 || free < -1 || userQuota < -1) {
            throw new IllegalArgumentException("disk usage values must be bytes or -1, got " + total + " " + free + " " + userQuota);
        }
    }
}
