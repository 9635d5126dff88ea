package org.udre.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A version such as {@code 1.10}, {@code 10.4.0} or {@code 2.0-rc1}: dot-separated numbers, optionally followed by
 * {@code -} and a pre-release label. Ordered numerically segment by segment ({@code 1.10 > 1.9}); missing segments
 * count as zero; a pre-release comes before its release ({@code 2.0-rc1 < 2.0}).
 *
 * <p>Two versions that differ only in spelling ({@code 1.0} and {@code 1.0.0}) are ordered by their text so that
 * the order agrees with {@link #equals}; they stay distinct versions, as they are distinct in a reference.
 */
public final class Version implements Comparable<Version> {

    /** The grammar; the JSON Schema's {@code version} definition uses the same expression (a test holds them equal). */
    static final Pattern PATTERN = Pattern.compile("^[0-9]+(\\.[0-9]+)*(-[0-9A-Za-z]+(\\.[0-9A-Za-z]+)*)?$");

    private static final Pattern DIGITS_OR_OTHERS = Pattern.compile("[0-9]+|[^0-9]+");

    private final String text;
    private final List<String> numbers;
    private final String preRelease;

    private Version(String text) {
        this.text = text;
        int dash = text.indexOf('-');
        String release = dash < 0 ? text : text.substring(0, dash);
        this.preRelease = dash < 0 ? "" : text.substring(dash + 1);
        this.numbers = List.of(release.split("\\."));
    }

    /** @throws IllegalArgumentException quoting {@code text} when it is not a version */
    public static Version parse(String text) {
        Objects.requireNonNull(text, "version text");
        if (!PATTERN.matcher(text).matches()) {
            throw new IllegalArgumentException("not a version: \"" + text
                    + "\"; expected dot-separated numbers, optionally followed by '-' and a label (e.g. 1.10, 2.0-rc1)");
        }
        return new Version(text);
    }

    @Override
    public int compareTo(Version other) {
        int byNumbers = compareNumbers(numbers, other.numbers);
        if (byNumbers != 0) {
            return byNumbers;
        }
        int byPreRelease = comparePreRelease(preRelease, other.preRelease);
        return byPreRelease != 0 ? byPreRelease : text.compareTo(other.text);
    }

    /**
     * The release order without the tie-break on spelling: {@code 1.0} and {@code 1.0.0} compare as equal here, as
     * they should when a version is checked against a range such as {@code <=1.0}.
     */
    public int compareRelease(Version other) {
        int byNumbers = compareNumbers(numbers, other.numbers);
        return byNumbers != 0 ? byNumbers : comparePreRelease(preRelease, other.preRelease);
    }

    /** Whether {@code text} is a version this class can parse. */
    public static boolean isVersion(String text) {
        return text != null && PATTERN.matcher(text).matches();
    }

    private static int compareNumbers(List<String> left, List<String> right) {
        for (int i = 0; i < Math.max(left.size(), right.size()); i++) {
            int c = compareDigits(i < left.size() ? left.get(i) : "0", i < right.size() ? right.get(i) : "0");
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Compares digit strings of any length by value: no overflow for a segment like 20240101120000. */
    private static int compareDigits(String left, String right) {
        String l = stripLeadingZeros(left);
        String r = stripLeadingZeros(right);
        return l.length() != r.length() ? Integer.compare(l.length(), r.length()) : l.compareTo(r);
    }

    private static String stripLeadingZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }

    /** No label is a release and sorts last; labels compare naturally, so rc2 comes before rc10. */
    private static int comparePreRelease(String left, String right) {
        if (left.isEmpty() || right.isEmpty()) {
            return Boolean.compare(left.isEmpty(), right.isEmpty());
        }
        List<String> l = chunks(left);
        List<String> r = chunks(right);
        for (int i = 0; i < Math.min(l.size(), r.size()); i++) {
            String a = l.get(i);
            String b = r.get(i);
            boolean bothNumbers = Character.isDigit(a.charAt(0)) && Character.isDigit(b.charAt(0));
            int c = bothNumbers ? compareDigits(a, b) : a.compareTo(b);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(l.size(), r.size());
    }

    private static List<String> chunks(String label) {
        List<String> chunks = new ArrayList<>();
        var matcher = DIGITS_OR_OTHERS.matcher(label);
        while (matcher.find()) {
            chunks.add(matcher.group());
        }
        return chunks;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Version v && v.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
