package org.udre.connectors.tsi.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A TSI that plays the TSI side of the reference transcript, whatever it is asked, and records every byte the client
 * sends: for comparing the client's bytes with the real UNICORE/X-to-TSI exchange.
 */
public final class ReplayTsi implements AutoCloseable {
    private final ServerSocket server;
    private final List<Transcript.Exchange> script;
    private final ByteArrayOutputStream commandBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream dataBytes = new ByteArrayOutputStream();
    private final CompletableFuture<String> shepherdLine = new CompletableFuture<>();
    private final CompletableFuture<Integer> replayed = new CompletableFuture<>();

    public ReplayTsi(List<Transcript.Exchange> script) throws IOException {
        this.script = script;
        this.server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::serve, "replay-tsi");
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public String shepherdLine() throws Exception {
        return shepherdLine.get();
    }

    /** Everything the client wrote on the command socket, once the script has been played (or the client left). */
    public synchronized String commandText() throws Exception {
        replayed.get();
        return commandBytes.toString(StandardCharsets.UTF_8);
    }

    public synchronized byte[] dataReceived() throws Exception {
        replayed.get();
        return dataBytes.toByteArray();
    }

    private void serve() {
        int done = 0;
        try (Socket shepherd = server.accept()) {
            byte[] buffer = new byte[1024];
            int n = shepherd.getInputStream().read(buffer);
            String line = new String(buffer, 0, n, StandardCharsets.US_ASCII);
            shepherdLine.complete(line);
            shepherd.getOutputStream().write("OK\n".getBytes(StandardCharsets.US_ASCII));
            int port = Integer.parseInt(line.trim().split(" ")[1]);
            try (Socket command = new Socket(); Socket data = new Socket()) {
                command.connect(new InetSocketAddress(shepherd.getInetAddress(), port));
                data.connect(new InetSocketAddress(shepherd.getInetAddress(), port));
                InputStream in = new BufferedInputStream(command.getInputStream());
                OutputStream out = command.getOutputStream();
                for (Transcript.Exchange exchange : script) {
                    readMessage(in);
                    out.write(exchange.replyText().getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    if (exchange.dataToClient() != null) {
                        data.getOutputStream().write(exchange.dataToClient());
                        data.getOutputStream().flush();
                    }
                    if (exchange.dataToTsi() != null) {
                        byte[] got = data.getInputStream().readNBytes(exchange.dataToTsi().length);
                        synchronized (this) {
                            dataBytes.write(got);
                        }
                    }
                    if (!exchange.afterData().isEmpty()) {
                        out.write((String.join("\n", exchange.afterData()) + "\n").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    }
                    done++;
                }
            }
        } catch (IOException e) {
            // the client went away early; what it sent until then is recorded
        } finally {
            replayed.complete(done);
        }
    }

    private void readMessage(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("client closed the command socket");
            }
            synchronized (this) {
                commandBytes.write(b);
            }
            if (b != '\n') {
                line.write(b);
                continue;
            }
            boolean end = line.toString(StandardCharsets.UTF_8).equals("ENDOFMESSAGE");
            line.reset();
            if (end) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
