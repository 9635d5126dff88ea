package org.udre.connectors.tsi.agent;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.udre.connectors.tsi.TlsSettings;

/**
 * A small real TSI, the "nobatch" variant: jobs are local processes. Unprivileged by default (everything runs as the
 * agent's own user and the identity line is ignored); with {@link AgentSettings#switchUser()} and run as root, every
 * command runs as the user its identity line names, with the TSI's checks. Speaks TSI 11.2.1's protocol byte for byte: the {@code newtsiprocess} handshake with its two
 * call-backs, the commands UNICORE/X uses, and the TSI's reply layout and error texts. Used inside UDRE's guest images,
 * as the stand-in for a real TSI in tests, and to try UDRE without a hypervisor.
 */
public final class TsiAgent implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TsiAgent.class.getName());
    private static final int REQUEST_BYTES = 1024;
    private static final int CALLBACK_CONNECT_TIMEOUT_MS = 10_000;

    private final AgentSettings settings;
    private final Set<InetAddress> allowed;
    private final LocalProcesses processes;
    private final NobatchJobs jobs;
    private final Set<Worker> workers = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threadNumber = new AtomicInteger();
    private volatile Fault fault = Fault.NONE;
    private volatile boolean closed;
    private ServerSocket listener;
    private int port;

    private TsiAgent(AgentSettings settings, Set<InetAddress> allowed) {
        this.settings = settings;
        this.allowed = allowed;
        this.processes = new LocalProcesses(settings.safeDir(), settings.loginShell());
        this.jobs = new NobatchJobs(processes);
    }

    /** Resolves the allowed clients, binds the port and starts accepting. */
    public static TsiAgent start(AgentSettings settings) throws IOException {
        if (!java.nio.file.Files.isDirectory(settings.safeDir())) {
            throw new IOException("safe dir " + settings.safeDir() + " is not a directory");
        }
        Set<InetAddress> allowed = new HashSet<>();
        for (String name : settings.allowedAddresses()) {
            allowed.addAll(List.of(InetAddress.getAllByName(name)));
        }
        TsiAgent agent = new TsiAgent(settings, allowed);
        agent.listen(settings.port());
        LOG.log(System.Logger.Level.INFO, "TSI agent {0} listening on {1}:{2}, allowing {3}", settings.version(),
                settings.bindAddress(), Integer.toString(agent.port), settings.allowedAddresses());
        return agent;
    }

    /** The port it listens on (the ephemeral one when the settings said 0). */
    public int port() {
        return port;
    }

    public AgentSettings settings() {
        return settings;
    }

    /** Whether the agent may switch users (it runs as root). */
    boolean runsAsRoot() {
        try {
            return FileCommands.effectiveUid() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Workers connected right now (each is one client connection pair). */
    public int workers() {
        return workers.size();
    }

    /** Switches to a fault mode (or back to {@link Fault#NONE}); takes effect for the next request or command. */
    public synchronized void fault(Fault newFault) {
        if (newFault == null) {
            throw new IllegalArgumentException("fault must not be null (use Fault.NONE)");
        }
        Fault old = fault;
        fault = newFault;
        if (newFault == Fault.REFUSE_CONNECTIONS && old != Fault.REFUSE_CONNECTIONS) {
            closeListener();
        } else if (newFault != Fault.REFUSE_CONNECTIONS && old == Fault.REFUSE_CONNECTIONS && !closed) {
            try {
                listen(port);
            } catch (IOException e) {
                throw new IllegalStateException("cannot listen on port " + port + " again: " + e.getMessage(), e);
            }
        }
    }

    public Fault fault() {
        return fault;
    }

    /** Stops listening, ends the workers and kills the jobs it started. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            closeListener();
        }
        new ArrayList<>(workers).forEach(Worker::stop);
        processes.killAll();
    }

    void workerEnded(Worker worker) {
        workers.remove(worker);
    }

    private synchronized void listen(int wanted) throws IOException {
        ServerSocket server = settings.tls() == null ? new ServerSocket()
                : settings.tls().context().getServerSocketFactory().createServerSocket();
        server.setReuseAddress(true);
        if (server instanceof SSLServerSocket tls) {
            tls.setNeedClientAuth(true);
        }
        server.bind(new InetSocketAddress(InetAddress.getByName(settings.bindAddress()), wanted), 50);
        listener = server;
        port = server.getLocalPort();
        thread("tsi-agent-accept-" + port, () -> acceptLoop(server));
    }

    private synchronized void closeListener() {
        if (listener != null) {
            try {
                listener.close();
            } catch (IOException ignored) {
                // closing is all we wanted
            }
            listener = null;
        }
    }

    private void acceptLoop(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                thread("tsi-agent-request", () -> serve(s));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.log(System.Logger.Level.WARNING, "accept failed: {0}", e.getMessage());
                }
            }
        }
    }

    /** One request on the main port: checks, then (for newtsiprocess) OK and the two call-backs. */
    private void serve(Socket client) {
        InetAddress peer = client.getInetAddress();
        try (client) {
            client.setSoTimeout(30_000);
            if (client instanceof SSLSocket tls) {
                tls.startHandshake();
                X509Certificate cert = (X509Certificate) tls.getSession().getPeerCertificates()[0];
                if (!DistinguishedNames.allowed(cert.getSubjectX500Principal().getName(), settings.allowedSubjects())) {
                    LOG.log(System.Logger.Level.INFO, "closed a connection from {0}: certificate subject {1} is not allowed",
                            peer.getHostAddress(), cert.getSubjectX500Principal().getName());
                    return;
                }
            }
            if (!allowed.contains(peer)) {
                LOG.log(System.Logger.Level.INFO, "closed a connection from {0}: Connecting IP not in list of allowed IPs",
                        peer.getHostAddress());
                return;
            }
            client.setKeepAlive(true);
            String request = readRequest(client.getInputStream());
            int blank = request.indexOf(' ');
            String command = blank < 0 ? "" : request.substring(0, blank);
            String params = blank < 0 ? "" : request.substring(blank + 1);
            if (command.equals("shutdown")) {
                LOG.log(System.Logger.Level.INFO, "shutdown requested by {0}", peer.getHostAddress());
                close();
                return;
            }
            if (!command.equals("newtsiprocess") || fault == Fault.REJECT_CONNECTIONS) {
                LOG.log(System.Logger.Level.INFO, "closed a connection from {0}: not understood or rejected: {1}",
                        peer.getHostAddress(), request);
                return;
            }
            client.getOutputStream().write("OK\n".getBytes(StandardCharsets.US_ASCII));
            client.getOutputStream().flush();
            int replyPort;
            try {
                replyPort = Integer.parseInt(params.trim());
            } catch (NumberFormatException e) {
                LOG.log(System.Logger.Level.INFO, "Error communicating with UNICORE/X : bad port ''{0}''", params);
                return;
            }
            if (fault == Fault.NEVER_CALL_BACK) {
                return;
            }
            Thread.sleep(settings.callbackDelay().toMillis());
            callBack(peer, replyPort);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.INFO, "request from {0} failed: {1}", peer.getHostAddress(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String readRequest(InputStream in) throws IOException {
        // The TSI performs one recv of at most 1024 bytes: whatever came in that read is the request.
        byte[] buffer = new byte[REQUEST_BYTES];
        int n = in.read(buffer);
        return n <= 0 ? "" : new String(buffer, 0, n, StandardCharsets.UTF_8).strip();
    }

    private void callBack(InetAddress peer, int replyPort) throws IOException {
        Socket command = connect(peer, replyPort);
        Socket data;
        try {
            data = connect(peer, replyPort);
        } catch (IOException e) {
            command.close();
            throw e;
        }
        if (settings.tls() != null) {
            command = clientSideTls(command);
            data = clientSideTls(data);
        }
        Worker worker = new Worker(this, new WorkerChannel(command, data, this::fault), processes, jobs);
        workers.add(worker);
        if (closed) {
            worker.stop();
            return;
        }
        thread("tsi-agent-worker", worker);
    }

    private Socket connect(InetAddress peer, int replyPort) throws IOException {
        Socket s = new Socket();
        try {
            if (fault == Fault.CALL_BACK_FROM_OTHER_ADDRESS) {
                s.bind(new InetSocketAddress(otherLocalAddress(peer), 0));
            }
            s.connect(new InetSocketAddress(peer, replyPort), CALLBACK_CONNECT_TIMEOUT_MS);
            s.setKeepAlive(true);
            s.setTcpNoDelay(true);
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    private Socket clientSideTls(Socket plain) throws IOException {
        SSLSocket tls = (SSLSocket) settings.tls().context().getSocketFactory()
                .createSocket(plain, plain.getInetAddress().getHostAddress(), plain.getPort(), true);
        tls.setUseClientMode(true);
        tls.startHandshake();
        return tls;
    }

    private static InetAddress otherLocalAddress(InetAddress peer) throws IOException {
        if (!peer.isLoopbackAddress() || peer.getAddress().length != 4) {
            throw new SocketException("CALL_BACK_FROM_OTHER_ADDRESS only works for IPv4 loopback peers, not " + peer);
        }
        byte[] other = peer.getAddress().clone();
        other[3] = (byte) (other[3] == 2 ? 3 : 2);
        return InetAddress.getByAddress(other);
    }

    private void thread(String name, Runnable body) {
        Thread t = new Thread(body, name + "-" + threadNumber.incrementAndGet());
        t.setDaemon(true);
        t.start();
    }

    /**
     * Runs the agent until it is told to shut down. Options: {@code --bind ADDRESS} (127.0.0.1), {@code --port N}
     * (4433), {@code --allow NAME[,NAME...]} (127.0.0.1), {@code --callback-delay SECONDS} (1), {@code --safe-dir DIR}
     * (/tmp), {@code --version X.Y.Z} (11.2.1), {@code --switch-user true} (run as the identity's user; root only), TLS: {@code --tls-certificate PEM --tls-key PEM --tls-trusted PEM}
     * and {@code --allowed-dn DN} (repeatable).
     */
    public static void main(String[] args) {
        try {
            AgentSettings settings = CommandLine.parse(args);
            TsiAgent agent = start(settings);
            System.out.println("TSI agent " + settings.version() + " listening on " + settings.bindAddress() + ":"
                    + agent.port() + " (nobatch, " + (settings.switchUser() ? "switching users" : "unprivileged")
                    + "; allowed clients " + settings.allowedAddresses() + ")");
            Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "tsi-agent-shutdown"));
            while (!agent.closed) {
                Thread.sleep(500);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("tsi-agent: " + e.getMessage());
            System.err.println(CommandLine.USAGE);
            System.exit(2);
        } catch (IOException e) {
            System.err.println("tsi-agent: cannot start: " + e.getMessage());
            System.exit(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The command-line options of {@link #main}. */
    static final class CommandLine {
        static final String USAGE = "usage: java -jar udre-tsi.jar [--bind ADDRESS] [--port N] [--allow NAME[,NAME...]] "
                + "[--callback-delay SECONDS] [--safe-dir DIR] [--version X.Y.Z] [--switch-user true|false] [--login-shell true|false] "
                + "[--tls-certificate PEM --tls-key PEM --tls-trusted PEM [--allowed-dn DN]...]";

        private CommandLine() {
        }

        static AgentSettings parse(String[] args) {
            AgentSettings s = AgentSettings.defaults().withListener("127.0.0.1", 4433);
            String certificate = null;
            String key = null;
            String trusted = null;
            List<String> dns = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + option + " needs a value");
                }
                String value = args[++i];
                switch (option) {
                    case "--bind" -> s = s.withListener(value, s.port());
                    case "--port" -> s = s.withListener(s.bindAddress(), number(option, value));
                    case "--allow" -> s = s.withAllowedAddresses(List.of(value.split(",")));
                    case "--callback-delay" -> s = s.withCallbackDelay(seconds(option, value));
                    case "--safe-dir" -> s = s.withSafeDir(Path.of(value).toAbsolutePath());
                    case "--version" -> s = s.withVersion(value);
                    case "--tls-certificate" -> certificate = value;
                    case "--tls-key" -> key = value;
                    case "--tls-trusted" -> trusted = value;
                    case "--allowed-dn" -> dns.add(value);
                    case "--switch-user" -> s = s.withSwitchUser(bool(option, value));
                    case "--login-shell" -> s = s.withLoginShell(bool(option, value));
                    default -> throw new IllegalArgumentException("unknown option '" + option + "'");
                }
            }
            if (certificate != null || key != null || trusted != null) {
                if (certificate == null || key == null || trusted == null) {
                    throw new IllegalArgumentException("TLS needs --tls-certificate, --tls-key and --tls-trusted together");
                }
                s = s.withTls(TlsSettings.fromPem(Path.of(certificate), Path.of(key), null, Path.of(trusted)), dns);
            } else if (!dns.isEmpty()) {
                throw new IllegalArgumentException("--allowed-dn needs TLS");
            }
            return s;
        }

        private static int number(String option, String value) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " must be a number, got '" + value + "'");
            }
        }

        private static boolean bool(String option, String value) {
            if (!value.equals("true") && !value.equals("false")) {
                throw new IllegalArgumentException(option + " must be true or false, got '" + value + "'");
            }
            return Boolean.parseBoolean(value);
        }

        private static Duration seconds(String option, String value) {
            try {
                return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " must be seconds, e.g. 1 or 0.2, got '" + value + "'");
            }
        }
    }
}
