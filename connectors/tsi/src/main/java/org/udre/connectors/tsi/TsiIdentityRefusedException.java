package org.udre.connectors.tsi;

/** The client refused to act as this identity (root, or not permitted by the user mapping); nothing was sent. */
public class TsiIdentityRefusedException extends TsiException {
    public TsiIdentityRefusedException(String message) {
        super(message);
    }
}
