package org.udre.catalog.scripts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns a value into one bash word that stands for exactly that text, whatever it holds.
 *
 * <p>The value goes in single quotes, inside which bash interprets nothing; a single quote in the value becomes
 * {@code '\''} (end the quotes, an escaped quote, quotes again). The job script then travels through the TSI, which
 * replaces the words {@code $USER}, {@code $HOME} and {@code $LOGNAME} anywhere in the message before bash reads it,
 * recognises a command by {@code #TSI_...} and ends the message at a line {@code ENDOFMESSAGE}: so an empty pair of
 * quotes is put after every {@code $} and {@code #} and inside every {@code ENDOFMESSAGE}. Bash joins the pieces back
 * into the same word, and none of those texts appears in the script.
 *
 * <p>Both the job scripts of offerings and the scripts of cluster templates quote their values here.
 */
public final class ShellQuoting {

    private static final String MESSAGE_END = "ENDOFMESSAGE";

    private ShellQuoting() {
    }

    /**
     * The shell words for a parameter's value: one for a string, number or boolean, one per element for an array
     * (none for an empty one).
     */
    public static String words(JsonNode value) {
        if (value.isArray()) {
            List<String> elements = new ArrayList<>();
            value.forEach(element -> elements.add(element.asText()));
            return quoteAll(elements);
        }
        return quote(value.asText());
    }

    /** @throws IllegalArgumentException when the value holds a NUL character, which no bash word can hold */
    public static String quote(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("must not contain the NUL character");
        }
        StringBuilder word = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\'') {
                word.append("'\\''");
            } else if (c == '$' || c == '#') {
                word.append(c).append("''");
            } else if (value.startsWith(MESSAGE_END, i)) {
                word.append("ENDOF''");
                i += "ENDOF".length() - 1;
            } else {
                word.append(c);
            }
        }
        return word.append('\'').toString();
    }

    /** Each value a word of its own, separated by single spaces; nothing at all for an empty list. */
    public static String quoteAll(List<String> values) {
        return values.stream().map(ShellQuoting::quote).collect(Collectors.joining(" "));
    }
}
