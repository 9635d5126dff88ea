package org.udre.engine.ledger;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.udre.engine.EngineSchema;

/**
 * This installation's identity: made once per database, shared by every engine node on it, and written into every
 * domain's metadata, so that a domain on a shared host can always be told apart from another installation's.
 */
@Component
public class Installation {

    private final String id;

    public Installation(JdbcTemplate jdbc, EngineSchema schema) {
        this.id = readOrCreate(jdbc);
    }

    public String id() {
        return id;
    }

    private static String readOrCreate(JdbcTemplate jdbc) {
        List<String> ids = jdbc.queryForList("select id from ledger_installation", String.class);
        if (ids.isEmpty()) {
            try {
                jdbc.update("insert into ledger_installation (singleton, id, created_at) values ('X', ?, ?)",
                        UUID.randomUUID().toString(), Timestamp.from(Instant.now()));
            } catch (DataIntegrityViolationException e) {
                // Another engine node made it at the same moment; its id is as good as ours.
            }
            ids = jdbc.queryForList("select id from ledger_installation", String.class);
        }
        return ids.get(0);
    }
}
