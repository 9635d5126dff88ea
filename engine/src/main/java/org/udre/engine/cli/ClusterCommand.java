package org.udre.engine.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * Clusters on a running server ({@code udre serve}), over its HTTP API: start from a template, look at, scale, run a
 * job on, tear down, list. Exit codes: 0 done; 1 the cluster failed (start --wait) or the job ended without an exit
 * code; 2 the server refused the request (unknown cluster, invalid template, ...) or the command line is wrong; 3 no
 * server answers; {@code job} exits with the job's own exit code when it has one.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true, version = UdreCommand.VERSION, description = "Starts, inspects, scales and tears down clusters on a running UDRE server"
        + " (udre serve).",
        subcommands = {ClusterCommand.Start.class, ClusterCommand.Status.class, ClusterCommand.Nodes.class,
                ClusterCommand.Scale.class, ClusterCommand.Job.class, ClusterCommand.Teardown.class,
                ClusterCommand.ListClusters.class},
        footer = {"", "Exit codes: 0 done; 1 the cluster failed (start --wait) or the job ended without an exit code;"
                + " 2 the server refused the request, or the command line is wrong; 3 no server answers at --url."
                + " job exits with the job's own exit code."})
class ClusterCommand implements Runnable {

    static final int FAILED = 1;
    static final int REFUSED = 2;
    static final int UNREACHABLE = 3;
    /** How often --wait asks the server how the cluster stands. */
    static final Duration POLL = Duration.ofSeconds(1);

    @Option(names = "--url", defaultValue = "http://localhost:8080", scope = ScopeType.INHERIT,
            description = "The server's address (default: ${DEFAULT-VALUE}).")
    String url;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** What each subcommand does around its own work: reach the server, and report what went wrong, plainly. */
    @Command(version = UdreCommand.VERSION) // subcommands take their version from here, for -V
    abstract static class Subcommand implements Callable<Integer> {

        @ParentCommand
        ClusterCommand parent;
        @Spec
        CommandSpec spec;

        @Override
        public final Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            try {
                return run(new UdreServer(parent.url), spec.commandLine().getOut());
            } catch (UdreServer.Unreachable e) {
                err.println("udre cluster: " + e.getMessage());
                return UNREACHABLE;
            } catch (UdreServer.Refused e) {
                err.println("udre cluster: " + e.getMessage());
                e.errors.forEach(error -> err.println("  " + error));
                return REFUSED;
            } catch (IllegalArgumentException e) {
                err.println("udre cluster: " + e.getMessage());
                return REFUSED;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                err.println("udre cluster: stopped waiting; the cluster goes on");
                return FAILED;
            } finally {
                spec.commandLine().getOut().flush();
                err.flush();
            }
        }

        abstract int run(UdreServer server, PrintWriter out) throws InterruptedException;

        static String path(String cluster) {
            return "/api/clusters/" + URLEncoder.encode(cluster, StandardCharsets.UTF_8).replace("+", "%20");
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Starts a cluster from a template: a name (mpi, batch, or one of the"
            + " server's templates folder) or a YAML/JSON file.")
    static class Start extends Subcommand {

        @Parameters(paramLabel = "<template>", description = "Template name, or path of a template file.")
        String template;

        @Option(names = "--name", description = "The cluster's name: lower-case letters, digits and '-' (default:"
                + " the template's name and the time, e.g. mpi-20260101-120000).")
        String name;

        @Option(names = "--set", paramLabel = "key=value", description = "A parameter (computeNodes=128), a role's"
                + " field (compute.count=128) or a setting (onFailure=keep); repeatable.")
        List<String> set = new ArrayList<>();

        @Option(names = "--lease", paramLabel = "ISO-8601", description = "How long the cluster lives, e.g. PT2H"
                + " (default: the template's).")
        String lease;

        @Option(names = "--owner", description = "User the nodes' TSIs act for (default: each image's).")
        String owner;

        @Option(names = "--wait", description = "Wait until the cluster is RUNNING (exit 0) or FAILED (exit 1).")
        boolean wait;

        @Override
        int run(UdreServer server, PrintWriter out) throws InterruptedException {
            Map<String, Object> request = new LinkedHashMap<>();
            Path file = Path.of(template);
            boolean isFile = Files.isRegularFile(file);
            if (!isFile && (template.contains("/") || template.matches(".*\\.(ya?ml|json)"))) {
                throw new IllegalArgumentException("no template file '" + template + "'");
            }
            String clusterName = name != null ? name : defaultName(isFile ? baseName(file) : template);
            request.put("name", clusterName);
            if (isFile) {
                request.put("templateText", read(file));
            } else {
                request.put("template", template);
            }
            List<String> overrides = new ArrayList<>(set);
            if (lease != null) {
                overrides.add("lease=" + lease);
            }
            request.put("set", overrides);
            request.put("owner", owner);
            JsonNode status = server.post("/api/clusters", request);
            out.println("cluster " + status.path("name").asText() + " started from template "
                    + status.path("template").asText());
            String summary = ClusterViews.summary(status);
            out.println(summary);
            out.flush();
            if (!wait) {
                return 0;
            }
            JsonNode end = ClusterViews.await(server, out, clusterName, summary,
                    List.of("RUNNING", "FAILED", "TORN_DOWN"));
            out.println(ClusterViews.status(end));
            return "RUNNING".equals(end.path("state").asText()) ? 0 : FAILED;
        }

        private static String read(Path file) {
            try {
                return Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read template file " + file, e);
            }
        }

        private static String baseName(Path file) {
            String base = file.getFileName().toString().replaceFirst("\\.[^.]*$", "").toLowerCase()
                    .replaceAll("[^a-z0-9-]+", "-").replaceAll("^[^a-z]+", "");
            return base.isEmpty() ? "cluster" : base;
        }

        /** Unique enough for one user starting clusters by hand; scripts should give --name. */
        private static String defaultName(String template) {
            String prefix = template.length() > 20 ? template.substring(0, 20).replaceAll("-+$", "") : template;
            return prefix + "-" + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Where a cluster stands: its state and why, and each role's nodes.")
    static class Status extends Subcommand {

        @Parameters(paramLabel = "<name>")
        String name;

        @Override
        int run(UdreServer server, PrintWriter out) {
            out.println(ClusterViews.status(server.get(path(name))));
            return 0;
        }
    }

    @Command(name = "nodes", mixinStandardHelpOptions = true, description = "Every node of a cluster, with its state, TSI address and host.")
    static class Nodes extends Subcommand {

        @Parameters(paramLabel = "<name>")
        String name;

        @Override
        int run(UdreServer server, PrintWriter out) {
            out.print(ClusterViews.nodes(server.get(path(name) + "/nodes")));
            return 0;
        }
    }

    @Command(name = "scale", mixinStandardHelpOptions = true, description = "Scales a role of a running cluster to a number of nodes, within the"
            + " role's min and max.")
    static class Scale extends Subcommand {

        @Parameters(index = "0", paramLabel = "<name>")
        String name;
        @Parameters(index = "1", paramLabel = "<role>")
        String role;
        @Parameters(index = "2", paramLabel = "<count>")
        int count;

        @Override
        int run(UdreServer server, PrintWriter out) {
            JsonNode status = server.post(path(name) + "/scale", Map.of("role", role, "count", count));
            out.println("scaling role " + role + " of " + name + " to " + count + " nodes");
            out.println(ClusterViews.summary(status));
            return 0;
        }
    }

    @Command(name = "job", mixinStandardHelpOptions = true, description = "Runs a script through the TSI of a node (the first role's by default),"
            + " prints its output and exits with its exit code.")
    static class Job extends Subcommand {

        @Parameters(paramLabel = "<name>")
        String name;

        @Option(names = "--node", description = "The node, e.g. mpi1-compute-00003 (default: the first ready node of"
                + " --role).")
        String node;

        @Option(names = "--role", description = "The role whose first ready node runs it (default: the first role).")
        String role;

        @Option(names = "--script", required = true, paramLabel = "FILE|-", description = "The job script, from a"
                + " file or, with -, from standard input.")
        String script;

        @Override
        int run(UdreServer server, PrintWriter out) throws InterruptedException {
            String text = script.equals("-") ? readStandardInput() : readFile(Path.of(script));
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("script", text);
            request.put("role", role);
            request.put("node", node);
            JsonNode job = server.post(path(name) + "/jobs", request);
            String id = job.path("id").asText();
            while (job.path("endedAt").isNull() || job.path("endedAt").isMissingNode()) {
                Thread.sleep(200);
                job = server.get("/api/jobs/" + id);
            }
            server.text("/api/jobs/" + id + "/stdout").ifPresent(out::print);
            out.flush();
            PrintWriter err = spec.commandLine().getErr();
            server.text("/api/jobs/" + id + "/stderr").ifPresent(err::print);
            JsonNode exitCode = job.path("exitCode");
            String state = job.path("state").asText();
            if (exitCode.isInt()) {
                err.println("job " + id + ": " + state + ", exit code " + exitCode.asInt());
                return exitCode.asInt();
            }
            err.println("job " + id + ": " + state + ", no exit code: " + job.path("failureCode").asText() + ": "
                    + job.path("failureReason").asText());
            return FAILED;
        }

        private static String readStandardInput() {
            try {
                return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the script from standard input", e);
            }
        }

        private static String readFile(Path file) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("no script file '" + file + "'");
            }
            try {
                return Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read script file " + file, e);
            }
        }
    }

    @Command(name = "teardown", mixinStandardHelpOptions = true, description = "Tears a cluster down, whatever it is doing; a cluster already gone is"
            + " no error.")
    static class Teardown extends Subcommand {

        @Parameters(paramLabel = "<name>")
        String name;

        @Option(names = "--wait", description = "Wait until every node is gone.")
        boolean wait;

        @Override
        int run(UdreServer server, PrintWriter out) throws InterruptedException {
            JsonNode status = server.post(path(name) + "/teardown", Map.of());
            out.println("teardown of " + name + " requested");
            if (!wait) {
                out.println(ClusterViews.summary(status));
                return 0;
            }
            out.flush();
            while (!ClusterViews.allGone(server, name)) {
                Thread.sleep(POLL.toMillis());
            }
            out.println(ClusterViews.summary(server.get(path(name))));
            out.println("every node of " + name + " is gone");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every cluster the server knows, torn down ones included.")
    static class ListClusters extends Subcommand {

        @Override
        int run(UdreServer server, PrintWriter out) {
            out.print(ClusterViews.list(server.get("/api/clusters")));
            return 0;
        }
    }
}
