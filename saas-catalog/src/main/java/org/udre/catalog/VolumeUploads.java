package org.udre.catalog;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Which image files were uploaded into which hosts' pools. An upload is recorded before it starts and marked
 * complete after it ended, so that a volume whose upload was cut short (the engine stopped mid-way) is recognised
 * as such and replaced, never used as a base for VMs.
 */
public final class VolumeUploads {

    /** What is known of one volume: the SHA-256 of what was uploaded into it, and whether the upload completed. */
    public record Upload(String sha256, boolean completed) {
    }

    private final Jdbc jdbc;
    private final Clock clock;

    public VolumeUploads(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    public VolumeUploads(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The upload recorded for the volume; empty when UDRE never uploaded it (an operator may have put it there). */
    public Optional<Upload> upload(String hostUri, String pool, String volume) {
        return jdbc.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT sha256, completed_at "
                    + "FROM catalog_volume_upload WHERE host_uri = ? AND pool = ? AND volume = ?")) {
                query.setString(1, hostUri);
                query.setString(2, pool);
                query.setString(3, volume);
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? Optional.of(new Upload(row.getString(1), row.getObject(2) != null))
                            : Optional.<Upload>empty();
                }
            }
        });
    }

    /** Records that an upload of {@code sha256} into the volume starts now, replacing any earlier record. */
    public void starting(String hostUri, String pool, String volume, String sha256) {
        jdbc.write(connection -> {
            delete(connection, hostUri, pool, volume);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO catalog_volume_upload "
                    + "(host_uri, pool, volume, sha256, started_at) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, hostUri);
                insert.setString(2, pool);
                insert.setString(3, volume);
                insert.setString(4, ImageFile.requireSha256(sha256));
                insert.setObject(5, Jdbc.timestamp(clock.instant()));
                insert.executeUpdate();
            }
            return null;
        });
    }

    /** Records that the upload into the volume ended with all of its content there. */
    public void completed(String hostUri, String pool, String volume) {
        jdbc.write(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE catalog_volume_upload "
                    + "SET completed_at = ? WHERE host_uri = ? AND pool = ? AND volume = ?")) {
                update.setObject(1, Jdbc.timestamp(clock.instant()));
                update.setString(2, hostUri);
                update.setString(3, pool);
                update.setString(4, volume);
                if (update.executeUpdate() != 1) {
                    throw new IllegalStateException("no upload of volume " + volume + " in pool " + pool + " on "
                            + hostUri + " was recorded as starting");
                }
            }
            return null;
        });
    }

    /** Forgets the volume's upload, e.g. after the volume was deleted. Forgetting what is not recorded is success. */
    public void forget(String hostUri, String pool, String volume) {
        jdbc.write(connection -> {
            delete(connection, hostUri, pool, volume);
            return null;
        });
    }

    private static void delete(java.sql.Connection connection, String hostUri, String pool, String volume)
            throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM catalog_volume_upload "
                + "WHERE host_uri = ? AND pool = ? AND volume = ?")) {
            delete.setString(1, hostUri);
            delete.setString(2, pool);
            delete.setString(3, volume);
            delete.executeUpdate();
        }
    }
}
