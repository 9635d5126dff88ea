package org.udre.connectors.tsi;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A TSI release number such as {@code 11.2.1}, ordered numerically (10.10 is newer than 10.4). */
public record TsiVersion(int major, int minor, int patch) implements Comparable<TsiVersion> {
    // Releases are numbered x.y.z; builds append text such as "-SNAPSHOT" or "-1", which is ignored.
    private static final Pattern FORM = Pattern.compile("(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:[-+~][A-Za-z0-9.]*)?");

    public TsiVersion {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("version numbers must not be negative: " + major + "." + minor + "." + patch);
        }
    }

    public static TsiVersion parse(String text) {
        Matcher m = text == null ? null : FORM.matcher(text.trim());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("TSI version must look like 11.2.1, got '" + text + "'");
        }
        return new TsiVersion(Integer.parseInt(m.group(1)),
                m.group(2) == null ? 0 : Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
    }

    public boolean isAtLeast(TsiVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(TsiVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
