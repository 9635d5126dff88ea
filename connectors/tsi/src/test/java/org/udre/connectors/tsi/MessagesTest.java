package org.udre.connectors.tsi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The message bodies the client writes and how it reads replies, in both the 11.x and the 10.x dialect. */
class MessagesTest {
    @Test
    void a_submit_carries_every_header_field_in_the_order_unicore_x_writes_them() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("OMP_NUM_THREADS", "4");
        JobSubmission job = new JobSubmission("/w/job", "/w/out", "big run", "./solver --all", "o.txt", "e.txt",
                "a@example.org", env, JobResources.NONE.withWallTime(Duration.ofMinutes(90)).withMemoryPerNodeMiB(2048)
                .withNodes(4, 16).withTotalProcessors(64).withGpusPerNode(2).withQueue("batch").withProject("proj1")
                .withQos("high").withReservation("res42").withNodesFilter("ib").withExclusive(true));

        assertThat(Requests.submit(job)).isEqualTo("""
                #!/bin/bash
                #TSI_SUBMIT

                #TSI_RESERVATION_REFERENCE res42
                #TSI_OUTCOME_DIR /w/out
                #TSI_USPACE_DIR /w/job
                #TSI_STDOUT o.txt
                #TSI_STDERR e.txt
                #TSI_JOBNAME big run
                #TSI_EMAIL a@example.org
                #TSI_PROJECT proj1
                #TSI_QOS high
                #TSI_EXCLUSIVE true
                #TSI_BSS_NODES_FILTER ib
                #TSI_TIME 5400
                #TSI_MEMORY 2048
                #TSI_GPUS_PER_NODE 2
                #TSI_NODES 4
                #TSI_PROCESSORS_PER_NODE 16
                #TSI_TOTAL_PROCESSORS 64
                #TSI_QUEUE batch
                #TSI_SCRIPT
                OMP_NUM_THREADS="4"; export OMP_NUM_THREADS
                UC_WORKING_DIRECTORY="/w/job"; export UC_WORKING_DIRECTORY
                UC_OUTPUT_DIRECTORY="/w/out"; export UC_OUTPUT_DIRECTORY
                cd ${UC_WORKING_DIRECTORY}
                ./solver --all
                echo $? > ${UC_OUTPUT_DIRECTORY}/UNICORE_SCRIPT_EXIT_CODE
                """);
    }

    @Test
    void a_wall_time_with_a_fraction_of_a_second_is_rounded_up() {
        JobSubmission job = JobSubmission.of("/w", "j", "true").withResources(JobResources.NONE.withWallTime(Duration.ofMillis(1500)));
        assertThat(Requests.submit(job)).contains("#TSI_TIME 2\n");
    }

    @Test
    void a_background_script_asks_the_tsi_to_discard_its_output() {
        assertThat(Requests.executeScript("sleep 10\n\n", true))
                .isEqualTo("#!/bin/bash\n#TSI_EXECUTESCRIPT\n#TSI_DISCARD_OUTPUT true\n#TSI_SCRIPT\nsleep 10");
    }

    @ParameterizedTest(name = "a listing with state {0}")
    @EnumSource(JobState.class)
    void every_state_word_of_a_status_listing_is_understood(JobState state) {
        assertThat(Replies.statusListing(List.of("QSTAT", " 17 " + state + " batch R", "")))
                .isEqualTo(Map.of("17", state));
    }

    @Test
    void a_job_listed_several_times_takes_its_strongest_state() {
        assertThat(Replies.statusListing(List.of("QSTAT", " 1 COMPLETED q CD", " 1 RUNNING q R", " 1 QUEUED q PD",
                " 2 SUSPENDED q S", " 2 QUEUED q PD", " 3 UNKNOWN q X", " 3 RUNNING q R", "")))
                .containsExactly(Map.entry("1", JobState.RUNNING), Map.entry("2", JobState.SUSPENDED),
                        Map.entry("3", JobState.UNKNOWN));
    }

    @ParameterizedTest(name = "listing line ''{0}'' is a protocol error")
    @CsvSource({"' 17'", "' 17 FINISHED q F'", "' 17 running q R'"})
    void status_lines_without_a_known_state_are_a_protocol_error(String line) {
        assertThatThrownBy(() -> Replies.statusListing(List.of("QSTAT", line))).isInstanceOf(TsiProtocolException.class)
                .hasMessageContaining(line.trim());
    }

    @Test
    void a_status_listing_must_start_with_qstat() {
        assertThatThrownBy(() -> Replies.statusListing(List.of("17 RUNNING"))).isInstanceOf(TsiProtocolException.class);
    }

    @Test
    void replies_of_a_10_x_tsi_without_tsi_ok_read_the_same() {
        assertThat(Replies.single("TSI_PING", Replies.payload("TSI_PING", List.of("10.5.1")))).isEqualTo("10.5.1");
        assertThat(Replies.statusListing(Replies.payload("TSI_GETSTATUSLISTING", List.of("QSTAT", " 5 QUEUED q PD", ""))))
                .containsEntry("5", JobState.QUEUED);
        assertThat(Replies.listing(Replies.payload("TSI_LS", List.of("START_LISTING", "END_LISTING")))).isEmpty();
        assertThat(Replies.diskUsage(Replies.payload("TSI_DF", List.of("START_DF", "TOTAL 10", "FREE 4", "USER -1", "END_DF"))))
                .isEqualTo(new DiskUsage(10, 4, -1));
    }

    @ParameterizedTest(name = "''{0}'' fails with reason ''{1}''")
    @CsvSource(delimiter = '|', value = {
            "TSI_FAILED: Unknown #TSI_* command|Unknown #TSI_* command",
            "TSI_FAILED: a: b:c|a: b:c",
            "TSI_FAILED: Unknown command None|Unknown command None",
            "TSI_FAILED:tight|tight"})
    void a_failed_reply_becomes_a_failure_with_the_reason(String line, String reason) {
        assertThatThrownBy(() -> Replies.payload("TSI_LS", List.of(line)))
                .isInstanceOfSatisfying(TsiFailedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void listing_entries_keep_blanks_in_names_and_skip_back_markers() {
        List<FileEntry> entries = Replies.listing(List.of("TSI_OK", "START_LISTING",
                "  RW O 6 1795520639 /d/sub/with blank.txt", "--rw-r--r-- alice users", "<",
                " DRWX  4096 1795520600 /d/sub", "--rwxr-xr-x root root", "END_LISTING").subList(1, 8));
        assertThat(entries).containsExactly(
                new FileEntry("/d/sub/with blank.txt", false, 6, Instant.ofEpochSecond(1795520639), "rw-r--r--", "alice",
                        "users", true, true, false, true),
                new FileEntry("/d/sub", true, 4096, Instant.ofEpochSecond(1795520600), "rwxr-xr-x", "root", "root",
                        true, true, true, false));
        assertThat(entries.get(0).name()).isEqualTo("with blank.txt");
    }

    @Test
    void a_listing_entry_without_its_permissions_line_is_a_protocol_error() {
        assertThatThrownBy(() -> Replies.listing(List.of("START_LISTING", "  RW O 6 1 /x", "END_LISTING")))
                .isInstanceOf(TsiProtocolException.class).hasMessageContaining("/x");
    }

    @Test
    void script_output_is_returned_exactly_as_printed() {
        assertThat(Replies.text(List.of(""))).isEmpty();
        assertThat(Replies.text(List.of("a", "", "b", ""))).isEqualTo("a\n\nb\n");
        assertThat(Replies.text(List.of("no newline"))).isEqualTo("no newline");
    }
}
