package org.udre.catalog;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The versions a requirement accepts: constraints separated by commas, all of which must hold, e.g.
 * {@code >=5.1,<6}. Each constraint is an operator ({@code =}, {@code !=}, {@code >}, {@code >=}, {@code <},
 * {@code <=}; none means {@code =}) and a {@link Version}. Versions compare by release, numerically segment by
 * segment with missing segments as zero, so {@code =5.1} accepts {@code 5.1.0} and {@code >=5.1,<6} accepts
 * {@code 5.10} but not {@code 6.0} or {@code 6.0-rc1}.
 */
public final class VersionRange {

    private static final String VERSION = "[0-9]+(\\.[0-9]+)*(-[0-9A-Za-z]+(\\.[0-9A-Za-z]+)*)?";
    private static final String CONSTRAINT = "(=|!=|>=|<=|>|<)?\\s*" + VERSION + "\\s*";
    /** The grammar; the requirements schema's {@code versionRange} uses the same expression (a test holds them equal). */
    static final Pattern PATTERN = Pattern.compile("^\\s*" + CONSTRAINT + "(,\\s*" + CONSTRAINT + ")*$");
    private static final Pattern ONE = Pattern.compile("\\s*(=|!=|>=|<=|>|<)?\\s*(" + VERSION + ")\\s*");

    /** Every version. */
    public static final VersionRange ANY = new VersionRange("", List.of());

    private enum Operator {
        EQ("="), NE("!="), GT(">"), GE(">="), LT("<"), LE("<=");

        final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        static Operator of(String symbol) {
            for (Operator op : values()) {
                if (op.symbol.equals(symbol)) {
                    return op;
                }
            }
            return EQ;
        }

        boolean holds(int comparison) {
            return switch (this) {
                case EQ -> comparison == 0;
                case NE -> comparison != 0;
                case GT -> comparison > 0;
                case GE -> comparison >= 0;
                case LT -> comparison < 0;
                case LE -> comparison <= 0;
            };
        }
    }

    private record Constraint(Operator operator, Version version) {
        boolean holds(Version candidate) {
            return operator.holds(candidate.compareRelease(version));
        }

        @Override
        public String toString() {
            return operator.symbol + version;
        }
    }

    private final String text;
    private final List<Constraint> constraints;

    private VersionRange(String text, List<Constraint> constraints) {
        this.text = text;
        this.constraints = constraints;
    }

    /**
     * @param text e.g. {@code >=5.1,<6}; null or blank means any version
     * @throws IllegalArgumentException quoting {@code text} when it is not a range
     */
    public static VersionRange parse(String text) {
        if (text == null || text.isBlank()) {
            return ANY;
        }
        if (!PATTERN.matcher(text).matches()) {
            throw new IllegalArgumentException("not a version range: \"" + text + "\"; expected comma-separated "
                    + "constraints such as >=5.1,<6, each an operator (=, !=, >, >=, <, <=) and a version");
        }
        List<Constraint> constraints = new ArrayList<>();
        for (String part : text.split(",")) {
            Matcher m = ONE.matcher(part);
            if (!m.matches()) {
                throw new IllegalStateException("the range pattern accepted \"" + text + "\" but not its part \"" + part + "\"");
            }
            constraints.add(new Constraint(Operator.of(m.group(1) == null ? "=" : m.group(1)), Version.parse(m.group(2))));
        }
        List<String> shown = constraints.stream().map(Constraint::toString).toList();
        return new VersionRange(String.join(",", shown), List.copyOf(constraints));
    }

    public boolean isAny() {
        return constraints.isEmpty();
    }

    public boolean includes(Version version) {
        Objects.requireNonNull(version, "version");
        return constraints.stream().allMatch(c -> c.holds(version));
    }

    /** Whether the text is a version in this range; text that is no version is in the range only if it is any. */
    public boolean includes(String versionText) {
        return isAny() || Version.isVersion(versionText) && includes(Version.parse(versionText));
    }

    /** The range in its normal spelling, e.g. {@code >=5.1,<6}; empty for any version. */
    @JsonValue
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VersionRange r && r.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
