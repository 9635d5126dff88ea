package org.udre.connectors.tsi.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.udre.connectors.tsi.TlsSettings;

/**
 * How the agent listens and behaves; the names in brackets are the real TSI's configuration keys.
 *
 * @param bindAddress      where to listen (tsi.my_addr); an IPv4 address avoids the TSI's dual-stack pitfall
 * @param port             where to listen (tsi.my_port); 0 = an ephemeral port, see {@link TsiAgent#port()}
 * @param allowedAddresses names or addresses of clients allowed to connect (tsi.unicorex_machine), resolved at start
 * @param callbackDelay    pause between {@code OK} and the call-backs; the real TSI sleeps 1 s
 * @param safeDir          working directory of scripts (tsi.safe_dir)
 * @param version          what {@code TSI_PING} answers
 * @param tls              null = plain TCP (tsi.keystore unset), else TLS server on the port, TLS client on call-backs
 * @param allowedSubjects  with TLS: DNs such as {@code CN=udre,O=Example}; a client certificate must contain every
 *                         RDN of one of them (tsi.allowed_dn.N); empty = any certificate the trust store accepts
 * @param slowReplyDelay   the delay of {@link Fault#SLOW_REPLIES}
 * @param switchUser       (tsi.switch_uid) run every command as the user of its {@code #TSI_IDENTITY} line, with the
 *                         TSI's checks (identity present, user known, not root); needs an agent running as root.
 *                         False = unprivileged: the identity line is ignored
 * @param loginShell       (tsi.use_login_shell) run scripts with {@code bash -l}, reading the profile files, as the
 *                         TSI does by default
 */
public record AgentSettings(String bindAddress, int port, List<String> allowedAddresses, Duration callbackDelay,
                            Path safeDir, String version, TlsSettings tls, List<String> allowedSubjects,
                            Duration slowReplyDelay, boolean switchUser,
                            boolean loginShell) {
    public AgentSettings {
        if (bindAddress == null || bindAddress.isBlank()) {
            throw new IllegalArgumentException("bind address must be an address, got '" + bindAddress + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (allowedAddresses == null || allowedAddresses.isEmpty() || allowedAddresses.stream().anyMatch(a -> a == null || a.isBlank())) {
            throw new IllegalArgumentException("allowed addresses must name at least one client, got " + allowedAddresses);
        }
        allowedAddresses = List.copyOf(allowedAddresses);
        if (callbackDelay == null || callbackDelay.isNegative()) {
            throw new IllegalArgumentException("call-back delay must be zero or positive, got " + callbackDelay);
        }
        if (safeDir == null || !safeDir.isAbsolute()) {
            throw new IllegalArgumentException("safe dir must be an absolute path, got " + safeDir);
        }
        if (version == null || !version.matches("\\d+(\\.\\d+)*([-.][A-Za-z0-9.]+)?")) {
            throw new IllegalArgumentException("version must look like 11.2.1, got '" + version + "'");
        }
        allowedSubjects = allowedSubjects == null ? List.of() : List.copyOf(allowedSubjects);
        if (!allowedSubjects.isEmpty() && tls == null) {
            throw new IllegalArgumentException("allowed subjects need TLS, got " + allowedSubjects + " without TLS settings");
        }
        if (slowReplyDelay == null || slowReplyDelay.isNegative()) {
            throw new IllegalArgumentException("slow reply delay must be zero or positive, got " + slowReplyDelay);
        }
    }

    public AgentSettings withSwitchUser(boolean value) {
        return new AgentSettings(bindAddress, port, allowedAddresses, callbackDelay, safeDir, version, tls, allowedSubjects, slowReplyDelay, value, loginShell);
    }

    public AgentSettings withLoginShell(boolean value) {
        return new AgentSettings(bindAddress, port, allowedAddresses, callbackDelay, safeDir, version, tls, allowedSubjects, slowReplyDelay, switchUser, value);
    }

    /** Plain TCP, no DN list, 5 s slow-reply delay, unprivileged, login shell. */
    public AgentSettings(String bindAddress, int port, List<String> allowedAddresses, Duration callbackDelay,
                         Path safeDir, String version) {
        this(bindAddress, port, allowedAddresses, callbackDelay, safeDir, version, null, List.of(), Duration.ofSeconds(5), false, true);
    }

    /** Loopback only, an ephemeral port, the real TSI's 1 s call-back delay, /tmp, version 11.2.1. */
    public static AgentSettings defaults() {
        return new AgentSettings("127.0.0.1", 0, List.of("127.0.0.1"), Duration.ofSeconds(1), Path.of("/tmp"), "11.2.1");
    }

    public AgentSettings withListener(String address, int listenPort) {
        return new AgentSettings(address, listenPort, allowedAddresses, callbackDelay, safeDir, version, tls, allowedSubjects, slowReplyDelay, switchUser, loginShell);
    }

    public AgentSettings withAllowedAddresses(List<String> value) {
        return new AgentSettings(bindAddress, port, value, callbackDelay, safeDir, version, tls, allowedSubjects, slowReplyDelay, switchUser, loginShell);
    }

    public AgentSettings withCallbackDelay(Duration value) {
        return new AgentSettings(bindAddress, port, allowedAddresses, value, safeDir, version, tls, allowedSubjects, slowReplyDelay, switchUser, loginShell);
    }

    public AgentSettings withSafeDir(Path value) {
        return new AgentSettings(bindAddress, port, allowedAddresses, callbackDelay, value, version, tls, allowedSubjects, slowReplyDelay, switchUser, loginShell);
    }

    public AgentSettings withVersion(String value) {
        return new AgentSettings(bindAddress, port, allowedAddresses, callbackDelay, safeDir, value, tls, allowedSubjects, slowReplyDelay, switchUser, loginShell);
    }

    public AgentSettings withTls(TlsSettings value, List<String> subjects) {
        return new AgentSettings(bindAddress, port, allowedAddresses, callbackDelay, safeDir, version, value, subjects, slowReplyDelay, switchUser, loginShell);
    }

    public AgentSettings withSlowReplyDelay(Duration value) {
        return new AgentSettings(bindAddress, port, allowedAddresses, callbackDelay, safeDir, version, tls, allowedSubjects, value, switchUser, loginShell);
    }
}
