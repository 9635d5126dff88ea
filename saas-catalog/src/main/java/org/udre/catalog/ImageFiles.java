package org.udre.catalog;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The files registered for image versions' volumes, checked by SHA-256 and size when they are registered and again
 * each time they are used.
 *
 * <p>A file is identified by its content: registering the same content again is a no-op, or moves it to a new
 * location; other content for a volume that has a file is refused, as VMs may already run from the first one.
 */
public final class ImageFiles {

    private final Jdbc jdbc;
    private final ImageStore images;
    private final Clock clock;

    public ImageFiles(DataSource dataSource, ImageStore images) {
        this(dataSource, images, Clock.systemUTC());
    }

    public ImageFiles(DataSource dataSource, ImageStore images, Clock clock) {
        this.jdbc = new Jdbc(dataSource);
        this.images = Objects.requireNonNull(images, "images");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Registers the file for one volume of a published image version, after reading it completely to check that
     * its SHA-256 and size are the given ones.
     *
     * @param volume   which of the image's volumes it fills; null: the base volume
     * @param location an absolute path, or a file:, http: or https: URL
     * @throws UnknownImageException          when the version was never published
     * @throws IllegalArgumentException       when the volume is not one of the image's, or an argument is malformed
     * @throws ImageFileException             when the file cannot be read or its content differs
     * @throws ImageVersionConflictException  when the volume already has a file with other content
     */
    public ImageFile register(String name, String version, String volume, String location, String sha256,
            long sizeBytes) {
        String checksum = ImageFile.requireSha256(sha256 == null ? null : sha256.toLowerCase(Locale.ROOT));
        FileContent.requireLocation(location);
        Image image = images.version(name, version).map(ImageVersion::image)
                .orElseThrow(() -> new UnknownImageException(name + ":" + version,
                        images.versions().stream().map(ImageVersion::ref).toList()));
        String target = volume == null || volume.isBlank() ? image.disk().volume() : volume;
        if (!image.volumes().contains(target)) {
            throw new IllegalArgumentException("image " + image.ref() + " has no volume \"" + target + "\"; its volumes: "
                    + String.join(", ", image.volumes()));
        }
        FileContent.requireMatch(location, FileContent.digest(location), checksum, sizeBytes);
        ImageFile file = new ImageFile(name, version, target, location, checksum, sizeBytes, Jdbc.stored(clock.instant()));
        return jdbc.write(connection -> {
            Optional<ImageFile> registered = select(connection, name, version, target);
            if (registered.isEmpty()) {
                insert(connection, file);
                return file;
            }
            ImageFile before = registered.get();
            if (!before.sha256().equals(checksum) || before.sizeBytes() != sizeBytes) {
                throw new ImageVersionConflictException("the file of a published volume is immutable", List.of(
                        new ImageVersionConflictException.Conflict(file.ref(), location, List.of(
                                "/files/" + target + ": published SHA-256 " + before.sha256() + " (" + before.sizeBytes()
                                        + " bytes), given " + checksum + " (" + sizeBytes + " bytes)"))));
            }
            if (before.location().equals(location)) {
                return before;
            }
            try (PreparedStatement move = connection.prepareStatement("UPDATE catalog_image_file SET location = ? "
                    + "WHERE name = ? AND version = ? AND volume = ?")) {
                move.setString(1, location);
                move.setString(2, name);
                move.setString(3, version);
                move.setString(4, target);
                move.executeUpdate();
            }
            return new ImageFile(name, version, target, location, checksum, sizeBytes, before.registeredAt());
        });
    }

    /** The files registered for a version, by volume name. */
    public List<ImageFile> files(String name, String version) {
        return jdbc.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT * FROM catalog_image_file "
                    + "WHERE name = ? AND version = ? ORDER BY volume")) {
                query.setString(1, name);
                query.setString(2, version);
                return rows(query);
            }
        });
    }

    public Optional<ImageFile> file(String name, String version, String volume) {
        return jdbc.read(connection -> select(connection, name, version, volume));
    }

    /**
     * The file's content on this machine, checked against its SHA-256 and size just now: the file itself, or a
     * download kept in {@code downloads} under its checksum.
     *
     * @throws ImageFileException when it cannot be read or its content is no longer what was registered
     */
    public Path verifiedCopy(ImageFile file, Path downloads) {
        return FileContent.verifiedLocal(file.location(), file.sha256(), file.sizeBytes(), downloads);
    }

    private static Optional<ImageFile> select(Connection connection, String name, String version, String volume)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT * FROM catalog_image_file "
                + "WHERE name = ? AND version = ? AND volume = ?")) {
            query.setString(1, name);
            query.setString(2, version);
            query.setString(3, volume);
            return rows(query).stream().findFirst();
        }
    }

    private static void insert(Connection connection, ImageFile file) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO catalog_image_file "
                + "(name, version, volume, location, sha256, size_bytes, registered_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, file.name());
            insert.setString(2, file.version());
            insert.setString(3, file.volume());
            insert.setString(4, file.location());
            insert.setString(5, file.sha256());
            insert.setLong(6, file.sizeBytes());
            insert.setObject(7, Jdbc.timestamp(file.registeredAt()));
            insert.executeUpdate();
        }
    }

    private static List<ImageFile> rows(PreparedStatement query) throws SQLException {
        List<ImageFile> files = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                Instant registered = rows.getObject("registered_at", OffsetDateTime.class).toInstant();
                files.add(new ImageFile(rows.getString("name"), rows.getString("version"), rows.getString("volume"),
                        rows.getString("location"), rows.getString("sha256"), rows.getLong("size_bytes"), registered));
            }
        }
        return files;
    }
}
