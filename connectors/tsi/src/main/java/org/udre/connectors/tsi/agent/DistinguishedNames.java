package org.udre.connectors.tsi.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The TSI's check of a client certificate: a subject is allowed if it contains every RDN of one allowed DN (so
 * {@code O=Example} allows every certificate of that organisation). Parsed by hand: javax.naming is not in java.base.
 */
final class DistinguishedNames {
    private DistinguishedNames() {
    }

    /** @param subject RFC 2253 form; an empty allowed list allows everyone the trust store accepts */
    static boolean allowed(String subject, List<String> allowedDns) {
        if (allowedDns.isEmpty()) {
            return true;
        }
        List<String> have = rdns(subject);
        return allowedDns.stream().anyMatch(dn -> have.containsAll(rdns(dn)));
    }

    /** "type=value" parts, types upper-cased, blanks around separators removed, escapes kept. */
    static List<String> rdns(String dn) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < dn.length(); i++) {
            char c = dn.charAt(i);
            if (c == '\\' && i + 1 < dn.length()) {
                current.append(c).append(dn.charAt(++i));
            } else if (c == ',' || c == '+' || c == ';') {
                add(parts, current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        add(parts, current.toString());
        return parts;
    }

    private static void add(List<String> parts, String rdn) {
        int eq = rdn.indexOf('=');
        if (eq > 0) {
            parts.add(rdn.substring(0, eq).trim().toUpperCase(Locale.ROOT) + "=" + rdn.substring(eq + 1).trim());
        }
    }
}
