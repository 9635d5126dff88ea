package org.udre.catalog.scripts;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A script with placeholders: {@code {{name}}} stands for a value (an offering's parameter, a cluster template's
 * parameter or fact) and is replaced by it as one single-quoted shell word ({@link ShellQuoting}), or one word per
 * member of a list. Names are identifiers, possibly dotted ({@code {{compute.addresses}}}); the shell's own
 * {@code ${...}} is left alone.
 *
 * <p>Quoting protects a value only where bash reads a word. Inside quotes, backticks, a here-document, a comment,
 * {@code ${...}} or arithmetic the quotes themselves would become data or change meaning (a backtick in a value would
 * run inside double quotes, a newline would end a comment and run the rest), so {@link #parse} refuses a placeholder
 * in any of those places. What a script then does with a value (for example handing it to {@code eval}) is its
 * author's responsibility.
 *
 * <p>Scripts travel to a TSI inside a TSI message, which the TSI reads for {@code #TSI_} commands and ends at a line
 * {@code ENDOFMESSAGE}: a script may contain neither.
 */
public final class ScriptTemplate {

    private static final Pattern PLACEHOLDER =
            Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z0-9_]+)*)\\s*}}");

    /** The shell's {@code ${name}} with a name a placeholder could take: most likely meant as a placeholder. */
    private static final Pattern SHELL_REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.]*)}");

    private static final List<String> PROTOCOL_WORDS = List.of("#TSI_", "ENDOFMESSAGE");

    private record Placeholder(int start, int end, String name) {
    }

    private final String text;
    private final List<Placeholder> placeholders;

    private ScriptTemplate(String text, List<Placeholder> placeholders) {
        this.text = text;
        this.placeholders = placeholders;
    }

    /**
     * The result of {@link #parse}: the template, or null and every problem found (each naming its line); and, either
     * way, the names its placeholders use, in order of first use.
     */
    public record Parsed(ScriptTemplate template, Set<String> names, List<String> problems) {
    }

    public static Parsed parse(String text) {
        Objects.requireNonNull(text, "text");
        List<String> problems = new ArrayList<>();
        for (String word : PROTOCOL_WORDS) {
            if (text.contains(word)) {
                problems.add("must not contain " + word + " (line " + line(text, text.indexOf(word))
                        + "): the TSI would read it as part of its protocol");
            }
        }
        List<Placeholder> placeholders = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        int from = 0;
        while (true) {
            int open = text.indexOf("{{", from);
            if (open < 0) {
                break;
            }
            if (m.find(open) && m.start() == open) {
                placeholders.add(new Placeholder(m.start(), m.end(), m.group(1)));
                from = m.end();
            } else {
                problems.add("has \"{{\" that does not start a placeholder {{name}} (line " + line(text, open) + ")");
                from = open + 2;
            }
        }
        ShellContexts contexts = ShellContexts.of(text);
        for (Placeholder p : placeholders) {
            String where = contexts.unsafeAt(p.start());
            if (where != null) {
                problems.add("placeholder {{" + p.name() + "}} on line " + line(text, p.start()) + " stands " + where
                        + ", where quoting cannot protect a value; put it where a shell word may stand");
            }
        }
        ScriptTemplate template = new ScriptTemplate(text, List.copyOf(placeholders));
        return new Parsed(problems.isEmpty() ? template : null, template.names(), List.copyOf(problems));
    }

    /**
     * The shell's {@code ${name}} where {@code name} is one a placeholder would take: such a script most likely
     * meant {@code {{name}}} (the shell would see an unset variable, or fail on the '.').
     */
    public static List<String> shellReferencesTo(String text, Function<String, Boolean> isPlaceholderName) {
        List<String> mistaken = new ArrayList<>();
        Matcher m = SHELL_REFERENCE.matcher(text);
        while (m.find()) {
            if (isPlaceholderName.apply(m.group(1))) {
                mistaken.add("uses the shell's ${" + m.group(1) + "} on line " + line(text, m.start()) + "; write {{"
                        + m.group(1) + "}} for the value of that name");
            }
        }
        return mistaken;
    }

    /** The names the placeholders use, in order of first use. */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        placeholders.forEach(p -> names.add(p.name()));
        return names;
    }

    public String text() {
        return text;
    }

    /**
     * The script with each placeholder replaced by its value's shell words.
     *
     * @param words the shell words each name stands for, already quoted
     */
    public String render(Function<String, String> words) {
        StringBuilder script = new StringBuilder(text.length() + 256);
        int at = 0;
        for (Placeholder p : placeholders) {
            script.append(text, at, p.start()).append(words.apply(p.name()));
            at = p.end();
        }
        return script.append(text, at, text.length()).toString();
    }

    private static int line(String text, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** For each character of a script, whether a shell word may stand there, and if not, where it is instead. */
    private static final class ShellContexts {

        private static final String WORD_ENDS = " \t\n;&|()<>";

        /** null where a word may stand, else where the character is ("inside single quotes", ...). */
        private final String[] unsafe;

        private ShellContexts(String[] unsafe) {
            this.unsafe = unsafe;
        }

        String unsafeAt(int index) {
            return unsafe[index];
        }

        static ShellContexts of(String text) {
            String[] unsafe = new String[text.length() + 1];
            String state = null;
            int depth = 0;                  // nesting of ${ } or (( )) while the state is one of them
            List<String> pendingHeredocs = new ArrayList<>();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                unsafe[i] = state;
                if (state == null) {
                    if (c == '\\') {
                        i++;
                    } else if (c == '\'') {
                        state = "inside single quotes";
                    } else if (c == '"') {
                        state = "inside double quotes";
                    } else if (c == '`') {
                        state = "inside backticks";
                    } else if (c == '#' && (i == 0 || WORD_ENDS.indexOf(text.charAt(i - 1)) >= 0)) {
                        state = "in a comment";
                        unsafe[i] = state;
                    } else if (c == '$' && text.startsWith("{", i + 1)) {
                        state = "inside ${...}";
                        depth = 0;
                    } else if (text.startsWith("((", i)) {
                        state = "inside arithmetic";
                        depth = 0;
                    } else if (text.startsWith("<<", i) && !text.startsWith("<<<", i)) {
                        i = heredocDelimiter(text, i + 2, pendingHeredocs) - 1;
                    } else if (c == '\n' && !pendingHeredocs.isEmpty()) {
                        i = markHeredocBodies(text, i + 1, pendingHeredocs, unsafe) - 1;
                    }
                } else if (state.equals("inside single quotes")) {
                    if (c == '\'') {
                        state = null;
                    }
                } else if (state.equals("inside double quotes") || state.equals("inside backticks")) {
                    if (c == '\\') {
                        i++;
                        if (i < text.length()) {
                            unsafe[i] = state;
                        }
                    } else if (c == (state.equals("inside double quotes") ? '"' : '`')) {
                        state = null;
                    }
                } else if (state.equals("in a comment")) {
                    if (c == '\n') {
                        state = null;
                        unsafe[i] = null;
                        if (!pendingHeredocs.isEmpty()) {
                            i = markHeredocBodies(text, i + 1, pendingHeredocs, unsafe) - 1;
                        }
                    }
                } else {
                    // Inside ${...} or (( )): count the brackets that opened it until they are closed again.
                    char open = state.equals("inside ${...}") ? '{' : '(';
                    char close = state.equals("inside ${...}") ? '}' : ')';
                    depth += c == open ? 1 : c == close ? -1 : 0;
                    if (depth == 0) {
                        state = null;
                    }
                }
            }
            unsafe[text.length()] = state;
            return new ShellContexts(unsafe);
        }

        /** Reads the delimiter after {@code <<} or {@code <<-}; returns the index after it. */
        private static int heredocDelimiter(String text, int from, List<String> pending) {
            int i = from;
            boolean stripTabs = i < text.length() && text.charAt(i) == '-';
            if (stripTabs) {
                i++;
            }
            while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                i++;
            }
            StringBuilder delimiter = new StringBuilder();
            while (i < text.length() && WORD_ENDS.indexOf(text.charAt(i)) < 0) {
                char c = text.charAt(i);
                if (c != '\'' && c != '"' && c != '\\') {
                    delimiter.append(c);
                }
                i++;
            }
            pending.add((stripTabs ? "-" : "+") + delimiter);
            return i;
        }

        /** Marks the bodies of the pending here-documents, which start at {@code from}; returns the index after. */
        private static int markHeredocBodies(String text, int from, List<String> pending, String[] unsafe) {
            int i = from;
            for (String heredoc : pending) {
                boolean stripTabs = heredoc.charAt(0) == '-';
                String delimiter = heredoc.substring(1);
                while (i < text.length()) {
                    int end = text.indexOf('\n', i);
                    int lineEnd = end < 0 ? text.length() : end;
                    String line = text.substring(i, lineEnd);
                    for (int k = i; k < lineEnd; k++) {
                        unsafe[k] = "inside a here-document";
                    }
                    i = end < 0 ? text.length() : end + 1;
                    if ((stripTabs ? line.replaceFirst("^\t+", "") : line).equals(delimiter)) {
                        break;
                    }
                }
            }
            pending.clear();
            return i;
        }
    }
}
