package org.udre.connectors.libvirt;

import java.util.regex.Pattern;

/**
 * The one rule for names UDRE gives to libvirt objects (domains, pools, volumes, networks).
 *
 * <p>Stricter than libvirt itself on purpose: these names also end up in file paths, in qemu-img and virsh command
 * lines and in log lines, where slashes, spaces, a leading dash or non-ASCII letters cause trouble. The rule holds
 * for what UDRE creates; looking up, inspecting and removing accept any name libvirt may hold, because a host can
 * carry domains and volumes that others made (and an orphan sweep must be able to read them).
 */
final class LibvirtNames {
    static final int MAX_LENGTH = 100;
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0," + (MAX_LENGTH - 1) + "}");

    private LibvirtNames() {
    }

    /** @param what what the name names, for the message, e.g. "domain name" */
    static String require(String what, String name) {
        if (name == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        if (!SAFE.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " " + quote(name) + " is not a libvirt-safe name: use 1 to "
                    + MAX_LENGTH + " characters from A-Z a-z 0-9 . _ - starting with a letter or digit");
        }
        return name;
    }

    /** For lookups: any name libvirt could hold, but not none. */
    static String requireGiven(String what, String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(what + " is missing: got " + (name == null ? "null" : "''"));
        }
        return name;
    }

    /** Quotes a value for an error message, making invisible characters visible. */
    static String quote(String value) {
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('\'');
        value.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                quoted.append(String.format("\\u%04x", c));
            } else {
                quoted.appendCodePoint(c);
            }
        });
        return quoted.append('\'').toString();
    }
}
