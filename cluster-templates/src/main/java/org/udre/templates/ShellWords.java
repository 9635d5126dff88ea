package org.udre.templates;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Values made into bash words that stand for exactly their text, whatever it holds, in a script that travels
 * through a TSI.
 *
 * <p>A value goes in single quotes, inside which bash interprets nothing; a single quote in it becomes {@code '\''}
 * (end the quotes, an escaped quote, quotes again). The TSI, before bash sees the script, replaces the words
 * {@code $USER}, {@code $HOME} and {@code $LOGNAME} anywhere, reads {@code #TSI_...} as its commands and ends the
 * message at a line {@code ENDOFMESSAGE}: so an empty pair of quotes goes after every {@code $} and {@code #} and
 * inside every {@code ENDOFMESSAGE}. Bash joins the pieces into the same word. (The catalogue's offerings quote
 * their values the same way.)
 */
final class ShellWords {

    private static final String MESSAGE_END = "ENDOFMESSAGE";

    private ShellWords() {
    }

    /** @throws IllegalArgumentException when the value holds a NUL character, which no bash word can hold */
    static String quote(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a value for a script must not contain the NUL character");
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
    static String quoteAll(List<String> values) {
        return values.stream().map(ShellWords::quote).collect(Collectors.joining(" "));
    }
}
