package org.udre.connectors.tsi.agent;

/** A command failed; the message becomes the {@code TSI_FAILED:} reason, as the TSI does with any exception text. */
final class AgentFailure extends Exception {
    AgentFailure(String reason) {
        super(reason, null, false, false);
    }
}
