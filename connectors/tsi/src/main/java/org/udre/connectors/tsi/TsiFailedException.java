package org.udre.connectors.tsi;

/** The TSI answered {@code TSI_FAILED: <reason>}. The connection stays usable. */
public class TsiFailedException extends TsiException {
    private final String command;
    private final String reason;

    public TsiFailedException(String command, String reason) {
        super(command + " failed on the TSI: " + reason);
        this.command = command;
        this.reason = reason;
    }

    /** The command tag, e.g. {@code TSI_SUBMIT}. */
    public String command() {
        return command;
    }

    /** The TSI's reason text exactly as sent (line breaks inside it were turned into ':' by the TSI). */
    public String reason() {
        return reason;
    }
}
