package org.udre.connectors.tsi;

import java.time.Instant;

/**
 * One entry of a {@code TSI_LS} listing.
 *
 * @param path        the full path as the TSI printed it (line breaks in names shown as '?')
 * @param directory   whether it is a directory
 * @param size        size in bytes
 * @param modified    last modification, to the second
 * @param permissions the nine {@code rwx-} characters, e.g. {@code rw-r--r--}
 * @param owner       owner name (or number when the TSI host has no name for it)
 * @param group       group name (or number)
 * @param readable    readable by the user the command ran as
 * @param writable    writable by that user
 * @param executable  executable (or searchable) by that user
 * @param owned       owned by that user
 */
public record FileEntry(String path, boolean directory, long size, Instant modified, String permissions,
                        String owner, String group, boolean readable, boolean writable, boolean executable,
                        boolean owned) {
    public FileEntry {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("file entry needs a path, got '" + path + "'");
        }
        if (size < 0) {
            throw new IllegalArgumentException("file size must not be negative, got " + size + " for " + path);
        }
        if (modified == null) {
            throw new IllegalArgumentException("file entry needs a modification time: " + path);
        }
        if (permissions == null || !permissions.matches("[-rwxsStT]{9}")) {
            throw new IllegalArgumentException("permissions must be nine rwx- characters, got '" + permissions + "' for " + path);
        }
        if (owner == null || owner.isEmpty() || group == null || group.isEmpty()) {
            throw new IllegalArgumentException("file entry needs owner and group, got '" + owner + "' '" + group + "' for " + path);
        }
    }

    /** The last path element. */
    public String name() {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }
}
