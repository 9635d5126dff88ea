package org.udre.system.postgresql;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A real PostgreSQL server on this machine, as Debian packages it: installed when missing ({@code apt-get install
 * postgresql}), its cluster created and started with Debian's own tools (no systemd needed). Each test gets a role
 * and a database of its own, dropped afterwards. Needs root, as installing and starting the server do.
 */
final class PostgresqlServer {

    private static final String ROLE = "udre_test";
    private static final String PASSWORD = "udre-test-" + UUID.randomUUID();

    private final int port;

    private PostgresqlServer(int port) {
        this.port = port;
    }

    /** Installs, creates and starts what is missing; a running cluster is used as it is. */
    static synchronized PostgresqlServer ensureRunning() {
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("the PostgreSQL tests install and start the server and so need root; "
                    + "running as " + System.getProperty("user.name"));
        }
        if (run(List.of("sh", "-c", "command -v pg_ctlcluster")).exit() != 0) {
            List<String> install = List.of("apt-get", "install", "-y", "-q", "--no-install-recommends", "postgresql");
            if (run(install).exit() != 0) {
                // A fresh machine may not know the package yet.
                check(run(List.of("apt-get", "update", "-q")), "apt-get update");
                check(run(install), "apt-get install postgresql");
            }
        }
        Cluster cluster = firstCluster().orElseGet(() -> {
            String version = check(run(List.of("sh", "-c", "ls /usr/lib/postgresql | sort -n | tail -1")),
                    "finding the installed PostgreSQL version").trim();
            check(run(List.of("pg_createcluster", version, "main")), "pg_createcluster " + version + " main");
            return firstCluster().orElseThrow(() -> new IllegalStateException("pg_createcluster made no cluster"));
        });
        if (!cluster.online()) {
            check(run(List.of("pg_ctlcluster", cluster.version(), cluster.name(), "start")),
                    "pg_ctlcluster " + cluster.version() + " " + cluster.name() + " start");
        }
        PostgresqlServer server = new PostgresqlServer(cluster.port());
        // The password changes with every test run: a role left from an earlier run gets the new one.
        server.psql("postgres", "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + ROLE + "') "
                + "THEN CREATE ROLE " + ROLE + " LOGIN; END IF; END $$; "
                + "ALTER ROLE " + ROLE + " PASSWORD '" + PASSWORD + "'");
        return server;
    }

    /** A new, empty database owned by the test role. */
    Database createDatabase() {
        String name = "udre_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        psql("postgres", "CREATE DATABASE " + name + " OWNER " + ROLE);
        return new Database(name, "jdbc:postgresql://127.0.0.1:" + port + "/" + name, ROLE, PASSWORD);
    }

    void drop(Database database) {
        psql("postgres", "DROP DATABASE IF EXISTS " + database.name() + " WITH (FORCE)");
    }

    record Database(String name, String url, String user, String password) {
    }

    private void psql(String database, String sql) {
        check(run(List.of("runuser", "-u", "postgres", "--", "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1",
                "-p", Integer.toString(port), "-d", database, "-c", sql)), "psql: " + sql);
    }

    private record Cluster(String version, String name, int port, boolean online) {
    }

    /** {@code pg_lsclusters -h}: version, name, port, status, owner, data directory, log file. */
    private static Optional<Cluster> firstCluster() {
        String listing = check(run(List.of("pg_lsclusters", "-h")), "pg_lsclusters");
        return listing.lines().map(String::trim).filter(line -> !line.isEmpty()).findFirst().map(line -> {
            String[] fields = line.split("\\s+");
            return new Cluster(fields[0], fields[1], Integer.parseInt(fields[2]), fields[3].startsWith("online"));
        });
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
            builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(process.waitFor(), output);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }

    private static String check(Result result, String what) {
        if (result.exit() != 0) {
            throw new IllegalStateException(what + " failed with exit code " + result.exit() + ":\n" + result.output());
        }
        return result.output();
    }
}
