package org.udre.connectors.tsi;

/**
 * The TSI said {@code OK} but its two call-back connections did not arrive in time (it cannot reach our reply port,
 * or calls back from another address than the one we contacted).
 */
public class TsiNoCallbackException extends TsiException {
    public TsiNoCallbackException(String message) {
        super(message);
    }
}
