package org.udre.connectors.tsi;

import java.time.Duration;

/**
 * How the client talks to TSIs.
 *
 * @param connectTimeout    TCP connect to the TSI's port and its {@code OK}; also the read timeout of the ping that
 *                          checks a pooled worker before reuse
 * @param callbackTimeout   how long to wait for the two call-backs after {@code OK} (the TSI sleeps ~1 s first)
 * @param readTimeout       longest wait for a reply on a worker (a long EXECUTESCRIPT blocks its worker this long)
 * @param replyBindAddress  where to listen for call-backs; blank = the local address of the connection to the TSI,
 *                          which is the address the TSI calls back to
 * @param replyPort         0 = an ephemeral listener per handshake (handshakes run in parallel); a fixed port (for a
 *                          firewall, or a TSI configured with {@code tsi.unicorex_port}) makes handshakes take turns
 * @param maxIdlePerAddress idle workers kept per TSI for reuse
 * @param tls               null = plain TCP, else TLS both ways
 * @param userMapping       which identities jobs may run as (root is refused regardless)
 */
public record TsiClientSettings(Duration connectTimeout, Duration callbackTimeout, Duration readTimeout,
                                String replyBindAddress, int replyPort, int maxIdlePerAddress, TlsSettings tls,
                                UserMapping userMapping) {
    public TsiClientSettings {
        positive("connect timeout", connectTimeout);
        positive("call-back timeout", callbackTimeout);
        positive("read timeout", readTimeout);
        replyBindAddress = replyBindAddress == null ? "" : replyBindAddress.trim();
        if (replyPort < 0 || replyPort > 65535) {
            throw new IllegalArgumentException("reply port must be 0 (ephemeral) or 1..65535, got " + replyPort);
        }
        if (maxIdlePerAddress < 0) {
            throw new IllegalArgumentException("max idle workers per address must not be negative, got " + maxIdlePerAddress);
        }
        if (userMapping == null) {
            throw new IllegalArgumentException("user mapping must not be null (use UserMapping.anyNonRootUser())");
        }
    }

    /** Plain TCP, any non-root user. */
    public TsiClientSettings(Duration connectTimeout, Duration callbackTimeout, Duration readTimeout,
                             String replyBindAddress, int replyPort, int maxIdlePerAddress) {
        this(connectTimeout, callbackTimeout, readTimeout, replyBindAddress, replyPort, maxIdlePerAddress, null,
                UserMapping.anyNonRootUser());
    }

    /** UNICORE/X's defaults: 10 s connect and call-back, 180 s read, 4 idle workers per TSI, ephemeral reply port. */
    public static TsiClientSettings defaults() {
        return new TsiClientSettings(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(180), "", 0, 4);
    }

    public TsiClientSettings withTimeouts(Duration connect, Duration callback, Duration read) {
        return new TsiClientSettings(connect, callback, read, replyBindAddress, replyPort, maxIdlePerAddress, tls, userMapping);
    }

    public TsiClientSettings withReplyListener(String bindAddress, int port) {
        return new TsiClientSettings(connectTimeout, callbackTimeout, readTimeout, bindAddress, port, maxIdlePerAddress, tls, userMapping);
    }

    public TsiClientSettings withMaxIdlePerAddress(int value) {
        return new TsiClientSettings(connectTimeout, callbackTimeout, readTimeout, replyBindAddress, replyPort, value, tls, userMapping);
    }

    public TsiClientSettings withTls(TlsSettings value) {
        return new TsiClientSettings(connectTimeout, callbackTimeout, readTimeout, replyBindAddress, replyPort, maxIdlePerAddress, value, userMapping);
    }

    public TsiClientSettings withUserMapping(UserMapping value) {
        return new TsiClientSettings(connectTimeout, callbackTimeout, readTimeout, replyBindAddress, replyPort, maxIdlePerAddress, tls, value);
    }

    private static void positive(String what, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + d);
        }
    }
}
