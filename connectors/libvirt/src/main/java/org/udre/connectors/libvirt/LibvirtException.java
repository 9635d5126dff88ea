package org.udre.connectors.libvirt;

import java.util.Objects;

import org.libvirt.Error.ErrorNumber;

/**
 * A libvirt operation that failed, saying what was attempted, on which object and on which host.
 *
 * <p>{@link #reason()} classifies the failure from libvirt's error code (never from message text), so callers can
 * tell "that does not exist" from "the host refused" from "the host is unreachable" without parsing messages.
 * The constructor is public so that tests elsewhere can inject the failures a real host would report.
 */
public class LibvirtException extends RuntimeException {

    /** Why an operation failed, as far as a caller can act on it. */
    public enum Reason {
        /** The domain, pool, volume or network named does not exist. */
        NOT_FOUND,
        /** The host's driver cannot do this at all. */
        UNSUPPORTED,
        /** The host understood the request and turned it down (invalid definition, wrong state, no permission). */
        REFUSED,
        /** The host could not be reached, or the connection to it broke. */
        CONNECTION,
        /** Anything else; the message carries libvirt's own words. */
        OTHER;

        static Reason of(ErrorNumber code) {
            if (code == null) {
                return OTHER;
            }
            return switch (code) {
                case VIR_ERR_NO_DOMAIN, VIR_ERR_NO_STORAGE_POOL, VIR_ERR_NO_STORAGE_VOL, VIR_ERR_NO_NETWORK,
                        VIR_ERR_NO_INTERFACE, VIR_ERR_NO_SECRET, VIR_ERR_NO_NODE_DEVICE, VIR_ERR_NO_DOMAIN_SNAPSHOT,
                        VIR_ERR_NO_DOMAIN_METADATA, VIR_ERR_NO_NWFILTER -> NOT_FOUND;
                case VIR_ERR_NO_SUPPORT, VIR_ERR_OPERATION_UNSUPPORTED, VIR_ERR_ARGUMENT_UNSUPPORTED,
                        VIR_ERR_CONFIG_UNSUPPORTED -> UNSUPPORTED;
                case VIR_ERR_INVALID_ARG, VIR_ERR_XML_ERROR, VIR_ERR_XML_DETAIL, VIR_ERR_XML_INVALID_SCHEMA,
                        VIR_ERR_OPERATION_INVALID, VIR_ERR_OPERATION_DENIED, VIR_ERR_ACCESS_DENIED, VIR_ERR_DOM_EXIST,
                        VIR_ERR_STORAGE_VOL_EXIST, VIR_ERR_OS_TYPE, VIR_ERR_CPU_INCOMPATIBLE, VIR_ERR_RESOURCE_BUSY
                        -> REFUSED;
                case VIR_ERR_NO_CONNECT, VIR_ERR_INVALID_CONN, VIR_ERR_RPC, VIR_ERR_AUTH_FAILED,
                        VIR_ERR_AUTH_CANCELLED, VIR_ERR_AUTH_UNAVAILABLE, VIR_ERR_NO_SERVER, VIR_ERR_SSH,
                        VIR_ERR_LIBSSH, VIR_ERR_GNUTLS_ERROR, VIR_ERR_OPERATION_TIMEOUT -> CONNECTION;
                default -> OTHER;
            };
        }
    }

    private final String operation;
    private final String subject;
    private final String uri;
    private final Reason reason;

    /**
     * @param operation what was attempted, e.g. "start"
     * @param subject   what it was attempted on, e.g. "domain 'vm-1'"
     * @param uri       the host's libvirt URI
     * @param reason    why it failed
     * @param detail    what the host (or this connector) said
     */
    public LibvirtException(String operation, String subject, String uri, Reason reason, String detail) {
        this(operation, subject, uri, reason, detail, null);
    }

    LibvirtException(String operation, String subject, String uri, org.libvirt.LibvirtException cause) {
        this(operation, subject, uri, reason(cause, Reason.OTHER), cause.getMessage(), cause);
    }

    /** For failures whose reason is known whatever libvirt's code says (e.g. a connection that cannot be opened). */
    LibvirtException(String operation, String subject, String uri, Reason reason,
                     org.libvirt.LibvirtException cause) {
        this(operation, subject, uri, reason, cause.getMessage(), cause);
    }

    private LibvirtException(String operation, String subject, String uri, Reason reason, String detail,
                             Throwable cause) {
        super(operation + " " + subject + " on " + uri + " failed: " + detail, cause);
        this.operation = Objects.requireNonNull(operation, "operation");
        this.subject = Objects.requireNonNull(subject, "subject");
        this.uri = Objects.requireNonNull(uri, "uri");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The reason libvirt's error code gives, or {@code fallback} when the exception carries no error. */
    static Reason reason(org.libvirt.LibvirtException e, Reason fallback) {
        return e.getError() == null ? fallback : Reason.of(e.getError().getCode());
    }

    /** libvirt's error code of {@code e}, or {@link ErrorNumber#VIR_ERR_UNKNOWN} when it has none. */
    static ErrorNumber code(org.libvirt.LibvirtException e) {
        return e.getError() == null || e.getError().getCode() == null ? ErrorNumber.VIR_ERR_UNKNOWN
                : e.getError().getCode();
    }

    public String operation() {
        return operation;
    }

    public String subject() {
        return subject;
    }

    public String uri() {
        return uri;
    }

    public Reason reason() {
        return reason;
    }
}
