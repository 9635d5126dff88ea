package org.udre.system.crash;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A fault seam between the engine and libvirtd: a socket of its own that passes libvirt's remote protocol through to
 * the daemon's, except the first call that starts a domain, which it holds and never delivers. The engine's step then
 * waits in {@code virDomainCreate} with the domain defined and the process not yet past the step: the window in which
 * a crash leaves a domain that no committed process state knows of. Every later call passes.
 *
 * <p>Engines reach it with {@code ?socket=} in the libvirt URI, e.g. {@code test+unix:///default?socket=<path>}.
 */
final class LibvirtCallGate implements AutoCloseable {

    /** libvirt's remote protocol (remote_protocol.x): the program number and the procedures that start a domain. */
    private static final int REMOTE_PROGRAM = 0x20008086;
    private static final int PROC_DOMAIN_CREATE = 9;
    private static final int PROC_DOMAIN_CREATE_WITH_FLAGS = 196;
    private static final int TYPE_CALL = 0;
    private static final int MAX_MESSAGE = 32 * 1024 * 1024;

    private final Path socket;
    private final Path daemonSocket;
    private final ServerSocketChannel server;
    private final AtomicBoolean holding = new AtomicBoolean(true);
    private final CountDownLatch held = new CountDownLatch(1);
    private final List<SocketChannel> open = new CopyOnWriteArrayList<>();

    private LibvirtCallGate(Path socket, Path daemonSocket, ServerSocketChannel server) {
        this.socket = socket;
        this.daemonSocket = daemonSocket;
        this.server = server;
    }

    static LibvirtCallGate open(Path socket, Path daemonSocket) {
        try {
            Files.deleteIfExists(socket);
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            LibvirtCallGate gate = new LibvirtCallGate(socket, daemonSocket, server);
            Thread acceptor = new Thread(gate::accept, "libvirt-gate");
            acceptor.setDaemon(true);
            acceptor.start();
            return gate;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + socket, e);
        }
    }

    /** The URI of libvirtd's simulated host reached through this gate. */
    String testDriverUri() {
        return "test+unix:///default?socket=" + socket;
    }

    /** Waits until a client asked to start a domain and the gate is holding that call. */
    boolean awaitHeldStart(Duration patience) throws InterruptedException {
        return held.await(patience.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                SocketChannel daemon = SocketChannel.open(UnixDomainSocketAddress.of(daemonSocket));
                open.add(client);
                open.add(daemon);
                pump("libvirt-gate-calls", client, daemon, true);
                pump("libvirt-gate-replies", daemon, client, false);
            } catch (IOException e) {
                if (server.isOpen()) {
                    throw new UncheckedIOException("the gate cannot connect a client to " + daemonSocket, e);
                }
            }
        }
    }

    private void pump(String name, SocketChannel from, SocketChannel to, boolean calls) {
        Thread thread = new Thread(() -> {
            // Channel reads and writes, not Channels.newInputStream/newOutputStream: on Java 17 those two streams of
            // one socket share a lock, so a read waiting for the next call would block every reply.
            try {
                while (true) {
                    ByteBuffer message = readMessage(from);
                    if (calls && startsDomain(message) && holding.compareAndSet(true, false)) {
                        held.countDown();
                        continue; // never delivered: the caller waits for a reply that does not come
                    }
                    while (message.hasRemaining()) {
                        to.write(message);
                    }
                }
            } catch (EOFException e) {
                // The peer went away (the engine was killed, or closed its connection); so does the other side.
            } catch (IOException e) {
                // A side closed while a message was on its way; the connection is over either way.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** One message of libvirt's RPC framing: a 4-byte big-endian length that counts itself, then the rest. */
    private static ByteBuffer readMessage(SocketChannel in) throws IOException {
        ByteBuffer length = readFully(in, ByteBuffer.allocate(4));
        int size = length.getInt(0);
        if (size < 28 || size > MAX_MESSAGE) {
            throw new IOException("not a libvirt RPC message: length " + size);
        }
        ByteBuffer message = ByteBuffer.allocate(size).putInt(size);
        readFully(in, message);
        return message.flip();
    }

    private static ByteBuffer readFully(SocketChannel in, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (in.read(buffer) < 0) {
                throw new EOFException();
            }
        }
        return buffer;
    }

    /** Header after the length: program, version, procedure, type, serial, status (XDR, 4 bytes each). */
    private static boolean startsDomain(ByteBuffer message) {
        int program = message.getInt(4);
        int procedure = message.getInt(12);
        int type = message.getInt(16);
        return program == REMOTE_PROGRAM && type == TYPE_CALL
                && (procedure == PROC_DOMAIN_CREATE || procedure == PROC_DOMAIN_CREATE_WITH_FLAGS);
    }

    @Override
    public void close() {
        closeQuietly(server);
        open.forEach(LibvirtCallGate::closeQuietly);
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            // A leftover socket file in a temporary folder harms nobody.
        }
    }

    private static void closeQuietly(java.nio.channels.Channel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Closing what is already broken.
        }
    }
}
