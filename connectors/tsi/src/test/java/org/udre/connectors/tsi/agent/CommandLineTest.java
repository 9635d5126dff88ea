package org.udre.connectors.tsi.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.udre.connectors.tsi.Identity;
import org.udre.connectors.tsi.TsiAddress;
import org.udre.connectors.tsi.TsiClient;
import org.udre.connectors.tsi.support.TestTsi;

/** The agent runs on its own from the command line, as a person trying UDRE without a hypervisor would start it. */
class CommandLineTest {
    @TempDir
    Path dir;

    @Test
    void the_agent_started_as_a_program_says_where_it_listens_serves_jobs_and_stops_on_shutdown() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process agent = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                TsiAgent.class.getName(), "--port", "0", "--callback-delay", "0.05", "--safe-dir", dir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String line = new BufferedReader(new InputStreamReader(agent.getInputStream(), StandardCharsets.UTF_8)).readLine();
            Matcher m = Pattern.compile("TSI agent 11\\.2\\.1 listening on 127\\.0\\.0\\.1:(\\d+) .*").matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            TsiAddress address = new TsiAddress("127.0.0.1", Integer.parseInt(m.group(1)));
            try (TsiClient client = new TsiClient(TestTsi.clientSettings())) {
                assertThat(client.executeScript(address, Identity.of("nobody"), "pwd")).isEqualTo(dir + "\n");
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", address.port()), 2000);
                OutputStream out = s.getOutputStream();
                out.write("shutdown now\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            assertThat(agent.waitFor(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        } finally {
            agent.destroyForcibly();
        }
    }

    @Test
    void options_set_the_settings() {
        AgentSettings s = TsiAgent.CommandLine.parse(new String[] {"--bind", "0.0.0.0", "--port", "4444", "--allow",
                "127.0.0.1,10.0.0.5", "--callback-delay", "0.2", "--safe-dir", "/var/tmp", "--version", "10.5.0"});
        assertThat(s.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(s.port()).isEqualTo(4444);
        assertThat(s.allowedAddresses()).isEqualTo(List.of("127.0.0.1", "10.0.0.5"));
        assertThat(s.callbackDelay()).isEqualTo(Duration.ofMillis(200));
        assertThat(s.safeDir()).isEqualTo(Path.of("/var/tmp"));
        assertThat(s.version()).isEqualTo("10.5.0");
        assertThat(TsiAgent.CommandLine.parse(new String[0]).port()).isEqualTo(4433);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--port x", "--port", "--colour red", "--callback-delay soon", "--allowed-dn CN=x",
            "--tls-key k.pem", "--version eleven"})
    void bad_options_are_refused_naming_the_option(String args) {
        assertThatThrownBy(() -> TsiAgent.CommandLine.parse(args.split(" "))).isInstanceOf(IllegalArgumentException.class);
    }
}
