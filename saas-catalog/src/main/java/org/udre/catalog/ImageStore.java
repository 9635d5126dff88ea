package org.udre.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The catalogue in the database: image versions are published, read, searched and withdrawn here.
 *
 * <p>A version's metadata is immutable once published. Publishing the same metadata again changes nothing (so the
 * images shipped with UDRE can be published at every start); different metadata for a published name:version is
 * refused with what differs, since VMs already made from it would no longer match what the catalogue says. An image
 * is validated completely before anything is written, and a batch is written in one transaction: an invalid or
 * conflicting document leaves the tables as they were.
 *
 * <p>Plain JDBC over the given data source, with the tables {@link CatalogSchema} makes. Thread-safe; several engines
 * may share one database.
 */
public final class ImageStore implements ImageShelf {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Comparator<ImageVersion> BY_REF = Comparator.comparing(ImageVersion::image,
            ImageCatalog.BY_NAME_THEN_VERSION);
    private static final int PUBLISH_ATTEMPTS = 3;
    private static final int MAX_REASON_LENGTH = 1000;
    private static final int MAX_ORIGIN_LENGTH = 1000;

    private static final String COLUMNS = "name, version, metadata, origin, published_at, withdrawn_at, withdrawn_reason";

    private final Jdbc jdbc;
    private final Clock clock;
    /** Parsed metadata by ref: a version's metadata never changes, so its JSON is parsed once. */
    private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();

    private record Parsed(JsonNode metadata, Image image) {
    }

    public ImageStore(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    public ImageStore(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Validates one document and publishes the image version it describes.
     *
     * @throws InvalidImageMetadataException with every error of the document; nothing is stored
     * @throws ImageVersionConflictException when that name:version is published with other metadata
     */
    public PublishResult publish(MetadataSource source) {
        return publishAll(MetadataBatch.read(List.of(source))).get(0);
    }

    /**
     * Publishes every image of a validated batch in one transaction: either all of them are published (or were
     * already, identically), or, when any conflicts with a published version, none is and every conflict is listed.
     *
     * @return one result per entry, in the batch's order
     * @throws ImageVersionConflictException listing every conflicting document and what differs
     */
    public List<PublishResult> publishAll(MetadataBatch batch) {
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbc.inTransaction(connection -> publishAll(connection, batch));
            } catch (SQLException e) {
                // Another engine published one of these versions between our read and our insert: read again, and
                // that version now compares as already published (or as a conflict).
                if (!Jdbc.UNIQUE_VIOLATION.equals(e.getSQLState()) || attempt == PUBLISH_ATTEMPTS) {
                    throw new CatalogStoreException("cannot publish " + refs(batch), e);
                }
            }
        }
    }

    private List<PublishResult> publishAll(Connection connection, MetadataBatch batch) throws SQLException {
        List<PublishResult> results = new ArrayList<>();
        List<ImageVersionConflictException.Conflict> conflicts = new ArrayList<>();
        List<MetadataBatch.Entry> fresh = new ArrayList<>();
        for (MetadataBatch.Entry entry : batch.entries()) {
            Optional<ImageVersion> published = select(connection, entry.image().name(), entry.image().version());
            if (published.isEmpty()) {
                fresh.add(entry);
                continue;
            }
            List<String> differences = MetadataDifferences.between(published.get().metadata(), entry.metadata());
            if (differences.isEmpty()) {
                results.add(new PublishResult(published.get(), false));
            } else {
                conflicts.add(new ImageVersionConflictException.Conflict(entry.image().ref(), entry.source().origin(),
                        differences));
            }
        }
        if (!conflicts.isEmpty()) {
            throw new ImageVersionConflictException("published image versions are immutable; publish a new version "
                    + "instead", conflicts);
        }
        Instant now = Jdbc.stored(clock.instant());
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO catalog_image_version (name, version, metadata, origin, published_at) VALUES (?, ?, ?, ?, ?)")) {
            for (MetadataBatch.Entry entry : fresh) {
                String origin = shorten(entry.source().origin(), MAX_ORIGIN_LENGTH);
                insert.setString(1, entry.image().name());
                insert.setString(2, entry.image().version());
                insert.setString(3, entry.metadata().toString());
                insert.setString(4, origin);
                insert.setObject(5, Jdbc.timestamp(now));
                insert.addBatch();
                results.add(new PublishResult(new ImageVersion(entry.image(), entry.metadata(), origin, now, null), true));
            }
            insert.executeBatch();
        }
        // Results in the batch's order, whether each was fresh or published before.
        List<String> order = batch.entries().stream().map(e -> e.image().ref()).toList();
        results.sort(Comparator.comparingInt(r -> order.indexOf(r.version().ref())));
        return results;
    }

    /** Exactly that version, withdrawn or not. */
    public Optional<ImageVersion> version(String name, String version) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        return jdbc.read(connection -> select(connection, name, version));
    }

    /** Every published version, withdrawn ones included, by name, then version (oldest first). */
    public List<ImageVersion> versions() {
        return jdbc.read(connection -> selectAll(connection, "SELECT " + COLUMNS + " FROM catalog_image_version"));
    }

    /** Every version that has not been withdrawn, by name, then version. */
    public List<ImageVersion> availableVersions() {
        return jdbc.read(connection -> selectAll(connection,
                "SELECT " + COLUMNS + " FROM catalog_image_version WHERE withdrawn_at IS NULL"));
    }

    /**
     * Withdraws a version: it is no longer found by search or by reference, and can still be read. Withdrawing a
     * withdrawn version changes nothing (its first withdrawal is kept).
     *
     * @param reason why, for users who still find it; blank: "withdrawn"
     * @throws UnknownImageException when no such version was ever published
     */
    public ImageVersion withdraw(String name, String version, String reason) {
        String why = reason == null || reason.isBlank() ? "withdrawn" : shorten(reason.strip(), MAX_REASON_LENGTH);
        return jdbc.write(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE catalog_image_version "
                    + "SET withdrawn_at = ?, withdrawn_reason = ? "
                    + "WHERE name = ? AND version = ? AND withdrawn_at IS NULL")) {
                update.setObject(1, Jdbc.timestamp(clock.instant()));
                update.setString(2, why);
                update.setString(3, name);
                update.setString(4, version);
                update.executeUpdate();
            }
            Optional<ImageVersion> withdrawn = select(connection, name, version);
            if (withdrawn.isEmpty()) {
                throw new UnknownImageException(name + ":" + version, selectAll(connection,
                        "SELECT " + COLUMNS + " FROM catalog_image_version").stream().map(ImageVersion::ref).toList());
            }
            return withdrawn.get();
        });
    }

    /**
     * The available versions that meet the requirements, best first ({@link ImageSearch} says what that means);
     * with {@code explain}, also every other version, withdrawn ones included, with every reason it does not.
     */
    public SearchResult search(ImageRequirements requirements, boolean explain) {
        Objects.requireNonNull(requirements, "requirements");
        return ImageSearch.search(requirements, explain ? versions() : availableVersions(), explain);
    }

    @Override
    public List<Image> available() {
        return availableVersions().stream().map(ImageVersion::image).toList();
    }

    @Override
    public List<Image> available(String name) {
        return jdbc.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM catalog_image_version WHERE name = ? AND withdrawn_at IS NULL")) {
                query.setString(1, name);
                return rows(query);
            }
        }).stream().map(ImageVersion::image).toList();
    }

    @Override
    public Optional<Image> find(String name, String version) {
        return version(name, version).map(ImageVersion::image);
    }

    @Override
    public Optional<Image> findAvailable(String name, String version) {
        return version(name, version).filter(v -> !v.withdrawn()).map(ImageVersion::image);
    }

    private Optional<ImageVersion> select(Connection connection, String name, String version) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM catalog_image_version WHERE name = ? AND version = ?")) {
            query.setString(1, name);
            query.setString(2, version);
            return rows(query).stream().findFirst();
        }
    }

    private List<ImageVersion> selectAll(Connection connection, String sql) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            return rows(query);
        }
    }

    /** The rows as versions, sorted by name, then version (which SQL cannot order: 1.10 is newer than 1.9). */
    private List<ImageVersion> rows(PreparedStatement query) throws SQLException {
        List<ImageVersion> versions = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                versions.add(version(rows));
            }
        }
        versions.sort(BY_REF);
        return versions;
    }

    private ImageVersion version(ResultSet row) throws SQLException {
        String name = row.getString("name");
        String version = row.getString("version");
        String text = row.getString("metadata");
        Parsed metadata = parsed.computeIfAbsent(name + ":" + version, ref -> parse(ref, text));
        OffsetDateTime withdrawnAt = row.getObject("withdrawn_at", OffsetDateTime.class);
        ImageVersion.Withdrawal withdrawal = withdrawnAt == null ? null
                : new ImageVersion.Withdrawal(withdrawnAt.toInstant(), row.getString("withdrawn_reason"));
        return new ImageVersion(metadata.image(), metadata.metadata(), row.getString("origin"),
                row.getObject("published_at", OffsetDateTime.class).toInstant(), withdrawal);
    }

    private static Parsed parse(String ref, String text) {
        try {
            JsonNode metadata = JSON.readTree(text);
            return new Parsed(metadata, ImageMetadataReader.toImage(metadata));
        } catch (JsonProcessingException e) {
            throw new CatalogStoreException("the stored metadata of " + ref + " is not JSON", e);
        }
    }

    private static String refs(MetadataBatch batch) {
        return String.join(", ", batch.entries().stream().map(e -> e.image().ref()).toList());
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
