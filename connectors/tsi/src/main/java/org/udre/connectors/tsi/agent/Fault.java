package org.udre.connectors.tsi.agent;

/** Misbehaviour the agent can be switched to, to show how a client copes with a TSI that fails in each known way. */
public enum Fault {
    /** Behave like the real TSI. */
    NONE,
    /** Stop listening: connections are refused, as when the TSI is not started yet. */
    REFUSE_CONNECTIONS,
    /** Accept and close without a word, as the TSI does for an address it does not allow. */
    REJECT_CONNECTIONS,
    /** Say {@code OK} but never call back, as when the TSI cannot reach the client's reply port. */
    NEVER_CALL_BACK,
    /** Call back from another local address (127.0.0.2 for loopback) than the one the client contacted. */
    CALL_BACK_FROM_OTHER_ADDRESS,
    /** Send the first line of a reply, then close the worker's sockets. */
    DROP_MID_REPLY,
    /** Wait {@link AgentSettings#slowReplyDelay()} before answering each command. */
    SLOW_REPLIES,
    /** Answer every command except {@code TSI_PING} with {@code TSI_FAILED}, keeping the worker alive. */
    ANSWER_FAILED
}
