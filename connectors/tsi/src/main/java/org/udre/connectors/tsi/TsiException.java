package org.udre.connectors.tsi;

/** Something went wrong talking to a TSI. The subclasses say what, so that a caller can decide to retry or give up. */
public class TsiException extends RuntimeException {
    public TsiException(String message) {
        super(message);
    }

    public TsiException(String message, Throwable cause) {
        super(message, cause);
    }
}
