package org.udre.catalog.offerings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parameter values that try to run commands arrive in the job as exactly the text they are, and run nothing. */
class ShellQuotingTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "'; touch pwned; '",
            "$(touch pwned)",
            "`touch pwned`",
            "\"; touch pwned; \"",
            "a\ntouch pwned\n",
            "x' || touch pwned || '",
            "\\'; touch pwned; #",
            "${IFS}touch${IFS}pwned",
            "$HOME/and/$USER/and/$LOGNAME",
            "#TSI_IDENTITY root root",
            "line\nENDOFMESSAGE\ntouch pwned",
            "*",
            "-n",
            "",
            "tab\there, ümlaut, 🙂, \r carriage return",
            "$'\\x41'",
            "!!",
            "a'b'c''d'''",
    })
    void a_value_that_tries_to_run_commands_arrives_as_exactly_its_text(String value) throws Exception {
        Offering offering = OfferingTexts.offering(OfferingTexts.withScript("printf '%s' {{value}} > out.txt"));
        ObjectNode parameters = JsonNodeFactory.instance.objectNode().put("value", value);

        String script = offering.prepare(parameters).script();

        assertThat(script).doesNotContain("#TSI_", "ENDOFMESSAGE", "$HOME", "$USER", "$LOGNAME");
        runAsTheTsiWould(script);
        assertThat(dir.resolve("pwned")).doesNotExist();
        assertThat(Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8)).isEqualTo(value);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"a b", "$(touch pwned)", "'", ""})
    void each_element_of_a_list_becomes_one_word(String element) throws Exception {
        Offering offering = OfferingTexts.offering(OfferingTexts.withScript(
                "for v in {{values}}; do printf '[%s]' \"$v\"; done > out.txt"));
        ObjectNode parameters = JsonNodeFactory.instance.objectNode().put("value", "x");
        parameters.putArray("values").add(element).add("second");

        runAsTheTsiWould(offering.prepare(parameters).script());

        assertThat(dir.resolve("pwned")).doesNotExist();
        assertThat(Files.readString(dir.resolve("out.txt"))).isEqualTo("[" + element + "][second]");
    }

    /** The TSI replaces these words in the whole message before bash reads it; then bash runs the script. */
    private void runAsTheTsiWould(String script) throws IOException, InterruptedException {
        String substituted = script.replace("$HOME", "/home/u").replace("$USER", "u").replace("$LOGNAME", "u");
        Files.writeString(dir.resolve("job.sh"), substituted, StandardCharsets.UTF_8);
        Process bash = new ProcessBuilder("bash", "job.sh").directory(dir.toFile()).inheritIO().start();
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).isZero();
    }
}
