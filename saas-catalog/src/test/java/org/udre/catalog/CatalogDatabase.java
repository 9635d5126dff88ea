package org.udre.catalog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** A fresh in-memory H2 database with the catalogue's tables, one per test, and a look at what they hold. */
final class CatalogDatabase {

    static final List<String> TABLES = List.of("catalog_image_version", "catalog_image_file", "catalog_volume_upload");

    private CatalogDatabase() {
    }

    static DataSource migrated() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:catalog-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        CatalogSchema.migrate(dataSource);
        return dataSource;
    }

    /** Rows of each catalogue table, by table name. */
    static Map<String, Integer> rowCounts(DataSource dataSource) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(table, count(dataSource, "SELECT COUNT(*) FROM " + table));
        }
        return counts;
    }

    static int count(DataSource dataSource, String sql) {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    static Map<String, Integer> empty() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        TABLES.forEach(table -> counts.put(table, 0));
        return counts;
    }
}
