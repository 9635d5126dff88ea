package org.udre.catalog;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Creates and migrates the catalogue's tables ({@code catalog_*}) with Flyway, from {@value #LOCATION}.
 *
 * <p>The catalogue keeps a migration history of its own ({@value #HISTORY_TABLE}) because it shares its database
 * with Camunda and with other parts of UDRE, each of which changes its schema on its own; a single history would
 * tie their versions together.
 */
public final class CatalogSchema {

    public static final String LOCATION = "classpath:db/migration/catalog";
    public static final String HISTORY_TABLE = "udre_catalog_schema_history";

    private CatalogSchema() {
    }

    /** Brings the catalogue's tables to the newest version; does nothing when they are there already. */
    public static MigrateResult migrate(DataSource dataSource) {
        return Flyway.configure(CatalogSchema.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                .table(HISTORY_TABLE)
                // The database may already hold other parts' tables: the catalogue's history starts before its first
                // migration instead of refusing a schema that is not empty.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
