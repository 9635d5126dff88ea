package org.udre.connectors.tsi.wire;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads LF-terminated UTF-8 lines from the command socket. A byte-wise reader (not a {@code BufferedReader}) so that a
 * caller can mix it with exact byte counts and never loses bytes to a decoder's read-ahead.
 */
public final class LineReader {
    /** Longest line accepted: a reply line holds at most one script output, which is bounded by what a worker may print. */
    private static final int MAX_LINE_BYTES = 64 * 1024 * 1024;

    private final InputStream in;

    /** @param in a buffered stream; this reader takes ownership of its position */
    public LineReader(InputStream in) {
        this.in = in;
    }

    /** The next line without its LF, or {@code null} at end of stream before any byte of a new line. */
    public String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (line.size() == 0) {
                    return null;
                }
                throw new EOFException("stream ended inside a line: '" + line.toString(StandardCharsets.UTF_8) + "'");
            }
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            if (line.size() >= MAX_LINE_BYTES) {
                throw new IOException("line longer than " + MAX_LINE_BYTES + " bytes");
            }
            line.write(b);
        }
    }

    /**
     * Lines up to (not including) the next line that is exactly {@code ENDOFMESSAGE}.
     *
     * @throws EOFException if the stream ends first; a partial message is never returned as a whole one
     */
    public List<String> readMessage() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = readLine();
            if (line == null) {
                throw new EOFException(lines.isEmpty()
                        ? "connection closed"
                        : "connection closed after " + lines.size() + " lines, before " + Wire.END);
            }
            if (line.equals(Wire.END)) {
                return lines;
            }
            lines.add(line);
        }
    }
}
