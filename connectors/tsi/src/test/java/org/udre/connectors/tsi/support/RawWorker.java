package org.udre.connectors.tsi.support;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The client side of the protocol done by hand, without the client under test: for checking the agent's bytes
 * independently of {@code TsiClient}.
 */
public final class RawWorker implements AutoCloseable {
    public final Socket command;
    public final Socket data;
    private final InputStream commandIn;
    private final InputStream dataIn;

    private RawWorker(Socket command, Socket data) throws IOException {
        this.command = command;
        this.data = data;
        this.commandIn = new BufferedInputStream(command.getInputStream());
        this.dataIn = data.getInputStream();
        command.setSoTimeout(20_000);
        data.setSoTimeout(20_000);
    }

    /** Runs the handshake against {@code port} on 127.0.0.1 and returns the worker it produced. */
    public static RawWorker connect(int port) throws IOException {
        try (Socket shepherd = new Socket();
             ServerSocket replies = new ServerSocket(0, 2, InetAddress.getLoopbackAddress())) {
            shepherd.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            shepherd.setSoTimeout(5000);
            shepherd.getOutputStream().write(("newtsiprocess " + replies.getLocalPort() + "\n").getBytes(StandardCharsets.US_ASCII));
            byte[] ok = shepherd.getInputStream().readNBytes(3);
            if (!new String(ok, StandardCharsets.US_ASCII).equals("OK\n")) {
                throw new IOException("no OK: '" + new String(ok, StandardCharsets.US_ASCII) + "'");
            }
            replies.setSoTimeout(5000);
            Socket command = replies.accept();
            Socket data = replies.accept();
            return new RawWorker(command, data);
        }
    }

    /** Sends the text as is (the caller supplies every line, terminator included). */
    public void sendRaw(String text) throws IOException {
        OutputStream out = command.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Sends lines plus the terminator, as a message. */
    public void send(List<String> lines) throws IOException {
        sendRaw(String.join("\n", lines) + "\nENDOFMESSAGE\n");
    }

    /** Reply lines up to and including ENDOFMESSAGE. */
    public List<String> readReply() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = readLine();
            if (line == null) {
                throw new IOException("closed after " + lines);
            }
            lines.add(line);
            if (line.equals("ENDOFMESSAGE")) {
                return lines;
            }
        }
    }

    public List<String> exchange(List<String> request) throws IOException {
        send(request);
        return readReply();
    }

    public String readLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int b = commandIn.read();
            if (b < 0) {
                return sb.length() == 0 ? null : sb.toString();
            }
            if (b == '\n') {
                return new String(sb.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            }
            sb.append((char) b);
        }
    }

    public byte[] readData(int n) throws IOException {
        return dataIn.readNBytes(n);
    }

    public void sendData(byte[] bytes) throws IOException {
        data.getOutputStream().write(bytes);
        data.getOutputStream().flush();
    }

    @Override
    public void close() throws IOException {
        command.close();
        data.close();
    }
}
