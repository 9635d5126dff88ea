package org.udre.connectors.tsi;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.udre.connectors.tsi.wire.LineReader;
import org.udre.connectors.tsi.wire.Wire;

/**
 * One TSI worker process, reached through its command socket (text) and data socket (raw file bytes). One command at a
 * time. Any I/O error or timeout marks it broken: the protocol cannot be resynchronised, so it is never reused.
 */
final class WorkerConnection implements AutoCloseable {
    private static final int DATA_BUFFER = 64 * 1024;

    private final TsiAddress address;
    private final Socket command;
    private final Socket data;
    private final LineReader commandIn;
    private final InputStream commandStream;
    private final OutputStream commandOut;
    private final InputStream dataIn;
    private final OutputStream dataOut;
    private final Duration readTimeout;
    private volatile boolean broken;
    private volatile String version;

    WorkerConnection(TsiAddress address, Socket command, Socket data, Duration readTimeout) throws IOException {
        this.address = address;
        this.command = command;
        this.data = data;
        this.readTimeout = readTimeout;
        this.commandStream = new BufferedInputStream(command.getInputStream());
        this.commandIn = new LineReader(commandStream);
        this.commandOut = new BufferedOutputStream(command.getOutputStream());
        this.dataIn = new BufferedInputStream(data.getInputStream(), DATA_BUFFER);
        this.dataOut = new BufferedOutputStream(data.getOutputStream(), DATA_BUFFER);
        setReadTimeout(readTimeout);
    }

    TsiAddress address() {
        return address;
    }

    boolean broken() {
        return broken;
    }

    /** The version the last ping reported, null before the first ping. */
    String version() {
        return version;
    }

    /**
     * Sends {@code body} as {@code who} and returns the payload of a {@code TSI_OK} reply.
     *
     * @param command the tag, for messages
     */
    List<String> call(String command, String body, Identity who) {
        send(command, body, who);
        return Replies.payload(command, readReply(command));
    }

    /** Pings with the given read timeout and records the version. */
    String ping(Identity who, Duration timeout) {
        try {
            setReadTimeout(timeout);
            version = Replies.single("TSI_PING", call("TSI_PING", Requests.ping(), who));
            return version;
        } finally {
            if (!broken) {
                setReadTimeout(readTimeout);
            }
        }
    }

    /** Whether bytes are waiting that no request asked for: the connection is out of step and must not be reused. */
    boolean hasStrayInput() {
        try {
            return commandStream.available() > 0 || dataIn.available() > 0;
        } catch (IOException e) {
            broken = true;
            return true;
        }
    }

    void send(String command, String body, Identity who) {
        byte[] bytes = (body + "\n" + Wire.IDENTITY_PREFIX + who + "\n\n" + Wire.END + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            commandOut.write(bytes);
            commandOut.flush();
        } catch (IOException e) {
            throw lost("sending " + command, e);
        }
    }

    List<String> readReply(String command) {
        try {
            return commandIn.readMessage();
        } catch (IOException e) {
            throw lost("reading the reply to " + command, e);
        }
    }

    /** The second {@code ENDOFMESSAGE} that follows the raw bytes of a file chunk. */
    void expectEndAfterData(String command) {
        String line;
        try {
            line = commandIn.readLine();
        } catch (IOException e) {
            throw lost("waiting for the end of " + command, e);
        }
        if (!Wire.END.equals(line)) {
            broken = true;
            throw new TsiProtocolException("expected " + Wire.END + " after the data of " + command + " from " + address
                    + ", got " + (line == null ? "end of stream" : "'" + line + "'"));
        }
    }

    /** Reads exactly {@code count} bytes from the data socket into {@code sink}. */
    void receiveData(long count, OutputStream sink) throws IOException {
        byte[] buffer = new byte[(int) Math.min(DATA_BUFFER, Math.max(count, 1))];
        long remaining = count;
        while (remaining > 0) {
            int n;
            try {
                n = dataIn.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            } catch (IOException e) {
                throw lost("receiving file data", e);
            }
            if (n < 0) {
                broken = true;
                throw new TsiConnectionLostException("data socket of " + address + " closed with " + remaining
                        + " of " + count + " bytes missing", null);
            }
            sink.write(buffer, 0, n);
            remaining -= n;
        }
    }

    /** Sends exactly these bytes on the data socket. */
    void sendData(byte[] bytes, int length) {
        try {
            dataOut.write(bytes, 0, length);
            dataOut.flush();
        } catch (IOException e) {
            throw lost("sending file data", e);
        }
    }

    private void setReadTimeout(Duration timeout) {
        try {
            int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
            command.setSoTimeout(millis);
            data.setSoTimeout(millis);
        } catch (SocketException e) {
            throw lost("setting the read timeout", e);
        }
    }

    private TsiConnectionLostException lost(String what, IOException e) {
        broken = true;
        close();
        String why = e instanceof SocketTimeoutException ? "no answer within the read timeout" : e.getMessage();
        return new TsiConnectionLostException("connection to TSI " + address + " lost while " + what + ": " + why, e);
    }

    @Override
    public void close() {
        broken = true;
        closeQuietly(command);
        closeQuietly(data);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing a socket that is already gone is the expected case here
        }
    }
}
