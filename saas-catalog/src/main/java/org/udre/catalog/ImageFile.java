package org.udre.catalog;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A file registered for one volume of an image version: its content, by SHA-256 and size, and where it is.
 *
 * @param volume   the volume it fills in a host's pool: the image's base volume, or the kernel or initramfs volume
 *                 of its direct boot
 * @param location an absolute path on the engine's machine, or a {@code file:}, {@code http:} or {@code https:} URL
 * @param sha256   the SHA-256 of the content, 64 lower-case hex digits
 */
public record ImageFile(String name, String version, String volume, String location, String sha256, long sizeBytes,
        Instant registeredAt) {

    static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");

    public ImageFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(volume, "volume");
        FileContent.requireLocation(location);
        requireSha256(sha256);
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("size must not be negative, was " + sizeBytes);
        }
        Objects.requireNonNull(registeredAt, "registeredAt");
    }

    public String ref() {
        return name + ":" + version;
    }

    static String requireSha256(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("a SHA-256 is 64 lower-case hex digits, was \"" + sha256 + "\"");
        }
        return sha256;
    }
}
