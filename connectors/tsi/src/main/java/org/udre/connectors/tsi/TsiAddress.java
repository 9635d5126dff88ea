package org.udre.connectors.tsi;

/**
 * Where a TSI's main process listens for {@code newtsiprocess} requests.
 *
 * @param host a name or an IP address (IPv6 without brackets)
 * @param port the TSI's port (the TSI's default is 4433)
 */
public record TsiAddress(String host, int port) {
    public TsiAddress {
        if (host == null || host.isBlank() || host.chars().anyMatch(c -> c <= ' ' || c == '/' || c == '[' || c == ']')) {
            throw new IllegalArgumentException("TSI host must be a name or an IP address, got '" + host + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("TSI port must be 1..65535, got " + port);
        }
    }

    /** Parses {@code host:port} or {@code [ipv6]:port}. */
    public static TsiAddress parse(String hostColonPort) {
        if (hostColonPort == null) {
            throw new IllegalArgumentException("TSI address must be host:port, got null");
        }
        String text = hostColonPort.trim();
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("TSI address must be host:port, got '" + hostColonPort + "'");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("an IPv6 TSI address needs brackets, as in [::1]:4433, got '" + hostColonPort + "'");
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("TSI port is not a number in '" + hostColonPort + "'");
        }
        return new TsiAddress(host, port);
    }

    @Override
    public String toString() {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
}
