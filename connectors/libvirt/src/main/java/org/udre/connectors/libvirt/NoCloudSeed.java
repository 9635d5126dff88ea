package org.udre.connectors.libvirt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A cloud-init NoCloud seed: what a guest learns about itself at boot. On disk it is an ISO 9660 volume labelled
 * {@code cidata} holding {@code meta-data}, {@code user-data} and any further files; attach it to a domain with
 * {@link DomainSpec#withSeedVolume} after {@link Volumes#upload uploading} it as a volume.
 *
 * <p>{@link #writeIso} runs Debian's {@code xorriso} (or, without it, {@code genisoimage}) rather than writing ISO
 * 9660 by hand. With xorriso the same seed gives the same bytes, so a retried step can adopt the volume an earlier
 * try uploaded.
 *
 * @param metaData the {@code meta-data} file: YAML with at least {@code instance-id}
 * @param userData the {@code user-data} file, e.g. a {@code #cloud-config} document
 * @param files    further files by name, e.g. {@code udre.env}; names are plain file names
 */
public record NoCloudSeed(String metaData, String userData, Map<String, String> files) {

    /** The volume label cloud-init looks for. */
    public static final String LABEL = "cidata";
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final long TOOL_TIMEOUT_SECONDS = 60;

    public NoCloudSeed {
        if (metaData == null || userData == null) {
            throw new IllegalArgumentException("a NoCloud seed needs " + (metaData == null ? "meta-data" : "user-data")
                    + ": got none");
        }
        if (files == null) {
            throw new IllegalArgumentException("seed files are missing; use an empty map");
        }
        Map<String, String> sorted = new TreeMap<>();
        files.forEach((name, content) -> {
            if (name == null || !FILE_NAME.matcher(name).matches() || name.equals("meta-data")
                    || name.equals("user-data")) {
                throw new IllegalArgumentException("seed file name " + (name == null ? "is missing"
                        : LibvirtNames.quote(name) + " is not a plain file name other than meta-data and user-data"));
            }
            if (content == null) {
                throw new IllegalArgumentException("seed file '" + name + "' has no content");
            }
            sorted.put(name, content);
        });
        files = Collections.unmodifiableMap(sorted);
    }

    /**
     * Writes the seed as an ISO image to {@code iso}, replacing what is there only once the new image is complete.
     *
     * @throws IllegalStateException when neither xorriso nor genisoimage is installed (naming the Debian package),
     *                               or when the tool fails (with what it said)
     */
    public Path writeIso(Path iso) {
        if (iso == null) {
            throw new IllegalArgumentException("ISO path is missing");
        }
        IsoTool tool = IsoTool.find();
        Path directory = iso.toAbsolutePath().getParent();
        Path content = null;
        Path partial = null;
        try {
            Files.createDirectories(directory);
            content = Files.createTempDirectory(directory, ".seed-");
            write(content, "meta-data", metaData);
            write(content, "user-data", userData);
            for (Map.Entry<String, String> file : files.entrySet()) {
                write(content, file.getKey(), file.getValue());
            }
            Files.setLastModifiedTime(content, FileTime.fromMillis(0)); // the ISO's root directory records it too
            partial = Files.createTempFile(directory, ".seed-", ".iso.partial");
            tool.write(content, LABEL, partial, TOOL_TIMEOUT_SECONDS);
            Files.move(partial, iso, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return iso;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the seed ISO " + iso, e);
        } finally {
            deleteQuietly(partial);
            deleteTreeQuietly(content);
        }
    }

    /** Fixed file times: an ISO records them, and the same seed should give the same image. */
    private static void write(Path directory, String name, String text) throws IOException {
        Path file = Files.writeString(directory.resolve(name), text, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.fromMillis(0));
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a stray temporary file in the output directory; nothing depends on it
            }
        }
    }

    private static void deleteTreeQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(NoCloudSeed::deleteQuietly);
        } catch (IOException e) {
            // as above
        }
    }
}
