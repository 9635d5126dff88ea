package org.udre.connectors.tsi;

/**
 * The worker connection broke or timed out while a command was under way. The command may or may not have taken
 * effect on the TSI (a submit may have started a job): callers that must not repeat an effect look before retrying.
 */
public class TsiConnectionLostException extends TsiException {
    public TsiConnectionLostException(String message, Throwable cause) {
        super(message, cause);
    }
}
