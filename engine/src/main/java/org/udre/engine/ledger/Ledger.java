package org.udre.engine.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.udre.engine.EngineSchema;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.udre.engine.ledger.LedgerEntry.Kind;
import org.udre.engine.ledger.LedgerEntry.State;

/**
 * The record of every domain, volume and seed UDRE makes on its hosts.
 *
 * <p>Every write commits at once, in a transaction of its own, whatever transaction the caller is in: a step records
 * what it is about to make before making it, and that record must survive the step's rollback or the engine's death,
 * which is exactly when it is needed.
 */
@Component
public class Ledger {

    private static final String COLUMNS = "host, kind, name, pool, owner, state, planned_at, updated_at, note";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;

    public Ledger(JdbcTemplate jdbc, PlatformTransactionManager transactions, EngineSchema schema) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Makes a resource the ledger way: records it as planned (committed at once), makes it, records it as present.
     * {@code make} must be idempotent: after a crash it runs again for the same name.
     */
    public void make(String host, Kind kind, String name, String pool, String owner, Runnable make) {
        plan(host, kind, name, pool, owner);
        make.run();
        mark(host, kind, name, State.PRESENT, null);
    }

    /**
     * Removes a resource the ledger way: claims it as retiring, removes it, records it as gone. {@code remove} must
     * count a resource that is already gone as removed.
     *
     * <p>The claim holds only while the entry is still as {@code entry} shows it (same state, same last change): of
     * two engine nodes that read the entry and both want the resource gone (their reconcilers at the same moment),
     * one removes it and the other leaves it. A claim left by a node that died changes nothing for the next reader,
     * who reads it as it is and claims it in turn.
     *
     * @return whether this call removed it; false when someone else had changed the entry since it was read
     */
    public boolean remove(LedgerEntry entry, String why, Runnable remove) {
        boolean claimed = Boolean.TRUE.equals(ownTransaction.execute(status -> jdbc.update(
                "update ledger_resource set state = ?, updated_at = ?, note = ?"
                        + " where host = ? and kind = ? and name = ? and state = ? and updated_at = ?",
                State.RETIRING.name(), Timestamp.from(Instant.now()), why, entry.host(), entry.kind().name(),
                entry.name(), entry.state().name(), Timestamp.from(entry.updatedAt())) == 1));
        if (!claimed) {
            return false;
        }
        remove.run();
        mark(entry.host(), entry.kind(), entry.name(), State.GONE, why);
        return true;
    }

    /** Records that {@code owner} is about to make this resource; recording it again changes nothing. */
    public void plan(String host, Kind kind, String name, String pool, String owner) {
        try {
            planOnce(host, kind, name, pool, owner);
        } catch (DuplicateKeyException e) {
            // Someone recorded it between our look-up and our insert (another engine node's reconciler that found
            // the domain, or the same step run again by another node once its lock had expired). That record is
            // checked like any earlier one, in a new transaction: PostgreSQL refuses every further statement of a
            // transaction in which one failed.
            planOnce(host, kind, name, pool, owner);
        }
    }

    /**
     * Records, as planned by {@code owner}, a resource found on a host that no entry names.
     *
     * @return false when an entry names it by now: another engine node's reconciler, which found it at the same
     *         moment, recorded it first and deals with it
     */
    public boolean recordFound(String host, Kind kind, String name, String pool, String owner, String note) {
        try {
            ownTransaction.executeWithoutResult(status -> insert(host, kind, name, pool, owner, note));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    private void insert(String host, Kind kind, String name, String pool, String owner, String note) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update("insert into ledger_resource (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                host, kind.name(), name, pool, owner, State.PLANNED.name(), now, now, note);
    }

    private void planOnce(String host, Kind kind, String name, String pool, String owner) {
        ownTransaction.executeWithoutResult(status -> {
            Optional<LedgerEntry> existing = find(host, kind, name);
            if (existing.isEmpty()) {
                insert(host, kind, name, pool, owner, null);
            } else if (!existing.get().owner().equals(owner)) {
                throw new IllegalStateException(kind + " '" + name + "' on host " + host + " belongs to "
                        + existing.get().owner() + ", not to " + owner + "; names are never reused");
            } else if (existing.get().state() == State.GONE) {
                // Its owner makes it again (an earlier attempt's teardown came first): it must be watched again.
                mark(host, kind, name, State.PLANNED, "planned again by its owner");
            }
        });
    }

    public void mark(String host, Kind kind, String name, State state, String note) {
        ownTransaction.executeWithoutResult(status -> jdbc.update(
                "update ledger_resource set state = ?, updated_at = ?, note = ? where host = ? and kind = ? and name = ?",
                state.name(), Timestamp.from(Instant.now()), note, host, kind.name(), name));
    }

    public Optional<LedgerEntry> find(String host, Kind kind, String name) {
        return jdbc.query("select " + COLUMNS + " from ledger_resource where host = ? and kind = ? and name = ?",
                Ledger::entry, host, kind.name(), name).stream().findFirst();
    }

    /** What the ledger expects on {@code host}: every entry that is not gone. */
    public List<LedgerEntry> open(String host) {
        return jdbc.query("select " + COLUMNS + " from ledger_resource where host = ? and state <> ? order by planned_at",
                Ledger::entry, host, State.GONE.name());
    }

    /** Every entry in {@code state}, on every host. */
    public List<LedgerEntry> inState(State state) {
        return jdbc.query("select " + COLUMNS + " from ledger_resource where state = ? order by planned_at",
                Ledger::entry, state.name());
    }

    /** The names of every resource of {@code kind} the ledger ever recorded on {@code host}, gone ones included. */
    public Set<String> names(String host, Kind kind) {
        return new HashSet<>(jdbc.queryForList("select name from ledger_resource where host = ? and kind = ?",
                String.class, host, kind.name()));
    }

    public List<LedgerEntry> ofOwner(String owner) {
        return jdbc.query("select " + COLUMNS + " from ledger_resource where owner = ? order by planned_at",
                Ledger::entry, owner);
    }

    private static LedgerEntry entry(ResultSet row, int index) throws SQLException {
        return new LedgerEntry(row.getString("host"), Kind.valueOf(row.getString("kind")), row.getString("name"),
                row.getString("pool"), row.getString("owner"), State.valueOf(row.getString("state")),
                row.getTimestamp("planned_at").toInstant(), row.getTimestamp("updated_at").toInstant(),
                row.getString("note"));
    }
}
