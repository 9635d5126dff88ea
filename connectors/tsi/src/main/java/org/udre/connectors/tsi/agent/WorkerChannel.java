package org.udre.connectors.tsi.agent;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.List;
import java.util.function.Supplier;
import org.udre.connectors.tsi.wire.LineReader;
import org.udre.connectors.tsi.wire.Wire;

/**
 * A worker's two sockets with the TSI's way of writing replies: {@code ok(x)} is {@code TSI_OK}, LF, x, LF;
 * {@code ok(null)} is {@code TSI_OK}, LF; {@code failed(r)} is one line with every LF of r turned into ':'.
 * The {@link Fault#DROP_MID_REPLY} fault is applied here, where the bytes leave.
 */
final class WorkerChannel implements AutoCloseable {
    private final Socket command;
    private final Socket data;
    private final LineReader commandIn;
    private final OutputStream commandOut;
    private final InputStream dataIn;
    private final OutputStream dataOut;
    private final Supplier<Fault> fault;
    private boolean replyStarted;

    /** Thrown when the worker must end now (fault injection); the sockets are closed. */
    static final class Dropped extends IOException {
        Dropped() {
            super("dropped by fault injection", null);
        }
    }

    WorkerChannel(Socket command, Socket data, Supplier<Fault> fault) throws IOException {
        this.command = command;
        this.data = data;
        this.commandIn = new LineReader(new BufferedInputStream(command.getInputStream()));
        this.commandOut = new BufferedOutputStream(command.getOutputStream());
        this.dataIn = new BufferedInputStream(data.getInputStream(), 64 * 1024);
        this.dataOut = new BufferedOutputStream(data.getOutputStream(), 64 * 1024);
        this.fault = fault;
    }

    List<String> readMessage() throws IOException {
        return commandIn.readMessage();
    }

    void ok(String payload) throws IOException {
        line(payload == null ? Wire.OK : Wire.OK + "\n" + payload);
    }

    void failed(String reason) throws IOException {
        line("TSI_FAILED: " + (reason == null ? "" : reason.replace("\n", ":")));
    }

    /** Writes text plus LF on the command socket. */
    void line(String text) throws IOException {
        byte[] bytes = Wire.line(text);
        if (!replyStarted && fault.get() == Fault.DROP_MID_REPLY) {
            int firstLine = text.indexOf('\n');
            String head = firstLine < 0 ? text : text.substring(0, firstLine);
            commandOut.write(Wire.line(head));
            commandOut.flush();
            close();
            throw new Dropped();
        }
        replyStarted = true;
        commandOut.write(bytes);
    }

    /** Ends the reply with {@code ENDOFMESSAGE}. */
    void end() throws IOException {
        line(Wire.END);
        commandOut.flush();
        replyStarted = false;
    }

    void flush() throws IOException {
        commandOut.flush();
    }

    InputStream dataIn() {
        return dataIn;
    }

    /** Raw bytes on the data socket, sent at once (the client waits for them before it reads the command socket). */
    void sendData(byte[] bytes, int length) throws IOException {
        dataOut.write(bytes, 0, length);
        dataOut.flush();
    }

    String peer() {
        return command.getInetAddress().getHostAddress();
    }

    @Override
    public void close() {
        for (Socket s : new Socket[] {command, data}) {
            try {
                s.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }
}
