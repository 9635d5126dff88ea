package org.udre.connectors.libvirt;

import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.libvirt.Connect;
import org.libvirt.jna.Libvirt;
import org.libvirt.jna.virError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.jna.Pointer;

/**
 * The one libvirt connection behind a {@link LibvirtHost}. Every call goes through {@link #call}, which turns
 * libvirt-java's checked exceptions into {@link LibvirtException}s naming the operation, the object and the host.
 *
 * <p>libvirt connections may be used from many threads at once; the read-write lock only keeps {@link #close()}
 * from freeing the native connection under a call that is still running.
 */
final class HostConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HostConnection.class);

    /**
     * libvirt prints every error to stderr unless an error function is installed, including the "not found" that
     * every idempotent delete expects. Errors reach callers as exceptions anyway, so here they are only logged.
     * Held in a static field because JNA callbacks must stay strongly reachable while native code may call them.
     */
    private static final Libvirt.VirErrorCallback QUIET_ERRORS = new QuietErrors();

    static {
        try {
            Connect.setErrorCallback(QUIET_ERRORS);
        } catch (org.libvirt.LibvirtException e) {
            LOG.warn("Cannot install the libvirt error function; libvirt will print its errors to stderr", e);
        }
    }

    @FunctionalInterface
    interface Call<T> {
        T on(Connect connect) throws org.libvirt.LibvirtException;
    }

    @FunctionalInterface
    interface Action {
        void on(Connect connect) throws org.libvirt.LibvirtException;
    }

    private final String uri;
    private final Connect connect;
    private final String driver;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    private HostConnection(String uri, Connect connect, String driver) {
        this.uri = uri;
        this.connect = connect;
        this.driver = driver;
    }

    static HostConnection open(String uri) {
        Connect connect;
        try {
            connect = new Connect(uri, false);
        } catch (org.libvirt.LibvirtException e) {
            throw new LibvirtException("connect to", "host", uri, LibvirtException.Reason.CONNECTION, e);
        }
        try {
            return new HostConnection(uri, connect, connect.getType());
        } catch (org.libvirt.LibvirtException e) {
            closeQuietly(connect);
            throw new LibvirtException("connect to", "host", uri, LibvirtException.Reason.CONNECTION, e);
        }
    }

    String uri() {
        return uri;
    }

    /** libvirt's name for the driver behind the URI, e.g. "TEST" or "QEMU". */
    String driver() {
        return driver;
    }

    boolean isTestDriver() {
        return "TEST".equals(driver);
    }

    /**
     * Runs {@code call} on the connection.
     *
     * @param operation what is attempted, for the error message, e.g. "start"
     * @param subject   on what, for the error message, e.g. "domain 'vm-1'"
     */
    <T> T call(String operation, String subject, Call<T> call) {
        lock.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("cannot " + operation + " " + subject + ": the connection to " + uri
                        + " is closed");
            }
            return call.on(connect);
        } catch (org.libvirt.LibvirtException e) {
            throw new LibvirtException(operation, subject, uri, e);
        } finally {
            lock.readLock().unlock();
        }
    }

    void run(String operation, String subject, Action action) {
        call(operation, subject, connect -> {
            action.on(connect);
            return null;
        });
    }

    boolean isAlive() {
        lock.readLock().lock();
        try {
            return !closed && connect.isAlive();
        } catch (org.libvirt.LibvirtException e) {
            LOG.debug("Connection to {} is not alive", uri, e);
            return false;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                closeQuietly(connect);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private static void closeQuietly(Connect connect) {
        try {
            connect.close();
        } catch (org.libvirt.LibvirtException e) {
            LOG.warn("Closing a libvirt connection failed", e);
        }
    }

    private static final class QuietErrors implements Libvirt.VirErrorCallback {
        @Override
        public void errorCallback(Pointer userData, virError error) {
            LOG.debug("libvirt reported error {}: {}", error.code, error.message);
        }
    }
}
