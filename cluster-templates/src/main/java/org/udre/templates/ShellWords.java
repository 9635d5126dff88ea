package org.udre.templates;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Values made safe to paste into a POSIX shell script as words. */
final class ShellWords {

    /**
     * Words made only of these characters mean themselves to the shell and stay bare, so that numbers still work in
     * {@code $(( ... ))} and node names read naturally; everything else is single-quoted.
     */
    private static final Pattern PLAIN = Pattern.compile("^[A-Za-z0-9_@%+=:,./-]+$");

    private ShellWords() {
    }

    static String quote(String value) {
        if (PLAIN.matcher(value).matches()) {
            return value;
        }
        return "'" + value.replace("'", "'\"'\"'") + "'";
    }

    /** Each value a word of its own, separated by single spaces; nothing at all for an empty list. */
    static String quoteAll(List<String> values) {
        return values.stream().map(ShellWords::quote).collect(Collectors.joining(" "));
    }
}
