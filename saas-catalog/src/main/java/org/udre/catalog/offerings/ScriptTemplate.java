package org.udre.catalog.offerings;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A job script with placeholders: {@code {{name}}} stands for the parameter of that name and is replaced by its
 * value as one quoted shell word ({@link ShellQuoting}), or one word per element of an array.
 *
 * <p>Quoting protects a value only where bash reads a word. Inside quotes, backticks, a here-document, a comment,
 * {@code ${...}} or arithmetic the quotes themselves would become data or change meaning (a newline in a value would
 * end a comment and run the rest), so {@link #parse} refuses a placeholder in any of those places. What the template
 * then does with a value (for example handing it to {@code eval}) is the offering author's responsibility.
 */
public final class ScriptTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

    private record Placeholder(int start, int end, String name) {
    }

    private final String text;
    private final List<Placeholder> placeholders;

    private ScriptTemplate(String text, List<Placeholder> placeholders) {
        this.text = text;
        this.placeholders = placeholders;
    }

    /**
     * @return the template, or the problems found (each naming its line)
     */
    static Parsed parse(String text) {
        Objects.requireNonNull(text, "text");
        List<String> problems = new ArrayList<>();
        for (String word : new String[] {"#TSI_", "ENDOFMESSAGE"}) {
            if (text.contains(word)) {
                problems.add("must not contain " + word + " (line " + line(text, text.indexOf(word))
                        + "): the TSI would read it as part of its protocol");
            }
        }
        List<Placeholder> placeholders = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        int searchFrom = 0;
        while (true) {
            int open = text.indexOf("{{", searchFrom);
            if (open < 0) {
                break;
            }
            if (m.find(open) && m.start() == open) {
                placeholders.add(new Placeholder(m.start(), m.end(), m.group(1)));
                searchFrom = m.end();
            } else {
                problems.add("has \"{{\" that does not start a placeholder {{name}} (line " + line(text, open) + ")");
                searchFrom = open + 2;
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
        return problems.isEmpty() ? new Parsed(template, template.parameterNames(), List.of())
                : new Parsed(null, template.parameterNames(), problems);
    }

    /**
     * The result of {@link #parse}: the template, or every problem found; and, either way, the names its
     * placeholders use.
     */
    record Parsed(ScriptTemplate template, Set<String> names, List<String> problems) {
    }

    /** The names of the parameters the template uses, in order of first use. */
    public Set<String> parameterNames() {
        Set<String> names = new LinkedHashSet<>();
        placeholders.forEach(p -> names.add(p.name()));
        return names;
    }

    /**
     * The script with each placeholder replaced by its value's shell words.
     *
     * @param words the shell words for each parameter name, already quoted
     */
    String render(Function<String, String> words) {
        StringBuilder script = new StringBuilder(text.length() + 64);
        int at = 0;
        for (Placeholder p : placeholders) {
            script.append(text, at, p.start()).append(words.apply(p.name()));
            at = p.end();
        }
        return script.append(text.substring(at)).toString();
    }

    public String text() {
        return text;
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

    /** Where a placeholder would need no more than its own quoting; see the class comment. */
    private static final class ShellContexts {

        /** For each character: null where a word may stand, else where it is ("inside single quotes", ...). */
        private final String[] unsafe;

        private ShellContexts(String[] unsafe) {
            this.unsafe = unsafe;
        }

        String unsafeAt(int index) {
            return unsafe[index];
        }

        static ShellContexts of(String text) {
            String[] unsafe = new String[text.length() + 1];
            String state = null;            // null: plain shell text
            int depth = 0;                  // nesting of ${ } or (( )) while state says so
            List<String> pendingHeredocs = new ArrayList<>();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                unsafe[i] = state;
                if (state == null) {
                    if (c == '\\') {
                        i++;
                        if (i < text.length()) {
                            unsafe[i] = null;
                        }
                    } else if (c == '\'') {
                        state = "inside single quotes";
                    } else if (c == '"') {
                        state = "inside double quotes";
                    } else if (c == '`') {
                        state = "inside backticks";
                    } else if (c == '#' && (i == 0 || " \t\n;&|()<>".indexOf(text.charAt(i - 1)) >= 0)) {
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
                        i = skipHeredocBodies(text, i + 1, pendingHeredocs, unsafe) - 1;
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
                            i = skipHeredocBodies(text, i + 1, pendingHeredocs, unsafe) - 1;
                        }
                    }
                } else if (state.equals("inside ${...}")) {
                    depth += c == '{' ? 1 : c == '}' ? -1 : 0;
                    if (depth == 0) {
                        state = null;
                    }
                } else if (state.equals("inside arithmetic")) {
                    depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                    if (depth == 0) {
                        state = null;
                    }
                }
            }
            unsafe[text.length()] = state;
            return new ShellContexts(unsafe);
        }

        /** Reads the delimiter word after {@code <<} (or {@code <<-}); returns the index after it. */
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
            while (i < text.length() && " \t\n;&|()<>".indexOf(text.charAt(i)) < 0) {
                char c = text.charAt(i);
                if (c != '\'' && c != '"' && c != '\\') {
                    delimiter.append(c);
                }
                i++;
            }
            pending.add((stripTabs ? "-" : "+") + delimiter);
            return i;
        }

        /** Marks the bodies of the pending here-documents, which start at {@code from}; returns the index after them. */
        private static int skipHeredocBodies(String text, int from, List<String> pending, String[] unsafe) {
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
