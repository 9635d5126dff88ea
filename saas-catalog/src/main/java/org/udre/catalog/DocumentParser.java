package org.udre.catalog;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Turns the text of a document (image metadata, an offering, a cluster template) into a tree: JSON when it starts with '{' or '[', YAML otherwise. JSON is
 * read by the JSON parser, not as YAML, because its error messages fit JSON and YAML rejects tabs JSON allows.
 */
public final class DocumentParser {

    // Duplicate keys are rejected: by default the last one would silently win, and an operator who wrote a key
    // twice meant one of them.
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final YAMLMapper YAML = YAMLMapper.builder(new YAMLFactory())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private DocumentParser() {
    }

    /**
     * The document's tree, or empty with the reason added to {@code errors}.
     *
     * @param origin names the document in errors
     * @param kind   what one document holds ("image", "template"), for the errors about none or several
     */
    public static Optional<JsonNode> parse(String origin, String source, String kind, List<ValidationError> errors) {
        String text = source.startsWith("\uFEFF") ? source.substring(1) : source;
        String start = text.stripLeading();
        boolean json = start.startsWith("{") || start.startsWith("[");
        try (JsonParser parser = (json ? JSON : YAML).createParser(text)) {
            JsonNode tree = (json ? JSON : YAML).readTree(parser);
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                errors.add(new ValidationError(origin, "", "the document is empty; expected one " + kind));
                return Optional.empty();
            }
            if (parser.nextToken() != null) {
                // A second YAML document would otherwise be dropped without a word.
                errors.add(new ValidationError(origin, "", "holds more than one document"
                        + at(parser.currentTokenLocation()) + "; put each " + kind + " in a file of its own"));
                return Optional.empty();
            }
            return Optional.of(tree);
        } catch (JsonProcessingException e) {
            errors.add(new ValidationError(origin, "", "is not valid " + (json ? "JSON" : "YAML")
                    + at(e.getLocation()) + ": " + summary(e.getOriginalMessage())));
            return Optional.empty();
        } catch (IOException e) {
            // Reading from a String fails only through the parser; anything else is a bug worth seeing.
            throw new IllegalStateException("cannot read " + origin, e);
        }
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /**
     * The parser's own words without the source excerpts it adds: SnakeYAML indents its "in 'reader', line ..."
     * marks and the quoted source lines, and the position is reported separately.
     */
    private static String summary(String message) {
        String words = message == null ? "" : String.join(": ", message.lines()
                .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0))).toList());
        if (words.isEmpty()) {
            return "unreadable";
        }
        return words.length() <= 300 ? words : words.substring(0, 300) + "...";
    }
}
