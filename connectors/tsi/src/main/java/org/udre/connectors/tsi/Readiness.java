package org.udre.connectors.tsi;

/**
 * The answer to "is this TSI ready for jobs?", as a condition with a reason rather than an exception.
 *
 * @param status  why it is, or is not, ready
 * @param version the TSI's version when it answered a ping, else {@code null}
 * @param detail  a sentence for operators, quoting what was seen
 */
public record Readiness(Status status, String version, String detail) {
    public enum Status {
        /** Handshake and ping worked and the version is new enough. */
        READY,
        /** Nothing accepted the TCP connection (not started yet, wrong address, firewall). */
        UNREACHABLE,
        /** The TSI closed the connection without {@code OK}: our address (or TLS certificate) is not allowed. */
        REJECTED,
        /** The TSI said {@code OK} but never called back: it cannot reach our reply port. */
        NO_CALLBACK,
        /** It works but is older than the image metadata allows. */
        TOO_OLD,
        /** Anything else: broken replies, TLS failure, a ping answered with TSI_FAILED. */
        FAILED
    }

    public Readiness {
        if (status == null) {
            throw new IllegalArgumentException("readiness status must not be null");
        }
        if (detail == null || detail.isBlank()) {
            throw new IllegalArgumentException("readiness detail must say what was seen, got '" + detail + "'");
        }
    }

    public boolean ready() {
        return status == Status.READY;
    }
}
