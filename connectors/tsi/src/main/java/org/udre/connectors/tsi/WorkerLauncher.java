package org.udre.connectors.tsi;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * The {@code newtsiprocess} handshake: connect to the TSI's port, tell it where to call back, read {@code OK}, then
 * accept the worker's two call-backs, the first as the command socket and the second as the data socket. Call-backs
 * from any other address than the one contacted are closed and not counted, so a stranger cannot become our worker.
 */
final class WorkerLauncher {
    private static final System.Logger LOG = System.getLogger(WorkerLauncher.class.getName());

    private final TsiClientSettings settings;
    /** A fixed reply port can only serve one handshake at a time. */
    private final ReentrantLock fixedPortTurn = new ReentrantLock();

    WorkerLauncher(TsiClientSettings settings) {
        this.settings = settings;
    }

    WorkerConnection launch(TsiAddress tsi) {
        InetAddress target;
        try {
            target = InetAddress.getByName(tsi.host());
        } catch (UnknownHostException e) {
            throw new TsiUnreachableException("TSI host of " + tsi + " cannot be resolved: " + e.getMessage(), e);
        }
        boolean fixedPort = settings.replyPort() != 0;
        if (fixedPort) {
            fixedPortTurn.lock();
        }
        try {
            return handshake(tsi, target);
        } finally {
            if (fixedPort) {
                fixedPortTurn.unlock();
            }
        }
    }

    private WorkerConnection handshake(TsiAddress tsi, InetAddress target) {
        Socket shepherd = connect(tsi, target);
        Socket command = null;
        Socket data = null;
        try (shepherd; ServerSocket replies = listen(tsi, shepherd)) {
            askForWorker(tsi, shepherd, replies.getLocalPort());
            long deadline = System.nanoTime() + settings.callbackTimeout().toNanos();
            command = acceptFrom(tsi, target, replies, deadline, "command");
            data = acceptFrom(tsi, target, replies, deadline, "data");
            for (Socket s : new Socket[] {command, data}) {
                s.setKeepAlive(true);
                s.setTcpNoDelay(true);
            }
            if (settings.tls() != null) {
                command = serverSideTls(command);
                data = serverSideTls(data);
            }
            return new WorkerConnection(tsi, command, data, settings.readTimeout());
        } catch (TsiException e) {
            closeQuietly(command);
            closeQuietly(data);
            throw e;
        } catch (SSLException e) {
            closeQuietly(command);
            closeQuietly(data);
            throw new TsiProtocolException("TLS handshake on the call-backs from " + tsi + " failed: " + e.getMessage());
        } catch (IOException e) {
            closeQuietly(command);
            closeQuietly(data);
            throw new TsiConnectionLostException("setting up the worker connection to " + tsi + " failed: " + e.getMessage(), e);
        }
    }

    private Socket connect(TsiAddress tsi, InetAddress target) {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(target, tsi.port()), millis(settings.connectTimeout()));
            socket.setSoTimeout(millis(settings.connectTimeout()));
            socket.setKeepAlive(true);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new TsiUnreachableException("cannot connect to TSI " + tsi + ": " + e.getMessage(), e);
        }
        if (settings.tls() == null) {
            return socket;
        }
        try {
            SSLSocket tls = (SSLSocket) settings.tls().context().getSocketFactory()
                    .createSocket(socket, tsi.host(), tsi.port(), true);
            tls.setUseClientMode(true);
            tls.startHandshake();
            return tls;
        } catch (IOException e) {
            closeQuietly(socket);
            throw new TsiRejectedException("TLS handshake with TSI " + tsi + " failed: " + e.getMessage(), e);
        }
    }

    private ServerSocket listen(TsiAddress tsi, Socket shepherd) throws IOException {
        InetAddress bind = settings.replyBindAddress().isEmpty() ? shepherd.getLocalAddress()
                : InetAddress.getByName(settings.replyBindAddress());
        ServerSocket server = new ServerSocket();
        try {
            server.setReuseAddress(settings.replyPort() != 0);
            server.bind(new InetSocketAddress(bind, settings.replyPort()), 2);
        } catch (IOException e) {
            server.close();
            throw new TsiConnectionLostException("cannot listen for call-backs from " + tsi + " on " + bind + ":"
                    + settings.replyPort() + ": " + e.getMessage(), e);
        }
        return server;
    }

    private void askForWorker(TsiAddress tsi, Socket shepherd, int replyPort) {
        String answer;
        try {
            OutputStream out = shepherd.getOutputStream();
            // The TSI reads this with a single recv(): it must leave in one write.
            out.write(("newtsiprocess " + replyPort + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            answer = readAnswer(shepherd.getInputStream());
        } catch (SocketTimeoutException e) {
            throw new TsiUnreachableException("TSI " + tsi + " accepted the connection but did not answer within "
                    + settings.connectTimeout(), e);
        } catch (IOException e) {
            throw new TsiRejectedException("TSI " + tsi + " closed the connection without OK (is this address, "
                    + shepherd.getLocalAddress().getHostAddress() + ", allowed?): " + e.getMessage(), e);
        }
        if (answer == null) {
            throw new TsiRejectedException("TSI " + tsi + " closed the connection without OK (is this address, "
                    + shepherd.getLocalAddress().getHostAddress() + ", allowed?)", null);
        }
        if (!answer.trim().equals("OK")) {
            throw new TsiProtocolException("TSI " + tsi + " answered newtsiprocess with '" + answer + "' instead of OK");
        }
    }

    /** One line, or null if the TSI closed the connection before sending anything. */
    private static String readAnswer(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 64) {
            int b = in.read();
            if (b < 0 || b == '\n') {
                return b < 0 && sb.length() == 0 ? null : sb.toString();
            }
            sb.append((char) b);
        }
        return sb.toString();
    }

    private Socket acceptFrom(TsiAddress tsi, InetAddress expected, ServerSocket replies, long deadline, String role)
            throws IOException {
        while (true) {
            long remaining = (deadline - System.nanoTime()) / 1_000_000;
            if (remaining <= 0) {
                throw new TsiNoCallbackException("TSI " + tsi + " said OK but its " + role + " call-back did not arrive at "
                        + replies.getLocalSocketAddress() + " within " + settings.callbackTimeout());
            }
            replies.setSoTimeout((int) Math.min(Integer.MAX_VALUE, remaining));
            Socket s;
            try {
                s = replies.accept();
            } catch (SocketTimeoutException e) {
                continue;
            }
            if (s.getInetAddress().equals(expected)) {
                return s;
            }
            LOG.log(System.Logger.Level.WARNING, "ignored a call-back from {0}: the TSI contacted was {1}",
                    s.getInetAddress().getHostAddress(), expected.getHostAddress());
            closeQuietly(s);
        }
    }

    private Socket serverSideTls(Socket plain) throws IOException {
        SSLSocket tls = (SSLSocket) settings.tls().context().getSocketFactory()
                .createSocket(plain, plain.getInetAddress().getHostAddress(), plain.getPort(), true);
        tls.setUseClientMode(false);
        tls.setNeedClientAuth(true);
        plain.setSoTimeout(millis(settings.callbackTimeout()));
        tls.startHandshake();
        return tls;
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
    }

    private static void closeQuietly(Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing more to release
        }
    }
}
