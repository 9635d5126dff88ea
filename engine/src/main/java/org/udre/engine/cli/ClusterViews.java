package org.udre.engine.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** The server's answers about clusters, as text for a terminal: one-line summaries and aligned tables. */
final class ClusterViews {

    private ClusterViews() {
    }

    /** The state, why, and each role's ready nodes against its count: one line. */
    static String summary(JsonNode status) {
        List<String> roles = new ArrayList<>();
        status.path("roles").forEach(role -> roles.add(role.path("name").asText() + " " + role.path("ready").asInt()
                + "/" + role.path("count").asInt() + " ready"));
        return status.path("state").asText() + ": " + status.path("reason").asText()
                + (roles.isEmpty() ? "" : " (" + String.join(", ", roles) + ")");
    }

    static String status(JsonNode status) {
        StringBuilder text = new StringBuilder();
        text.append("cluster  ").append(status.path("name").asText()).append(" (template ")
                .append(status.path("template").asText()).append(", id ").append(status.path("id").asText())
                .append(")\n");
        text.append("state    ").append(status.path("state").asText()).append(": ")
                .append(status.path("reason").asText()).append('\n');
        text.append("lease    ends ").append(status.path("leaseExpiresAt").asText()).append('\n');
        Table roles = new Table("role", "image", "count", "quorum", "ready", "starting", "failed", "released",
                "replacements left");
        status.path("roles").forEach(role -> roles.row(role.path("name").asText(), role.path("image").asText(),
                role.path("count").asText(), role.path("quorum").asText(), role.path("ready").asText(),
                role.path("starting").asText(), role.path("failed").asText(), role.path("released").asText(),
                role.path("replacementsLeft").asText()));
        text.append(roles);
        status.path("incidents").forEach(incident -> text.append("incident ").append(incident.asText()).append('\n'));
        return text.toString().stripTrailing();
    }

    static String nodes(JsonNode nodes) {
        Table table = new Table("node", "role", "state", "tsi", "host", "reason");
        nodes.forEach(node -> table.row(node.path("name").asText(), node.path("role").asText(),
                node.path("state").asText() + (node.path("releaseRequested").asBoolean() && !node.path("vmRemoved")
                        .asBoolean() ? " (releasing)" : ""),
                text(node.path("address")), text(node.path("host")), text(node.path("reason"))));
        return table.toString();
    }

    static String list(JsonNode clusters) {
        if (clusters.isEmpty()) {
            return "no clusters\n";
        }
        Table table = new Table("cluster", "template", "state", "ready", "lease ends", "reason");
        clusters.forEach(cluster -> {
            int ready = 0;
            int count = 0;
            for (JsonNode role : cluster.path("roles")) {
                ready += role.path("ready").asInt();
                count += role.path("count").asInt();
            }
            table.row(cluster.path("name").asText(), cluster.path("template").asText(),
                    cluster.path("state").asText(), ready + "/" + count, cluster.path("leaseExpiresAt").asText(),
                    cluster.path("reason").asText());
        });
        return table.toString();
    }

    /** Waits until the cluster is in one of the states, printing its summary whenever it changes from the last. */
    static JsonNode await(UdreServer server, PrintWriter out, String name, String last, List<String> states)
            throws InterruptedException {
        while (true) {
            JsonNode status = server.get(ClusterCommand.Subcommand.path(name));
            String summary = summary(status);
            if (!summary.equals(last)) {
                out.println(summary);
                out.flush();
                last = summary;
            }
            if (states.contains(status.path("state").asText())) {
                return status;
            }
            Thread.sleep(ClusterCommand.POLL.toMillis());
        }
    }

    /** Whether the cluster's teardown is over: torn down, or failed with every node's VM removed. */
    static boolean allGone(UdreServer server, String name) {
        String state = server.get(ClusterCommand.Subcommand.path(name)).path("state").asText();
        if (state.equals("TORN_DOWN")) {
            return true;
        }
        if (!state.equals("FAILED")) {
            return false;
        }
        for (JsonNode node : server.get(ClusterCommand.Subcommand.path(name) + "/nodes")) {
            if (!node.path("vmRemoved").asBoolean()) {
                return false;
            }
        }
        return true;
    }

    private static String text(JsonNode value) {
        return value.isNull() || value.isMissingNode() ? "-" : value.asText();
    }

    /** Columns padded to their widest cell, two spaces apart. */
    private static final class Table {
        private final List<String[]> rows = new ArrayList<>();

        Table(String... header) {
            rows.add(header);
        }

        void row(String... cells) {
            rows.add(cells);
        }

        @Override
        public String toString() {
            int[] width = new int[rows.get(0).length];
            for (String[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    width[i] = Math.max(width[i], row[i].length());
                }
            }
            StringBuilder text = new StringBuilder();
            for (String[] row : rows) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < row.length; i++) {
                    line.append(i == row.length - 1 ? row[i] : String.format("%-" + width[i] + "s  ", row[i]));
                }
                text.append(line.toString().stripTrailing()).append('\n');
            }
            return text.toString();
        }
    }
}
