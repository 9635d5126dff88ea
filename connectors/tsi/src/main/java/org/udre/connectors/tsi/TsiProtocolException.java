package org.udre.connectors.tsi;

/** The TSI sent something the protocol does not allow here; the connection is discarded. */
public class TsiProtocolException extends TsiException {
    public TsiProtocolException(String message) {
        super(message);
    }
}
