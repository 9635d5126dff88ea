package org.udre.connectors.tsi;

/** No TCP connection to the TSI's port could be made, or it did not answer the request line in time. */
public class TsiUnreachableException extends TsiException {
    public TsiUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
