package org.udre.templates;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ${name}} references to parameters in a template's fields (scripts have placeholders of their own,
 * {@link org.udre.catalog.scripts.ScriptTemplate}). {@code $${} is a literal {@code ${}; a lone {@code $} or {@code $$} is left alone.
 */
final class Placeholders {

    private static final Pattern TOKEN = Pattern.compile("\\$\\$\\{|\\$\\{([^}]*)}|\\$\\{");

    /** A parameter's name; dotted names too (a fact's, say), which fields cannot use: they are reported as such. */
    private static final Pattern NAME = Pattern.compile("^[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z0-9]+)*$");

    private Placeholders() {
    }

    /** A piece of text: literal text, or a reference ({@code literal} null) to {@code name}. */
    record Segment(String literal, String name) {
        boolean isReference() {
            return name != null;
        }
    }

    /**
     * The text cut into literals and references, escapes undone.
     *
     * @throws IllegalArgumentException quoting the reference when one is not closed or holds no name
     */
    static List<Segment> parse(String text) {
        List<Segment> segments = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        Matcher m = TOKEN.matcher(text);
        int at = 0;
        while (m.find()) {
            literal.append(text, at, m.start());
            at = m.end();
            String token = m.group();
            if (token.equals("$${")) {
                literal.append("${");
            } else if (m.group(1) == null) {
                throw new IllegalArgumentException("has a \"${\" without a closing \"}\" (found \""
                        + excerpt(text, m.start()) + "\"); write $${ for a literal ${");
            } else {
                String name = m.group(1);
                if (!NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("refers to \"" + token + "\", which is not a name: ${...}"
                            + " holds a parameter name such as ${workers}; write $${ for a literal ${");
                }
                if (!literal.isEmpty()) {
                    segments.add(new Segment(literal.toString(), null));
                    literal.setLength(0);
                }
                segments.add(new Segment(null, name));
            }
        }
        literal.append(text, at, text.length());
        if (!literal.isEmpty()) {
            segments.add(new Segment(literal.toString(), null));
        }
        return segments;
    }

    /** Whether {@code text} needs {@link #parse} at all: most strings of a template hold no '$'. */
    static boolean mayHoldReferences(String text) {
        return text.indexOf("${") >= 0;
    }

    /** {@code ${} spelled as {@code $${}, so that {@link #parse} reads {@code text} back unchanged. */
    static String escape(String text) {
        return text.replace("${", "$${");
    }

    private static String excerpt(String text, int start) {
        int end = Math.min(text.length(), start + 30);
        int newline = text.indexOf('\n', start);
        return text.substring(start, newline >= 0 && newline < end ? newline : end);
    }
}
