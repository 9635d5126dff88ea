package org.udre.catalog.offerings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.udre.catalog.ImageRequirements;
import org.udre.catalog.InvalidDocumentException;
import org.udre.catalog.MetadataSource;
import org.udre.catalog.ValidationError;
import org.udre.catalog.VersionRange;

class OfferingsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void the_shipped_word_count_offering_needs_busybox_on_linux_and_takes_a_text() {
        Offering wordCount = OfferingTexts.shippedWordCount();

        assertThat(wordCount.title()).isEqualTo("Count the words of a text");
        assertThat(wordCount.image().os().family()).isEqualTo("linux");
        assertThat(wordCount.image().applications()).containsExactly(
                new ImageRequirements.Application("busybox", VersionRange.parse(">=1.30")));
        assertThat(wordCount.script().names()).containsExactly("text", "caseSensitive", "top");
        assertThat(wordCount.parameters().schema().at("/required/0").asText()).isEqualTo("text");
    }

    @Test
    void the_shipped_offering_ships_in_the_jar_under_catalog_offerings() throws IOException {
        try (InputStream packed = getClass().getClassLoader().getResourceAsStream("catalog/offerings/word-count.yaml")) {
            assertThat(packed).isNotNull();
            assertThat(new String(packed.readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo(Files.readString(Path.of("offerings/word-count.yaml")));
        }
    }

    @Test
    void the_word_count_script_counts_lines_words_bytes_and_the_most_frequent_words(@TempDir Path dir) throws Exception {
        String text = "The quick brown fox\njumps over the lazy dog. The dog sleeps; the FOX runs!";

        String script = OfferingTexts.shippedWordCount().prepare(JSON.readTree(
                JSON.writeValueAsString(java.util.Map.of("text", text, "top", 3)))).script();

        assertThat(run(script, dir)).isEqualTo("""
                lines: 2
                words: 15
                bytes: 74
                most frequent words:
                4 the
                2 dog
                2 fox
                """);
    }

    @Test
    void parameters_are_completed_with_defaults() throws Exception {
        Offering.PreparedRun run = OfferingTexts.shippedWordCount().prepare(JSON.readTree("{\"text\": \"a\"}"));

        assertThat(run.parameters()).isEqualTo(JSON.readTree("{\"text\": \"a\", \"top\": 10, \"caseSensitive\": false}"));
        assertThat(run.script()).contains("printf '%s' 'a' > input.txt").contains("head -n '10'")
                .contains("if [ 'false' = true ]");
    }

    static Stream<Arguments> badParameters() {
        return Stream.of(
                Arguments.of("{}", List.of("/parameters/text"), "is required but missing"),
                Arguments.of("{\"text\": \"\"}", List.of("/parameters/text"), "must be at least 1 characters long"),
                Arguments.of("{\"text\": \"a\", \"top\": 0}", List.of("/parameters/top"), "must have a minimum value of 1"),
                Arguments.of("{\"text\": \"a\", \"top\": \"10; rm -rf /\"}", List.of("/parameters/top"),
                        "must be of type integer"),
                Arguments.of("{\"text\": 42}", List.of("/parameters/text"), "must be of type string"),
                Arguments.of("{\"text\": \"a\", \"colour\": \"blue\"}", List.of("/parameters/colour"),
                        "is not a known property"),
                Arguments.of("{\"text\": \"a\\u0000b\"}", List.of("/parameters/text"), "must not contain the NUL character"),
                Arguments.of("{\"top\": 1000, \"caseSensitive\": \"yes\"}",
                        List.of("/parameters/text", "/parameters/top", "/parameters/caseSensitive"), ""),
                Arguments.of("[\"a\"]", List.of("/parameters"), "must be of type object"));
    }

    @ParameterizedTest(name = "{0} is refused at {1}")
    @MethodSource("badParameters")
    void parameters_that_break_the_offerings_schema_are_refused_with_every_path(String parameters, List<String> paths,
            String message) throws Exception {
        JsonNode given = JSON.readTree(parameters);

        var refused = catchThrowableOfType(InvalidDocumentException.class,
                () -> OfferingTexts.shippedWordCount().prepare(given));

        assertThat(refused.errors()).extracting(ValidationError::path).containsExactlyInAnyOrderElementsOf(paths);
        assertThat(refused.errors().get(0).message()).contains(message);
        assertThat(refused).hasMessageStartingWith("parameters rejected");
    }

    static Stream<Arguments> unsafePlaceholders() {
        return Stream.of(
                Arguments.of("echo '{{value}}'", "inside single quotes"),
                Arguments.of("echo \"x {{value}}\"", "inside double quotes"),
                Arguments.of("echo `echo {{value}}`", "inside backticks"),
                Arguments.of("true # note {{value}}", "in a comment"),
                Arguments.of("cat <<EOF\n{{value}}\nEOF", "inside a here-document"),
                Arguments.of("cat <<-'END'\n\tline {{value}}\n\tEND", "inside a here-document"),
                Arguments.of("echo ${x:-{{value}}}", "inside ${...}"),
                Arguments.of("echo $(( {{value}} + 1 ))", "inside arithmetic"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("unsafePlaceholders")
    void a_placeholder_where_quoting_cannot_protect_its_value_is_refused(String script, String where) {
        var refused = catchThrowableOfType(InvalidDocumentException.class,
                () -> OfferingTexts.offering(OfferingTexts.withScript(script)));

        assertThat(refused.errors()).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo("/script");
            assertThat(error.message()).contains("placeholder {{value}} on line").contains("stands " + where);
        });
    }

    static Stream<String> safePlaceholders() {
        return Stream.of(
                "echo {{value}}",
                "x={{value}}; echo \"$x\"",
                "awk -v v={{value}} 'BEGIN { print v }'",
                "echo 'it''s' {{value}} \"quoted\" {{value}}",
                "cat <<EOF\nliteral\nEOF\necho {{value}}",
                "echo $((1 + 2)) {{value}} # a comment after",
                "echo a#b {{value}} $# ${#x}",
                "[ -n {{value}} ] && printf '%s\\n' {{value}} {{values}}",
                "echo \\' {{value}}");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("safePlaceholders")
    void a_placeholder_where_a_shell_word_may_stand_is_accepted(String script) {
        assertThat(OfferingTexts.offering(OfferingTexts.withScript(script)).script().names()).contains("value");
    }

    @Test
    void every_error_of_a_bad_offering_is_reported_with_its_path() {
        String bad = """
                name: Bad_Name
                title: Bad
                description: Many mistakes.
                image: {applications: [{name: bash, version: "five"}]}
                parameters:
                  type: object
                  additionalProperties: false
                  required: [value]
                  properties:
                    value: {type: string, description: Any text., maxLenght: 3}
                script: echo {{value}}
                """;

        var refused = catchThrowableOfType(InvalidDocumentException.class, () -> OfferingTexts.offering(bad));

        assertThat(refused.errors()).extracting(ValidationError::origin, ValidationError::path).containsExactlyInAnyOrder(
                tuple("test.yaml", "/name"), tuple("test.yaml", "/image/applications/0/version"),
                tuple("test.yaml", "/parameters/properties/value/maxLenght"));
        assertThat(refused).hasMessageStartingWith("offerings rejected, 3 errors:");
    }

    @Test
    void what_the_schema_cannot_say_about_an_offering_is_reported_with_its_path_too() {
        String bad = OfferingTexts.withScript("echo {{value}} {{missing}} {{optional}} {{ bad-name }} #TSI_EXECUTESCRIPT")
                .replace("required: [value]", "required: [value, nothing]")
                .replace("    values: {", "    optional: {type: integer, description: Left out., minimum: 5}\n"
                        + "    small: {type: integer, description: Defaults badly., maximum: 3, default: 4}\n    values: {");

        var refused = catchThrowableOfType(InvalidDocumentException.class, () -> OfferingTexts.offering(bad));

        assertThat(refused.errors()).extracting(ValidationError::path, ValidationError::message).contains(
                tuple("/parameters/required/1", "names no parameter defined under properties (found \"nothing\")"),
                tuple("/parameters/properties/optional", "is used by the script, so it must be required or have a default"),
                tuple("/script", "placeholder {{missing}} names no parameter; parameters: value, optional, small, values"),
                tuple("/script", "has \"{{\" that does not start a placeholder {{name}} (line 1)"),
                tuple("/script", "must not contain #TSI_ (line 1): the TSI would read it as part of its protocol"));
        assertThat(refused.errors()).extracting(ValidationError::path).contains("/parameters/properties/small/default");
    }

    @Test
    void two_offerings_with_one_name_are_an_error_naming_both_files() {
        String text = OfferingTexts.withScript("echo {{value}}");

        var refused = catchThrowableOfType(InvalidDocumentException.class, () -> Offerings.load(List.of(
                new MetadataSource("a.yaml", text), new MetadataSource("b.yaml", text))));

        assertThat(refused.errors()).singleElement().extracting(ValidationError::toString)
                .isEqualTo("b.yaml /name: offering \"echo-back\" is already defined by a.yaml; each name must be defined once");
    }

    @Test
    void an_unknown_offering_is_refused_naming_those_that_exist() {
        Offerings offerings = Offerings.load(List.of(new MetadataSource("a.yaml", OfferingTexts.withScript("echo {{value}}"))));

        assertThat(catchThrowableOfType(UnknownOfferingException.class, () -> offerings.require("povray")))
                .hasMessage("no offering \"povray\"; offerings: echo-back");
    }

    static String run(String script, Path dir) throws IOException, InterruptedException {
        Files.writeString(dir.resolve("job.sh"), script);
        Process bash = new ProcessBuilder("bash", "job.sh").directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return output;
    }
}
