package org.udre.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import javax.sql.DataSource;

/** Connections and transactions over the catalogue's data source, with database errors reported as the store's. */
final class Jdbc {

    /** Work on one connection; may throw SQLException so that callers can tell a unique violation from the rest. */
    interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    /** SQLSTATE of a unique constraint violation, in H2 and PostgreSQL alike. */
    static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;

    /**
     * The instant as the tables keep it: PostgreSQL and H2 store microseconds, so what a method returns right after
     * writing is the same as what a later read gives.
     */
    static Instant stored(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(stored(instant), ZoneOffset.UTC);
    }

    Jdbc(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    <T> T read(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.on(connection);
        } catch (SQLException e) {
            throw new CatalogStoreException("cannot read the image catalogue", e);
        }
    }

    <T> T write(Work<T> work) {
        try {
            return inTransaction(work);
        } catch (SQLException e) {
            throw new CatalogStoreException("cannot write the image catalogue", e);
        }
    }

    /** Runs the work in one transaction, committed when it returns and rolled back when it throws. */
    <T> T inTransaction(Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.on(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }
}
