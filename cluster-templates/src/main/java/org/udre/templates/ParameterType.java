package org.udre.templates;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What values a template parameter takes; values travel as text (overrides are text) in a canonical spelling. */
public enum ParameterType {
    INTEGER, STRING, BOOLEAN, DURATION;

    /** The word a template uses for this type: {@code integer}, {@code string}, ... */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ParameterType> ofWord(String word) {
        return Arrays.stream(values()).filter(type -> type.word().equals(word)).findFirst();
    }

    /**
     * The value in its canonical spelling ({@code 007} becomes {@code 7}).
     *
     * @throws IllegalArgumentException quoting {@code text} when it is not a value of this type
     */
    public String canonical(String text) {
        switch (this) {
            case INTEGER -> {
                try {
                    return Integer.toString(Integer.parseInt(text));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("must be a whole number between " + Integer.MIN_VALUE
                            + " and " + Integer.MAX_VALUE + " (found \"" + text + "\")");
                }
            }
            case BOOLEAN -> {
                if (!text.equals("true") && !text.equals("false")) {
                    throw new IllegalArgumentException("must be true or false (found \"" + text + "\")");
                }
                return text;
            }
            case DURATION -> {
                try {
                    Duration.parse(text);
                    return text;
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("must be an ISO-8601 duration of days, hours, minutes and"
                            + " seconds such as PT30M (found \"" + text + "\")");
                }
            }
            default -> {
                return text;
            }
        }
    }
}
