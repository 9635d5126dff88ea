package org.udre.connectors.tsi;

import java.util.regex.Pattern;

/**
 * Checks on every piece of caller-supplied text before it goes into a TSI message. The TSI recognises a command by
 * {@code #TSI_<TAG>} followed by a line end anywhere in the message, takes the first {@code #TSI_IDENTITY} line it
 * finds and ends the message at the first line {@code ENDOFMESSAGE}: content containing any of these could replace the
 * command, the user it runs as, or end the message early. Paths also end up unquoted in the TSI's own shell commands
 * ({@code ./UNICORE_Job_1 > OUTCOME/STDOUT}), so they are limited to characters no shell interprets.
 */
final class UserText {
    private static final Pattern SAFE_PATH = Pattern.compile("/|(/[A-Za-z0-9._,+=@%~-]+)+/?");
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._,+=@%~-]+");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final int SHOWN = 60;

    private UserText() {
    }

    /** Multi-line content (a script): no protocol words, no NUL. */
    static String content(String what, String text) {
        if (text == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        refuseProtocolWords(what, text);
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " contains a NUL character: " + shown(text, text.indexOf('\0')));
        }
        return text;
    }

    /** A value that follows a {@code #TSI_<NAME> } tag: one line, no control characters, no command substitution. */
    static String headerValue(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank, got '" + value + "'");
        }
        refuseProtocolWords(what, value);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < ' ' || c == 0x7f) {
                throw new IllegalArgumentException(what + " must be a single line without control characters, got "
                        + shown(value, i));
            }
        }
        // Batch variants of the TSI copy values into scheduler directives; UNICORE/X refuses these two for the same reason.
        if (value.contains("`") || value.contains("$(")) {
            throw new IllegalArgumentException(what + " must not contain ` or $(, got '" + value + "'");
        }
        if (!value.equals(value.strip())) {
            throw new IllegalArgumentException(what + " must not start or end with blanks, got '" + value + "'");
        }
        return value;
    }

    /** An absolute, normalised path made of shell-safe characters. */
    static String absolutePath(String what, String path) {
        headerValue(what, path);
        if (!SAFE_PATH.matcher(path).matches()) {
            throw new IllegalArgumentException(what + " must be an absolute path of letters, digits and ._,+=@%~- "
                    + "(the TSI uses it unquoted in shell commands), got '" + path + "'");
        }
        for (String segment : path.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException(what + " must not contain . or .. segments, got '" + path + "'");
            }
        }
        return path;
    }

    /** One file name, without any directory part. */
    static String fileName(String what, String name) {
        if (name == null || !SAFE_NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException(what + " must be a plain file name of letters, digits and ._,+=@%~-, got '"
                    + name + "'");
        }
        return name;
    }

    /** A path below a directory: relative, no . or .. segments, so it cannot leave the directory. */
    static String relativePath(String what, String relative) {
        if (relative == null || relative.isEmpty() || relative.startsWith("/") || relative.endsWith("/")) {
            throw new IllegalArgumentException(what + " must be a relative path inside the job directory, got '" + relative + "'");
        }
        for (String segment : relative.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || !SAFE_NAME.matcher(segment).matches()) {
                throw new IllegalArgumentException(what + " must stay inside the job directory and use letters, digits "
                        + "and ._,+=@%~- only, got '" + relative + "'");
            }
        }
        return relative;
    }

    static String environmentName(String name) {
        if (name == null || !ENV_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("environment variable name must be a shell identifier, got '" + name + "'");
        }
        return name;
    }

    /** An environment value: one line, taken literally (quoted so that the shell expands nothing in it). */
    static String environmentValue(String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException("environment variable " + name + " must not be null");
        }
        refuseProtocolWords("environment variable " + name, value);
        for (String word : new String[] {"$HOME", "$USER", "$LOGNAME"}) {
            if (value.contains(word)) {
                // the TSI replaces these words in the whole message before bash sees it, which would garble the quoting
                throw new IllegalArgumentException("environment variable " + name + " must not contain " + word
                        + " (the TSI substitutes it textually); write the value out, got '" + value + "'");
            }
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < ' ' && c != '\t' || c == 0x7f) {
                throw new IllegalArgumentException("environment variable " + name
                        + " must be a single line without control characters, got " + shown(value, i));
            }
        }
        return value;
    }

    /** The value inside double quotes with every character bash would interpret there escaped. */
    static String doubleQuoted(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\' || c == '$' || c == '`') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }

    private static void refuseProtocolWords(String what, String text) {
        for (String word : new String[] {"ENDOFMESSAGE", "#TSI_"}) {
            int at = text.indexOf(word);
            if (at >= 0) {
                throw new IllegalArgumentException(what + " must not contain '" + word
                        + "' (it would change the TSI command or its identity), found at " + shown(text, at));
            }
        }
    }

    /** The text around a position, for error messages that quote the bad value without flooding a log. */
    private static String shown(String text, int at) {
        int from = Math.max(0, at - SHOWN / 2);
        int to = Math.min(text.length(), at + SHOWN / 2);
        String excerpt = text.substring(from, to).replace("\n", "\\n").replace("\r", "\\r").replace("\0", "\\0");
        return "'" + (from > 0 ? "..." : "") + excerpt + (to < text.length() ? "..." : "") + "'";
    }
}
