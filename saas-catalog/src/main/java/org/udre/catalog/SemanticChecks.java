package org.udre.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Rules for one metadata document that the JSON Schema cannot express. They look only at fields that hold text,
 * so they add to the schema's errors for the same document instead of repeating them.
 */
final class SemanticChecks {

    private SemanticChecks() {
    }

    static List<ValidationError> violations(String origin, JsonNode metadata) {
        List<ValidationError> errors = new ArrayList<>();
        JsonNode readyWithin = metadata.at("/tsi/readyWithin");
        if (readyWithin.isTextual() && !isPositiveDuration(readyWithin.textValue())) {
            errors.add(new ValidationError(origin, "/tsi/readyWithin",
                    "must be a positive ISO-8601 duration of days, hours, minutes and seconds such as PT60S"
                            + " (found " + DocumentSchema.quote(readyWithin) + ")"));
        }
        JsonNode workspace = metadata.at("/tsi/workspace");
        if (workspace.isTextual() && hasDotSegment(workspace.textValue())) {
            // '..' would let job directories escape the workspace; '.' is harmless but never meant.
            errors.add(new ValidationError(origin, "/tsi/workspace",
                    "must not contain '.' or '..' segments (found " + DocumentSchema.quote(workspace) + ")"));
        }
        return errors;
    }

    private static boolean isPositiveDuration(String text) {
        try {
            Duration duration = Duration.parse(text);
            return !duration.isNegative() && !duration.isZero();
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean hasDotSegment(String path) {
        for (String segment : path.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }
}
