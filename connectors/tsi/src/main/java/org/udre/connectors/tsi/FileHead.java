package org.udre.connectors.tsi;

import java.util.Objects;

/**
 * The beginning of a file on a TSI.
 *
 * @param bytes the first bytes of the file, as many as were asked for at most
 * @param size  the file's whole size when it was read
 */
public record FileHead(byte[] bytes, long size) {

    public FileHead {
        Objects.requireNonNull(bytes, "bytes");
        if (size < bytes.length) {
            throw new IllegalArgumentException("a file of " + size + " bytes cannot begin with " + bytes.length);
        }
    }

    /** Whether the file holds more than {@link #bytes}. */
    public boolean cut() {
        return size > bytes.length;
    }
}
