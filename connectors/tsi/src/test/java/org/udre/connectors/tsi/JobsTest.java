package org.udre.connectors.tsi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.udre.connectors.tsi.support.JobProcesses;
import org.udre.connectors.tsi.support.TestTsi;

class JobsTest {
    private static final Identity WHO = Identity.of("nobody");
    private static final Duration LONG_ENOUGH = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @Test
    void a_submitted_script_runs_as_a_local_process_and_leaves_output_and_exit_code() throws Exception {
        try (TestTsi tsi = TestTsi.start(dir)) {
            String job = dir.resolve("job").toString();
            tsi.client.executeScript(tsi.address, WHO, "mkdir -p " + job);

            String bssid = tsi.client.submit(tsi.address, WHO,
                    JobSubmission.of(job, "exits-three", "echo out; echo err >&2; (exit 3)"));

            assertThat(bssid).matches("\\d+");
            await().atMost(LONG_ENOUGH).until(() -> tsi.client.exitCode(tsi.address, WHO, job).isPresent());
            assertThat(tsi.client.exitCode(tsi.address, WHO, job)).hasValue(3);
            assertThat(Files.readString(Path.of(job, "stdout"))).isEqualTo("out\n");
            assertThat(Files.readString(Path.of(job, "stderr"))).isEqualTo("err\n");
            assertThat(Path.of(job, "UNICORE_Job_" + bssid)).isExecutable()
                    .content().startsWith("#!/bin/bash\n#TSI_SUBMIT\n").contains("#TSI_JOBNAME exits-three\n");
        }
    }

    @Test
    void a_running_job_is_listed_as_running_and_vanishes_from_the_listing_when_done() {
        try (TestTsi tsi = TestTsi.start(dir)) {
            String bssid = tsi.client.submit(tsi.address, WHO, JobSubmission.of(dir.toString(), "short", "sleep 1"));

            assertThat(tsi.client.statusListing(tsi.address, WHO)).containsEntry(bssid, JobState.RUNNING);
            await().atMost(LONG_ENOUGH).until(() -> !tsi.client.statusListing(tsi.address, WHO).containsKey(bssid));
            assertThat(tsi.client.exitCode(tsi.address, WHO, dir.toString())).hasValue(0);
        }
    }

    @Test
    void abort_kills_the_job_and_everything_it_started_before_it_writes_an_exit_code() {
        try (TestTsi tsi = TestTsi.start(dir)) {
            String bssid = tsi.client.submit(tsi.address, WHO,
                    JobSubmission.of(dir.toString(), "two-sleepers", "sleep 3011 & sleep 3012; wait"));
            await().atMost(LONG_ENOUGH).until(() -> !JobProcesses.mentioning("sleep 3011").isEmpty()
                    && !JobProcesses.mentioning("sleep 3012").isEmpty());

            tsi.client.abort(tsi.address, WHO, bssid);

            await().atMost(LONG_ENOUGH).until(() -> JobProcesses.mentioning("sleep 3011").isEmpty()
                    && JobProcesses.mentioning("sleep 3012").isEmpty());
            assertThat(tsi.client.statusListing(tsi.address, WHO)).doesNotContainKey(bssid);
            assertThat(tsi.client.exitCode(tsi.address, WHO, dir.toString())).isEmpty();
        }
    }

    @Test
    void aborting_a_job_that_is_already_gone_is_success() {
        try (TestTsi tsi = TestTsi.start(dir)) {
            tsi.client.abort(tsi.address, WHO, "123456789");
        }
    }

    @Test
    void closing_the_agent_kills_the_jobs_it_started() {
        TestTsi tsi = TestTsi.start(dir);
        tsi.client.submit(tsi.address, WHO, JobSubmission.of(dir.toString(), "orphan", "sleep 3021"));
        await().atMost(LONG_ENOUGH).until(() -> !JobProcesses.mentioning("sleep 3021").isEmpty());

        tsi.close();

        await().atMost(LONG_ENOUGH).until(() -> JobProcesses.mentioning("sleep 3021").isEmpty());
    }

    @Test
    void the_wall_time_is_enforced_and_a_job_killed_for_it_has_no_exit_code() {
        try (TestTsi tsi = TestTsi.start(dir)) {
            String bssid = tsi.client.submit(tsi.address, WHO, JobSubmission.of(dir.toString(), "too-long", "sleep 3031")
                    .withResources(JobResources.NONE.withWallTime(Duration.ofSeconds(1))));

            await().atMost(LONG_ENOUGH).until(() -> !tsi.client.statusListing(tsi.address, WHO).containsKey(bssid));
            assertThat(tsi.client.exitCode(tsi.address, WHO, dir.toString())).isEmpty();
        }
    }

    @Test
    void environment_values_reach_the_script_literally_and_output_names_are_honoured() throws Exception {
        try (TestTsi tsi = TestTsi.start(dir)) {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("GREETING", "hello \"world\" `not run` $(not run) \\ $NOPE");
            env.put("EMPTY", "");
            String outcome = dir.resolve("outcome").toString();
            tsi.client.submit(tsi.address, WHO, JobSubmission.of(dir.toString(), "env", "printf '%s|%s' \"$GREETING\" \"$EMPTY\"")
                    .withEnvironment(env).withOutcomeDirectory(outcome).withOutputNames("out.log", "err.log"));

            await().atMost(LONG_ENOUGH).until(() -> tsi.client.exitCode(tsi.address, WHO, outcome).isPresent());
            assertThat(Files.readString(Path.of(outcome, "out.log"), StandardCharsets.UTF_8))
                    .isEqualTo("hello \"world\" `not run` $(not run) \\ $NOPE|");
            assertThat(Path.of(outcome, "err.log")).isEmptyFile();
        }
    }

    @Test
    void details_hold_and_resume_answer_as_the_nobatch_tsi_does() {
        try (TestTsi tsi = TestTsi.start(dir); TsiSession session = tsi.client.session(tsi.address, WHO)) {
            String bssid = session.submit(JobSubmission.of(dir.toString(), "held", "sleep 2"));
            assertThat(session.jobDetails(bssid)).isEqualTo("No info available for job " + bssid);
            session.hold(bssid);
            session.resume(bssid);
            session.abort(bssid);
        }
    }
}
