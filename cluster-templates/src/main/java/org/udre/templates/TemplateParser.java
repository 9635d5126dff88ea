package org.udre.templates;

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
 * Turns the text of a template into a tree: JSON when it starts with '{' or '[', YAML otherwise. JSON is read by
 * the JSON parser, not as YAML, because its error messages fit JSON and YAML rejects tabs JSON allows.
 */
final class TemplateParser {

    // Duplicate keys are rejected: by default the last one would silently win, and an operator who wrote a role or a
    // key twice meant one of them.
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final YAMLMapper YAML = YAMLMapper.builder(new YAMLFactory())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private TemplateParser() {
    }

    /** The document's tree, or empty with the reason added to {@code errors}. */
    static Optional<JsonNode> parse(TemplateSource source, List<ValidationError> errors) {
        String text = source.text().startsWith("\uFEFF") ? source.text().substring(1) : source.text();
        String start = text.stripLeading();
        boolean json = start.startsWith("{") || start.startsWith("[");
        try (JsonParser parser = (json ? JSON : YAML).createParser(text)) {
            JsonNode tree = (json ? JSON : YAML).readTree(parser);
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                errors.add(new ValidationError(source.origin(), "", "the document is empty; expected one template"));
                return Optional.empty();
            }
            if (parser.nextToken() != null) {
                // A second YAML document would otherwise be dropped without a word.
                errors.add(new ValidationError(source.origin(), "", "holds more than one document"
                        + at(parser.currentTokenLocation()) + "; put each template in a file of its own"));
                return Optional.empty();
            }
            return Optional.of(tree);
        } catch (JsonProcessingException e) {
            errors.add(new ValidationError(source.origin(), "", "is not valid " + (json ? "JSON" : "YAML")
                    + at(e.getLocation()) + ": " + summary(e.getOriginalMessage())));
            return Optional.empty();
        } catch (IOException e) {
            // Reading from a String fails only through the parser; anything else is a bug worth seeing.
            throw new IllegalStateException("cannot read " + source.origin(), e);
        }
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** The parser's own words without the indented source excerpts SnakeYAML adds; the position is given apart. */
    private static String summary(String message) {
        String words = message == null ? "" : String.join(": ", message.lines()
                .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0))).toList());
        if (words.isEmpty()) {
            return "unreadable";
        }
        return words.length() <= 300 ? words : words.substring(0, 300) + "...";
    }
}
