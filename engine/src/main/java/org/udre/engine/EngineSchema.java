package org.udre.engine;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.stereotype.Component;

/**
 * Creates and migrates the engine's own tables (the resource ledger, clusters and their nodes) at start-up. They keep
 * a migration history of their own, beside Camunda's tables and other parts' tables in the same database, so that
 * each part changes its schema on its own.
 */
@Component
public class EngineSchema {

    public EngineSchema(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/engine")
                .table("udre_engine_schema_history")
                // The database already holds other parts' tables; the engine's history starts before its first migration.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
