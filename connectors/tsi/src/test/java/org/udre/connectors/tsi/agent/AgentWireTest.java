package org.udre.connectors.tsi.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.udre.connectors.tsi.support.RawWorker;
import org.udre.connectors.tsi.support.TestTsi;

/** The agent's bytes, checked with a hand-made client: the quirks a real TSI 11.2.1 shows and a client must survive. */
class AgentWireTest {
    private static final String ID = "#TSI_IDENTITY nobody NONE";

    @TempDir
    Path dir;
    private TsiAgent agent;
    private RawWorker worker;

    @BeforeEach
    void start() throws IOException {
        agent = TsiAgent.start(TestTsi.agentSettings(dir));
        worker = RawWorker.connect(agent.port());
    }

    @AfterEach
    void stop() throws IOException {
        worker.close();
        agent.close();
    }

    @ParameterizedTest(name = "{0} is an unknown command")
    @CsvSource({"#TSI_NO_SUCH_COMMAND", "#tsi_ping", "'#TSI_PING '", "#TSI_CANCELJOB", "#TSI_QSTAT", "''"})
    void messages_without_a_known_tag_are_an_unknown_command(String body) throws IOException {
        assertThat(worker.exchange(List.of(body, ID, "")))
                .containsExactly("TSI_FAILED: Unknown #TSI_* command", "ENDOFMESSAGE");
    }

    @Test
    void the_first_tag_in_the_tsis_own_order_wins_wherever_it_stands() throws IOException {
        assertThat(worker.exchange(List.of("#!/bin/bash", "#TSI_SUBMIT", "#TSI_SCRIPT", "#TSI_PING", ID, "")))
                .containsExactly("TSI_OK", "11.2.1", "ENDOFMESSAGE");
    }

    @Test
    void the_identity_line_is_ignored_in_unprivileged_mode_even_when_missing() throws IOException {
        assertThat(worker.exchange(List.of("#!/bin/bash", "#TSI_EXECUTESCRIPT", "#TSI_SCRIPT", "echo ok")))
                .containsExactly("TSI_OK", "ok", "", "ENDOFMESSAGE");
    }

    @Test
    void a_failed_script_quotes_the_whole_message_and_the_output_with_line_ends_as_colons() throws IOException {
        assertThat(worker.exchange(List.of("#!/bin/bash", "#TSI_EXECUTESCRIPT", "#TSI_SCRIPT",
                "echo out; echo err >&2; exit 5", ID, ""))).containsExactly(
                "TSI_FAILED: Command '#!/bin/bash:#TSI_EXECUTESCRIPT:#TSI_SCRIPT:echo out; echo err >&2; exit 5:"
                        + "#TSI_IDENTITY nobody NONE::' failed with code 5: out:err:", "ENDOFMESSAGE");
    }

    @Test
    void a_script_with_discard_output_runs_in_the_background_and_is_answered_at_once() throws IOException {
        Path marker = dir.resolve("marker");
        assertThat(worker.exchange(List.of("#!/bin/bash", "#TSI_EXECUTESCRIPT", "#TSI_DISCARD_OUTPUT true",
                "#TSI_SCRIPT", "sleep 0.3; touch " + marker, ID, ""))).containsExactly("TSI_OK", "", "ENDOFMESSAGE");
        assertThat(marker).doesNotExist();
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(marker));
    }

    @Test
    void listing_a_missing_path_is_an_empty_listing_and_a_bad_mode_an_error() throws IOException {
        assertThat(worker.exchange(List.of("#TSI_LS", "#TSI_LS_MODE A", "#TSI_FILE " + dir + "/missing", ID, "")))
                .containsExactly("TSI_OK", "START_LISTING", "END_LISTING", "ENDOFMESSAGE");
        assertThat(worker.exchange(List.of("#TSI_LS", "#TSI_LS_MODE X", "#TSI_FILE " + dir, ID, "")))
                .containsExactly("TSI_FAILED: Unknown TSI_LS mode: 'X', must be one of 'R', 'A' or 'N'.", "ENDOFMESSAGE");
    }

    @Test
    void a_recursive_listing_puts_a_directorys_contents_before_a_back_marker_and_its_own_entry() throws IOException {
        Files.createDirectories(dir.resolve("d/sub"));
        Files.writeString(dir.resolve("d/sub/f"), "x");
        List<String> reply = worker.exchange(List.of("#TSI_LS", "#TSI_LS_MODE R", "#TSI_FILE " + dir + "/d", ID, ""));
        assertThat(reply.get(2)).matches("  RW O 1 \\d+ " + dir + "/d/sub/f");
        assertThat(reply.get(4)).isEqualTo("<");
        assertThat(reply.get(5)).matches(" DRWXO \\d+ \\d+ " + dir + "/d/sub");
        assertThat(reply.get(6)).startsWith("--rwx");
    }

    @Test
    void a_file_chunk_comes_on_the_data_socket_between_two_terminators() throws IOException {
        Files.writeString(dir.resolve("f.txt"), "0123456789");
        assertThat(worker.exchange(List.of("#TSI_GETFILECHUNK", "#TSI_FILE " + dir + "/f.txt", "#TSI_START 3",
                "#TSI_LENGTH 4", ID, ""))).containsExactly("TSI_OK", "TSI_LENGTH 4", "ENDOFMESSAGE");
        assertThat(worker.readData(4)).isEqualTo("3456".getBytes(StandardCharsets.US_ASCII));
        assertThat(worker.readLine()).isEqualTo("ENDOFMESSAGE");
        assertThat(worker.exchange(List.of("#TSI_GETFILECHUNK", "#TSI_FILE " + dir + "/f.txt", "#TSI_START 20",
                "#TSI_LENGTH 4", ID, ""))).containsExactly("TSI_OK", "TSI_LENGTH 0", "ENDOFMESSAGE");
        assertThat(worker.readLine()).isEqualTo("ENDOFMESSAGE");
    }

    @Test
    void a_failed_file_chunk_sends_no_data_and_no_second_terminator() throws IOException {
        assertThat(worker.exchange(List.of("#TSI_GETFILECHUNK", "#TSI_FILE " + dir + "/does-not-exist", "#TSI_START 0",
                "#TSI_LENGTH 10", ID, ""))).containsExactly(
                "TSI_FAILED: [Errno 2] No such file or directory: '" + dir + "/does-not-exist'", "ENDOFMESSAGE");
        assertThat(worker.exchange(List.of("#TSI_GETFILECHUNK", "#TSI_FILE " + dir, ID, ""))).containsExactly(
                "TSI_FAILED: int() argument must be a string, a bytes-like object or a real number, not 'NoneType'",
                "ENDOFMESSAGE");
        assertThat(worker.exchange(List.of("#TSI_PING", ID, ""))).containsExactly("TSI_OK", "11.2.1", "ENDOFMESSAGE");
    }

    @Test
    void put_file_chunk_says_ok_before_the_data_and_terminates_again_after_writing_it() throws IOException {
        assertThat(worker.exchange(List.of("#TSI_PUTFILECHUNK", "#TSI_FILESACTION 0", "#TSI_FILE " + dir + "/with blank.txt 600",
                "#TSI_LENGTH 5", ID, ""))).containsExactly("TSI_OK", "ENDOFMESSAGE");
        worker.sendData("hello".getBytes(StandardCharsets.US_ASCII));
        assertThat(worker.readLine()).isEqualTo("ENDOFMESSAGE");
        assertThat(worker.exchange(List.of("#TSI_PUTFILECHUNK", "#TSI_FILESACTION 3", "#TSI_FILE " + dir + "/with blank.txt 600",
                "#TSI_LENGTH 1", ID, ""))).containsExactly("TSI_OK", "ENDOFMESSAGE");
        worker.sendData("!".getBytes(StandardCharsets.US_ASCII));
        assertThat(worker.readLine()).isEqualTo("ENDOFMESSAGE");
        assertThat(dir.resolve("with blank.txt")).hasContent("hello!");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("with blank.txt")))).isEqualTo("rw-------");
    }

    @Test
    void aborting_an_unknown_job_fails_with_the_pkill_usage_text() throws IOException {
        List<String> reply = worker.exchange(List.of("#TSI_ABORTJOB", "#TSI_BSSID 999999", ID, ""));
        assertThat(reply.get(0)).startsWith("TSI_FAILED: Command 'SID=$(ps -e -osid,args | grep \"nice .* ./UNICORE_Job_999999\""
                + " | grep -v \"grep \" | egrep -o \"^\\s*([0-9]+)\" ); pkill -SIGTERM -s $SID' failed with code 2: "
                + "pkill: option requires an argument -- 's':");
        assertThat(reply).hasSize(2);
    }

    @Test
    void details_of_any_job_are_the_fixed_no_info_text_and_hold_resume_are_no_ops() throws IOException {
        assertThat(worker.exchange(List.of("#TSI_GETJOBDETAILS", "#TSI_BSSID 42", ID, "")))
                .containsExactly("TSI_OK", "No info available for job 42 ", "", "ENDOFMESSAGE");
        assertThat(worker.exchange(List.of("#TSI_HOLDJOB", "#TSI_BSSID 42", ID, "")))
                .containsExactly("TSI_OK", "", "", "ENDOFMESSAGE");
        assertThat(worker.exchange(List.of("#TSI_RESUMEJOB", "#TSI_BSSID 42", ID, "")))
                .containsExactly("TSI_OK", "", "", "ENDOFMESSAGE");
    }

    @Test
    void submitting_into_a_missing_directory_fails_with_the_python_error() throws IOException {
        assertThat(worker.exchange(List.of("#!/bin/bash", "#TSI_SUBMIT", "#TSI_OUTCOME_DIR " + dir + "/gone",
                "#TSI_USPACE_DIR " + dir + "/gone", "#TSI_SCRIPT", "true", ID, ""))).containsExactly(
                "TSI_FAILED: [Errno 2] No such file or directory: '" + dir + "/gone'", "ENDOFMESSAGE");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "#TSI_GET_PARTITIONS|TSI_OK,{},",
            "#TSI_GET_COMPUTE_BUDGET|TSI_OK,USER -1,",
            "#TSI_MAKE_RESERVATION|TSI_FAILED: Reservation not supported!",
            "#TSI_QUERY_RESERVATION|TSI_FAILED: Reservation not supported!",
            "#TSI_CANCEL_RESERVATION|TSI_FAILED: Reservation not supported!"})
    void the_smaller_commands_answer_as_the_nobatch_tsi(String tag, String expected) throws IOException {
        List<String> reply = worker.exchange(List.of(tag, ID, ""));
        assertThat(String.join(",", reply.subList(0, reply.size() - 1))).isEqualTo(expected);
    }

    @Test
    void acl_support_is_reported_absent() throws IOException {
        assertThat(worker.exchange(List.of("#TSI_FILE_ACL", "#TSI_ACL_OPERATION CHECK_SUPPORT", "#TSI_ACL_PATH /tmp", ID, "")))
                .containsExactly("TSI_OK", "false", "ENDOFMESSAGE");
        assertThat(worker.exchange(List.of("#TSI_FILE_ACL", "#TSI_ACL_OPERATION GETFACL", "#TSI_ACL_PATH /tmp", ID, "")))
                .containsExactly("TSI_FAILED: ERROR: Getting ACL on this file system is unsupported.", "ENDOFMESSAGE");
    }

    @Test
    void disk_usage_has_the_tsis_layout() throws IOException {
        List<String> reply = worker.exchange(List.of("#TSI_DF", "#TSI_FILE " + dir, ID, ""));
        assertThat(reply).hasSize(7);
        assertThat(reply.get(1)).isEqualTo("START_DF");
        assertThat(reply.get(2)).matches("TOTAL \\d+");
        assertThat(reply.get(3)).matches("FREE \\d+");
        assertThat(reply.subList(4, 7)).containsExactly("USER -1", "END_DF", "ENDOFMESSAGE");
    }

    @Test
    void run_on_login_node_starts_the_script_in_the_background_and_answers_its_process_id() throws IOException {
        List<String> reply = worker.exchange(List.of("#!/bin/bash", "#TSI_RUN_ON_LOGIN_NODE", "",
                "#TSI_OUTCOME_DIR " + dir + "/out", "#TSI_USPACE_DIR " + dir, "#TSI_STDOUT so", "#TSI_STDERR se",
                "#TSI_SCRIPT", "echo on the login node", ID, ""));
        assertThat(reply.get(0)).isEqualTo("TSI_OK");
        assertThat(reply.get(1)).matches("\\d+");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(dir.resolve("out/so")).hasContent("on the login node"));
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).anyMatch(n -> n.matches("UNICORE_Job_[A-Z0-9]{6}"));
        }
    }

    @Test
    void the_process_listing_is_the_output_of_ps() throws IOException {
        List<String> reply = worker.exchange(List.of("#TSI_GETPROCESSLISTING", ID, ""));
        assertThat(reply.get(0)).isEqualTo("TSI_OK");
        assertThat(reply.get(1)).contains("PID").contains("CMD");
        assertThat(reply).anyMatch(line -> line.endsWith(" java"));
    }

    @Test
    void ping_uid_and_user_info_report_the_tsis_own_facts() throws IOException {
        long uid = FileCommands.effectiveUid();
        assertThat(worker.exchange(List.of("#TSI_PING_UID", ID, "")))
                .containsExactly("TSI_OK", "11.2.1", " running as UID [" + uid + "]", "ENDOFMESSAGE");
        List<String> info = worker.exchange(List.of("#TSI_GET_USER_INFO", ID, ""));
        String home = UnixUser.homeOf("nobody");
        assertThat(info).containsExactly("TSI_OK", "home: " + home, "status:  keyfile " + home
                + "/.ssh/authorized_keys : [Errno 2] No such file or directory: '" + home + "/.ssh/authorized_keys'", "",
                "ENDOFMESSAGE");
        assertThat(worker.exchange(List.of("#TSI_GET_USER_INFO"))).containsExactly("TSI_FAILED: No user/group info given", "ENDOFMESSAGE");
    }

    @Test
    void a_worker_ends_when_the_client_closes_its_command_socket() throws IOException {
        await().atMost(Duration.ofSeconds(5)).until(() -> agent.workers() == 1);
        worker.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> agent.workers() == 0);
    }

    @ParameterizedTest(name = "request ''{0}'' is closed without a word")
    @CsvSource({"shutdown", "hello 1234", "newtsiprocess", "set x y"})
    void requests_the_tsi_does_not_understand_are_closed_without_a_word(String request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", agent.port()), 2000);
            s.setSoTimeout(5000);
            s.getOutputStream().write((request + "\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
        assertThat(RawWorker.connect(agent.port()).exchange(List.of("#TSI_PING"))).contains("11.2.1");
    }

    @Test
    void a_bad_port_gets_ok_and_then_no_call_back() throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", agent.port()), 2000);
            s.setSoTimeout(5000);
            s.getOutputStream().write("newtsiprocess notaport\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(s.getInputStream().readNBytes(3)).isEqualTo("OK\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Test
    void shutdown_with_a_reason_stops_the_agent() throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", agent.port()), 2000);
            s.getOutputStream().write("shutdown now\n".getBytes(StandardCharsets.US_ASCII));
            s.setSoTimeout(5000);
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", agent.port()), 500);
                throw new AssertionError("still listening");
            } catch (IOException expected) {
                // refused: it stopped listening
            }
        });
    }

    @Test
    void answer_failed_fault_fails_every_command_but_ping_and_keeps_the_worker() throws IOException {
        agent.fault(Fault.ANSWER_FAILED);
        assertThat(worker.exchange(List.of("#TSI_GETSTATUSLISTING", ID, "")))
                .containsExactly("TSI_FAILED: fault injected: ANSWER_FAILED", "ENDOFMESSAGE");
        assertThat(worker.exchange(List.of("#TSI_PING", ID, ""))).containsExactly("TSI_OK", "11.2.1", "ENDOFMESSAGE");
        agent.fault(Fault.NONE);
        assertThat(worker.exchange(List.of("#TSI_GETSTATUSLISTING", ID, ""))).startsWith("TSI_OK", "QSTAT");
    }

    @Test
    void drop_mid_reply_fault_sends_one_line_and_closes_the_worker() throws IOException {
        agent.fault(Fault.DROP_MID_REPLY);
        worker.send(List.of("#TSI_PING", ID, ""));
        assertThat(worker.readLine()).isEqualTo("TSI_OK");
        assertThat(worker.readLine()).isNull();
    }

    @Test
    void slow_replies_fault_answers_after_the_delay() throws IOException {
        agent.fault(Fault.SLOW_REPLIES);
        worker.command.setSoTimeout(300);
        worker.send(List.of("#TSI_PING", ID, ""));
        try {
            worker.readLine();
            throw new AssertionError("answered before the delay");
        } catch (SocketTimeoutException expected) {
            // still waiting
        }
        worker.command.setSoTimeout(10_000);
        assertThat(worker.readReply()).containsExactly("TSI_OK", "11.2.1", "ENDOFMESSAGE");
    }

    @Test
    void a_listener_that_refuses_connections_takes_them_again_on_the_same_port() throws IOException {
        int port = agent.port();
        agent.fault(Fault.REFUSE_CONNECTIONS);
        // A process being spawned at this moment may briefly hold a copy of the closed listening socket: wait for it.
        await().atMost(Duration.ofSeconds(5)).until(() -> refused(port));
        agent.fault(Fault.NONE);
        assertThat(agent.port()).isEqualTo(port);
        assertThat(RawWorker.connect(port).exchange(List.of("#TSI_PING"))).contains("11.2.1");
    }

    private static boolean refused(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return false;
        } catch (IOException e) {
            return e.getMessage().contains("refused");
        }
    }
}
