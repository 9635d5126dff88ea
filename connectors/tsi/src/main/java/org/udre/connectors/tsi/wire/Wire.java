package org.udre.connectors.tsi.wire;

import java.nio.charset.StandardCharsets;

/** The fixed words and byte rules of the TSI command socket, shared by the client and the agent. */
public final class Wire {
    /** Ends every request and every reply; also sent once more after the raw bytes of a file chunk. */
    public static final String END = "ENDOFMESSAGE";
    /** First line of a successful reply (TSI 11.x; 10.x left it out for some commands). */
    public static final String OK = "TSI_OK";
    /** Prefix of the single line that reports a failure; the rest of the line is the reason. */
    public static final String FAILED_PREFIX = "TSI_FAILED: ";
    /** Line that carries the user and groups a command runs as. */
    public static final String IDENTITY_PREFIX = "#TSI_IDENTITY ";
    /** Every command tag and parameter starts with this. */
    public static final String TAG_PREFIX = "#TSI_";

    private Wire() {
    }

    /** Text on the command socket is UTF-8 with LF line ends; this is the byte form of one line. */
    public static byte[] line(String text) {
        return (text + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
