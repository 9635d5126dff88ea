package org.udre.connectors.tsi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.udre.connectors.tsi.support.TestTsi;

/** User-supplied text can never add or hijack a TSI command, change the identity, or end a message early. */
class InjectionTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "script {0}")
    @ValueSource(strings = {"echo hi\nENDOFMESSAGE\n#TSI_PING", "echo x #TSI_LS\n", "#TSI_IDENTITY root root",
            "echo ENDOFMESSAGE", "true\n#TSI_SUBMIT\n", "nul\0byte"})
    void scripts_with_protocol_words_are_refused_quoting_them(String script) {
        assertThatThrownBy(() -> JobSubmission.of("/w", "job", script)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("job script");
    }

    static Stream<Arguments> badHeaderValues() {
        return Stream.of(
                Arguments.of("job name", "two\nlines"), Arguments.of("job name", "#TSI_QUEUE x"),
                Arguments.of("job name", "`id`"), Arguments.of("job name", "$(id)"), Arguments.of("job name", " padded"),
                Arguments.of("job name", "tab\tinside"), Arguments.of("stdout name", "../../etc/passwd"),
                Arguments.of("stdout name", "a b"), Arguments.of("stdout name", ".."),
                Arguments.of("working directory", "relative/dir"), Arguments.of("working directory", "/w/../etc"),
                Arguments.of("working directory", "/w/x y"), Arguments.of("working directory", "/w;rm -rf x"),
                Arguments.of("working directory", "/w/$HOME"), Arguments.of("email", "a@b\n#TSI_PING"),
                Arguments.of("email", "a@b\rc"));
    }

    @ParameterizedTest(name = "{0} = ''{1}''")
    @MethodSource("badHeaderValues")
    void header_values_are_single_line_and_paths_absolute_and_shell_safe(String field, String value) {
        assertThatThrownBy(() -> submissionWith(field, value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(field);
    }

    static Stream<Arguments> badEnvironment() {
        return Stream.of(Arguments.of("1BAD", "x"), Arguments.of("A-B", "x"), Arguments.of("OK", "two\nlines"),
                Arguments.of("OK", "#TSI_PING"), Arguments.of("OK", "ENDOFMESSAGE"), Arguments.of("OK", "cr\r"),
                Arguments.of("OK", "$HOME/bin"), Arguments.of("OK", "for $USERNAME"));
    }

    @ParameterizedTest(name = "environment {0} = ''{1}''")
    @MethodSource("badEnvironment")
    void environment_names_are_identifiers_and_values_single_line(String name, String value) {
        assertThatThrownBy(() -> JobSubmission.of("/w", "j", "true").withEnvironment(Map.of(name, value)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(name);
    }

    @ParameterizedTest(name = "''{1}'' inside {0}")
    @CsvSource({"/w/job, ../secret", "/w/job, /etc/passwd", "/w/job, a/../../b", "/w/job, ./x", "/w/job, a//b",
            "/w/job, ''", "/w/job, x/", "relative, x", "/w/job, 'sp ace'"})
    void staged_file_names_cannot_leave_the_job_directory(String jobDirectory, String name) {
        assertThatThrownBy(() -> TsiSession.inside(jobDirectory, name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got '");
    }

    @ParameterizedTest(name = "''{1}'' inside {0} is {2}")
    @CsvSource({"/w/job, input.dat, /w/job/input.dat", "/w/job/, in/data.v2, /w/job/in/data.v2", "/, a, /a"})
    void names_inside_the_job_directory_are_resolved(String jobDirectory, String name, String expected) {
        assertThat(TsiSession.inside(jobDirectory, name)).isEqualTo(expected);
    }

    @Test
    void a_script_given_to_execute_is_checked_too() {
        try (TestTsi tsi = TestTsi.start(dir)) {
            assertThatThrownBy(() -> tsi.client.executeScript(tsi.address, Identity.of("nobody"), "echo\n#TSI_PING"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("#TSI_");
        }
    }

    @ParameterizedTest(name = "identity {0} {1}")
    @CsvSource({"root, NONE", "alice, users:root", "alice, root"})
    void acting_as_root_is_refused_before_anything_is_sent(String user, String groups) throws IOException {
        assertNothingSent(new TsiClientSettings(TestTsi.clientSettings().connectTimeout(),
                TestTsi.clientSettings().callbackTimeout(), TestTsi.clientSettings().readTimeout(), "", 0, 4), new Identity(user, groups));
    }

    @ParameterizedTest(name = "identity {0} {1} not in the allow-list")
    @CsvSource({"mallory, NONE", "alice, wheel", "alice, users:wheel"})
    void identities_the_user_mapping_refuses_are_refused_before_anything_is_sent(String user, String groups) throws IOException {
        UserAllowList allowList = new UserAllowList(Map.of("alice", Set.of("users"), "bob", Set.of()));
        assertNothingSent(TestTsi.clientSettings().withUserMapping(allowList), new Identity(user, groups));
    }

    @Test
    void identities_the_allow_list_names_are_used() {
        UserAllowList allowList = new UserAllowList(Map.of("nobody", Set.of("nogroup")));
        try (TestTsi tsi = TestTsi.start(TestTsi.agentSettings(dir), TestTsi.clientSettings().withUserMapping(allowList))) {
            assertThat(tsi.client.executeScript(tsi.address, new Identity("nobody", "nogroup:DEFAULT_GID"), "echo ok"))
                    .isEqualTo("ok\n");
        }
    }

    private static void assertNothingSent(TsiClientSettings settings, Identity who) throws IOException {
        try (ServerSocket tsi = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
             TsiClient client = new TsiClient(settings)) {
            TsiAddress address = new TsiAddress("127.0.0.1", tsi.getLocalPort());
            assertThatThrownBy(() -> client.submit(address, who, JobSubmission.of("/w", "j", "true")))
                    .isInstanceOf(TsiIdentityRefusedException.class).hasMessageContaining(who.user());
            tsi.setSoTimeout(200);
            assertThatThrownBy(tsi::accept).isInstanceOf(SocketTimeoutException.class);
        }
    }

    private static JobSubmission submissionWith(String field, String value) {
        JobSubmission ok = JobSubmission.of("/w", "job", "true");
        return switch (field) {
            case "job name" -> new JobSubmission("/w", "/w", value, "true", "stdout", "stderr", null, Map.of(), JobResources.NONE);
            case "stdout name" -> ok.withOutputNames(value, "stderr");
            case "working directory" -> JobSubmission.of(value, "job", "true");
            case "email" -> ok.withEmail(value);
            default -> throw new IllegalArgumentException(field);
        };
    }
}
