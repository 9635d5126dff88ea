package org.udre.connectors.tsi.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.udre.connectors.tsi.agent.TsiAgent;
import org.udre.connectors.tsi.support.JobProcesses;
import org.udre.connectors.tsi.support.RawWorker;
import org.udre.connectors.tsi.support.TestTsi;
import org.udre.connectors.tsi.support.Transcript;

/**
 * The agent answers the requests of the reference transcript (a real TSI 11.2.1 session) with the transcript's
 * replies. Set aside, because they depend on the host and the moment: paths (the transcript's directory is replaced by
 * a temporary one), job ids, modification times, owner and group names, the size of a job file (it holds the paths),
 * disk sizes, the order of a directory listing, the process state letter of a running job, and the jobs of others:
 * like the real TSI the agent lists every job process on the host, including those of other TSIs running there.
 */
class AgentGoldenTest {
    private static final String TRANSCRIPT_DIR = "/tmp/tsi-research/run/uspace";
    private static final String ID1 = "2401420639323";
    private static final String ID2 = "2401420639414";
    private static final Pattern LS_ENTRY = Pattern.compile("( [ D][ R][ W][ X][ O]) (\\d+) (\\d+) (.*)");
    private static final Pattern LS_EXTENDED = Pattern.compile("(--[-rwx]{9}) (\\S+) (\\S+)");

    @TempDir
    Path dir;

    @Test
    @DisplayName("the agent's replies to the transcript's requests equal the transcript's replies")
    void agent_replies_equal_the_transcript() throws Exception {
        Transcript transcript = Transcript.load();
        String uspace = dir.resolve("uspace").toString();
        try (TsiAgent agent = TsiAgent.start(TestTsi.agentSettings(dir)); RawWorker worker = RawWorker.connect(agent.port())) {
            assertThat(transcript.handshakeReply).isEqualTo("OK");
            String id1 = null;
            String id2 = null;
            for (Transcript.Exchange exchange : transcript.exchanges) {
                List<String> request = substitute(exchange.request(), uspace, id1, id2);
                List<String> expected = substitute(exchange.reply(), uspace, id1, id2);
                if (request.contains("#TSI_GETSTATUSLISTING") && id2 != null && expected.size() == 4) {
                    // after the abort: wait until the aborted job's processes are gone before asking
                    String second = id2;
                    await().atMost(Duration.ofSeconds(10)).until(() -> JobProcesses.mentioning("UNICORE_Job_" + second).isEmpty());
                }
                worker.sendRaw(String.join("\n", request) + "\n");
                List<String> reply = worker.readReply();
                if (request.contains("#TSI_SUBMIT")) {
                    assertThat(reply).hasSize(3);
                    assertThat(reply.get(0)).isEqualTo("TSI_OK");
                    assertThat(reply.get(1)).matches(ProcessHandle.current().pid() + "\\d{8}");
                    if (id1 == null) {
                        id1 = reply.get(1);
                        String first = id1;
                        // job 1 is short: let it end, as it had in the real session before the listing was asked for
                        await().atMost(Duration.ofSeconds(10)).until(() -> JobProcesses.mentioning("UNICORE_Job_" + first).isEmpty());
                    } else {
                        id2 = reply.get(1);
                    }
                    continue;
                }
                if (request.contains("#TSI_GETSTATUSLISTING")) {
                    reply = withoutOtherJobs(reply, id1, id2);
                }
                if (request.contains("#TSI_LS_MODE N")) {
                    assertThat(pairs(normalize(reply, id1))).containsExactlyInAnyOrderElementsOf(pairs(normalize(expected, id1)));
                } else {
                    assertThat(normalize(reply, id1)).as("reply to %s", request.get(0)).isEqualTo(normalize(expected, id1));
                }
                if (exchange.dataToClient() != null) {
                    assertThat(worker.readData(exchange.dataToClient().length)).isEqualTo(exchange.dataToClient());
                }
                if (exchange.dataToTsi() != null) {
                    worker.sendData(exchange.dataToTsi());
                }
                if (!exchange.afterData().isEmpty()) {
                    assertThat(worker.readLine()).isEqualTo(exchange.afterData().get(0));
                }
            }
        }
    }

    private static List<String> substitute(List<String> lines, String uspace, String id1, String id2) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String s = line.replace(TRANSCRIPT_DIR, uspace);
            if (id1 != null) {
                s = s.replace(ID1, id1);
            }
            if (id2 != null) {
                s = s.replace(ID2, id2);
            }
            out.add(s);
        }
        return out;
    }

    private static List<String> withoutOtherJobs(List<String> listing, String id1, String id2) {
        return listing.stream().filter(line -> !line.matches(" \\d+ .*") || line.startsWith(" " + id1 + " ")
                || line.startsWith(" " + id2 + " ")).toList();
    }

    /** Replaces the values that depend on host and time by placeholders. */
    private static List<String> normalize(List<String> lines, String id1) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            Matcher entry = LS_ENTRY.matcher(line);
            Matcher extended = LS_EXTENDED.matcher(line);
            if (entry.matches()) {
                String size = entry.group(4).endsWith("UNICORE_Job_" + id1) ? "<size>" : entry.group(2);
                out.add(entry.group(1) + " " + size + " <mtime> " + entry.group(4));
            } else if (extended.matches()) {
                out.add(extended.group(1) + " <owner> <group>");
            } else {
                out.add(line.replaceAll("^(TOTAL|FREE) \\d+$", "$1 <bytes>")
                        .replaceAll("^ (\\d+) RUNNING NOBATCH [A-Z]$", " $1 RUNNING NOBATCH <state>"));
            }
        }
        return out;
    }

    /** Listing entries as one string per entry (entry line + permissions line), for order-free comparison. */
    private static List<String> pairs(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(" ") && i + 1 < lines.size() && lines.get(i + 1).startsWith("--")) {
                out.add(lines.get(i) + " | " + lines.get(++i));
            } else {
                out.add(lines.get(i));
            }
        }
        return out;
    }
}
