package org.udre.connectors.tsi;

/**
 * The TSI accepted the TCP connection and closed it without {@code OK}: our IP address is not in its list of allowed
 * addresses, our TLS certificate's DN is not allowed, or it did not understand the request.
 */
public class TsiRejectedException extends TsiException {
    public TsiRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
