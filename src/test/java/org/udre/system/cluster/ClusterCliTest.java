package org.udre.system.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.udre.system.cluster.ClusterProbe.role;
import static org.udre.system.cluster.ClusterProbe.template;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.udre.engine.cli.UdreCommand;
import org.udre.engine.cluster.ClusterState;
import org.udre.engine.cluster.Clusters;
import org.udre.engine.hosts.Hosts;
import org.udre.engine.ledger.Ledger;
import org.udre.system.SystemTest;

import picocli.CommandLine;

/** {@code udre cluster ...} against a running server, as a user types it: what it prints and how it exits. */
@SystemTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ClusterCliTest {

    @DynamicPropertySource
    static void host(DynamicPropertyRegistry registry) {
        ClusterProbe.oneBigHost(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    Clusters clusters;
    @Autowired
    Hosts hosts;
    @Autowired
    Ledger ledger;
    @Autowired
    ProcessEngine engine;
    @TempDir
    Path files;

    ClusterProbe probe;

    @BeforeEach
    void setUp() {
        probe = new ClusterProbe(clusters, hosts, ledger, engine);
    }

    /** What one command printed, and its exit code. */
    record Run(int exitCode, String out, String err) {
    }

    Run udre(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] withUrl = new String[args.length + 2];
        System.arraycopy(args, 0, withUrl, 0, args.length);
        withUrl[args.length] = "--url";
        withUrl[args.length + 1] = "http://localhost:" + port;
        int exitCode = new CommandLine(new UdreCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(withUrl);
        return new Run(exitCode, out.toString(), err.toString());
    }

    @Test
    void a_cluster_is_started_from_a_file_looked_at_used_scaled_and_torn_down_from_the_command_line() throws Exception {
        Path template = Files.writeString(files.resolve("pair.yaml"), template("pair", "PT10M",
                role("head", 1, "") + role("worker", 2, "parents: [head]\nmin: 1\nmax: 4")));

        // start, waiting until it runs
        Run start = udre("cluster", "start", template.toString(), "--name", "cli1", "--set", "worker.count=3",
                "--lease", "PT30M", "--wait");
        assertThat(start.exitCode()).as(start.err()).isZero();
        assertThat(start.out()).contains("cluster cli1 started from template pair")
                .contains("RUNNING: every role has reached its quorum (head 1/1 ready, worker 3/3 ready)");

        // status, nodes, list
        Run status = udre("cluster", "status", "cli1");
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).contains("state    RUNNING: every role has reached its quorum")
                .containsPattern("worker +udre-test:1.0 +3 +3 +3 +0 +0 +0 +3");
        Run nodes = udre("cluster", "nodes", "cli1");
        assertThat(nodes.out()).containsPattern("cli1-head-000 +head +READY")
                .containsPattern("cli1-worker-002 +worker +READY");
        assertThat(udre("cluster", "list").out()).containsPattern("cli1 +pair +RUNNING +4/4");

        // a job on a named node, its script from a file: its output and its exit code
        Path script = Files.writeString(files.resolve("job.sh"), "echo hello from the worker\necho oops >&2\nexit 3\n");
        Run job = udre("cluster", "job", "cli1", "--node", "cli1-worker-001", "--script", script.toString());
        assertThat(job.exitCode()).isEqualTo(3);
        assertThat(job.out()).isEqualTo("hello from the worker\n");
        assertThat(job.err()).contains("oops").contains("FAILED, exit code 3");

        // a job on the head, its script from standard input
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream("echo from stdin".getBytes(StandardCharsets.UTF_8)));
            Run fromStdin = udre("cluster", "job", "cli1", "--script", "-");
            assertThat(fromStdin.exitCode()).as(fromStdin.err()).isZero();
            assertThat(fromStdin.out()).isEqualTo("from stdin\n");
        } finally {
            System.setIn(stdin);
        }

        // scale
        Run scale = udre("cluster", "scale", "cli1", "worker", "1");
        assertThat(scale.exitCode()).as(scale.err()).isZero();
        assertThat(scale.out()).contains("scaling role worker of cli1 to 1 nodes");
        await().atMost(ClusterProbe.PATIENCE).until(() -> clusters.status("cli1").state() == ClusterState.RUNNING
                && clusters.status("cli1").roles().get(1).released() == 2);

        // teardown, waiting until every node is gone; again, which is no error
        Run teardown = udre("cluster", "teardown", "cli1", "--wait");
        assertThat(teardown.exitCode()).as(teardown.err()).isZero();
        assertThat(teardown.out()).contains("TORN_DOWN").contains("every node of cli1 is gone");
        assertThat(probe.leftAnything("cli1")).isFalse();
        assertThat(udre("cluster", "teardown", "cli1").exitCode()).isZero();
    }

    @Test
    void a_template_by_name_that_cannot_start_prints_every_error_with_its_path_and_exits_2() {
        Run run = udre("cluster", "start", "mpi", "--name", "cli2", "--set", "compute.count=2000",
                "--set", "head.image=no-such-image:1.0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("the cluster template is not valid")
                .contains("/roles/compute/count").contains("/roles/head/image");
        assertThat(clusters.all()).noneMatch(cluster -> cluster.name().equals("cli2"));
    }

    @Test
    void an_unknown_cluster_is_named_in_the_error_and_exits_2() {
        Run status = udre("cluster", "status", "nosuch");
        Run scale = udre("cluster", "scale", "nosuch", "worker", "2");

        assertThat(status.exitCode()).isEqualTo(2);
        assertThat(status.err()).contains("no cluster 'nosuch'");
        assertThat(scale.exitCode()).isEqualTo(2);
        assertThat(scale.err()).contains("no cluster 'nosuch'");
    }

    @Test
    void a_template_file_that_does_not_exist_is_named_and_nothing_is_asked() {
        Run run = udre("cluster", "start", files.resolve("missing.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no template file '" + files.resolve("missing.yaml") + "'");
    }

    @Test
    void a_server_that_is_not_running_is_named_with_how_to_start_one_and_exits_3() {
        StringWriter err = new StringWriter();
        int exitCode = new CommandLine(new UdreCommand()).setOut(new PrintWriter(new StringWriter()))
                .setErr(new PrintWriter(err)).execute("cluster", "list", "--url", "http://127.0.0.1:1");

        assertThat(exitCode).isEqualTo(3);
        assertThat(err.toString()).contains("no UDRE server answers at http://127.0.0.1:1")
                .contains("udre serve");
    }

    @Test
    void every_cluster_command_answers_minus_v_with_udre_s_version() {
        for (String command : List.of("start", "status", "nodes", "scale", "job", "teardown", "list")) {
            StringWriter out = new StringWriter();
            int exitCode = new CommandLine(new UdreCommand()).setOut(new PrintWriter(out))
                    .execute("cluster", command, "-V");

            assertThat(exitCode).as(command).isZero();
            assertThat(out.toString()).as(command).startsWith("UDRE ");
        }
    }
}
