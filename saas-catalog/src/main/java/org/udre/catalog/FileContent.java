package org.udre.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Reads an image file from its location -- a path on this machine, a {@code file:} URL, or an {@code http(s):} URL
 * -- while computing its SHA-256 and size, so that content is only ever used after it was checked.
 */
final class FileContent {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(30)).followRedirects(HttpClient.Redirect.NORMAL).build();

    /** What was read: its SHA-256 (lower-case hex) and its size. */
    record Digest(String sha256, long sizeBytes) {
    }

    private FileContent() {
    }

    /** @throws IllegalArgumentException quoting the location when it is none of the accepted kinds */
    static String requireLocation(String location) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("an image file needs a location, was \"" + location + "\"");
        }
        if (location.startsWith("/")) {
            return location;
        }
        try {
            URI uri = new URI(location);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (scheme.equals("file") && uri.getPath() != null && uri.getPath().startsWith("/")
                    || (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return location;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException("an image file's location is an absolute path, or a file:, http: or https: "
                + "URL, was \"" + location + "\"");
    }

    /** Reads the whole content and returns its digest, keeping nothing. */
    static Digest digest(String location) {
        return copy(location, OutputStream.nullOutputStream());
    }

    /**
     * The content as a file on this machine whose SHA-256 and size are the expected ones: the file itself for a path
     * or {@code file:} URL (read once to check it), else a download kept in {@code cacheDir} under its checksum.
     *
     * @throws ImageFileException when it cannot be read or its content differs
     */
    static Path verifiedLocal(String location, String sha256, long sizeBytes, Path cacheDir) {
        Path local = localPath(location);
        if (local != null) {
            requireMatch(location, digest(location), sha256, sizeBytes);
            return local;
        }
        try {
            Files.createDirectories(cacheDir);
            Path cached = cacheDir.resolve(sha256);
            if (Files.isRegularFile(cached)) {
                // Checked again: a cached file may have been damaged or replaced since it was downloaded.
                Digest found = digest(cached.toString());
                if (found.sha256().equals(sha256) && found.sizeBytes() == sizeBytes) {
                    return cached;
                }
                Files.delete(cached);
            }
            Path part = Files.createTempFile(cacheDir, sha256, ".part");
            try {
                Digest found;
                try (OutputStream out = Files.newOutputStream(part)) {
                    found = copy(location, out);
                }
                requireMatch(location, found, sha256, sizeBytes);
                Files.move(part, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return cached;
            } finally {
                Files.deleteIfExists(part);
            }
        } catch (IOException e) {
            throw new ImageFileException("cannot keep a download of " + location + " in " + cacheDir + ": " + e, e);
        }
    }

    static void requireMatch(String location, Digest found, String sha256, long sizeBytes) {
        if (!found.sha256().equals(sha256) || found.sizeBytes() != sizeBytes) {
            throw new ImageFileException("the content of " + location + " has SHA-256 " + found.sha256() + " and "
                    + found.sizeBytes() + " bytes, not the SHA-256 " + sha256 + " and " + sizeBytes + " bytes expected");
        }
    }

    private static Path localPath(String location) {
        if (location.startsWith("/")) {
            return Path.of(location);
        }
        URI uri = URI.create(location);
        return "file".equalsIgnoreCase(uri.getScheme()) ? Path.of(uri) : null;
    }

    private static Digest copy(String location, OutputStream target) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        try (InputStream in = open(location);
             DigestOutputStream out = new DigestOutputStream(target, sha256)) {
            long size = in.transferTo(out);
            return new Digest(HexFormat.of().formatHex(sha256.digest()), size);
        } catch (IOException e) {
            throw new ImageFileException("cannot read the image file " + location + ": " + e.getMessage(), e);
        }
    }

    private static InputStream open(String location) throws IOException {
        Path local = localPath(location);
        if (local != null) {
            return Files.newInputStream(local);
        }
        try {
            HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(URI.create(location)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                response.body().close();
                throw new IOException("HTTP status " + response.statusCode());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
