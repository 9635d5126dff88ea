package org.udre.engine.ledger;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.stereotype.Component;

/**
 * Creates and migrates the ledger's tables at start-up. The ledger keeps a migration history of its own, beside
 * Camunda's tables and other parts' tables in the same database, so that each part changes its schema on its own.
 */
@Component
public class LedgerSchema {

    public LedgerSchema(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/ledger")
                .table("udre_ledger_schema_history")
                // The database already holds other parts' tables; the ledger's history starts before its first migration.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
