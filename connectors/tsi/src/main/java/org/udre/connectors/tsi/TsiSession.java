package org.udre.connectors.tsi;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One TSI worker lent to one caller for a sequence of commands as one identity; closing it gives the worker back to
 * the pool (or drops it if it broke). Not thread-safe: the worker handles one command at a time.
 */
public final class TsiSession implements AutoCloseable {
    /** Size of one GETFILECHUNK/PUTFILECHUNK, as UNICORE/X uses: the TSI allocates a buffer of the requested length. */
    static final int CHUNK = 1024 * 1024;
    private static final Pattern BSSID = Pattern.compile("[A-Za-z0-9._:@\\[\\]-]+");
    private static final Pattern LENGTH_LINE = Pattern.compile("TSI_LENGTH (\\d+)");
    private static final int ABORT_ATTEMPTS = 3;
    private static final Duration ABORT_RETRY_PAUSE = Duration.ofMillis(200);

    private final WorkerPool pool;
    private final WorkerConnection connection;
    private final Identity who;
    private final Duration pingTimeout;
    private boolean closed;

    TsiSession(WorkerPool pool, WorkerConnection connection, Identity who, Duration pingTimeout) {
        this.pool = pool;
        this.connection = connection;
        this.who = who;
        this.pingTimeout = pingTimeout;
    }

    /** The TSI's version, as the ping that checked this worker reported it. */
    public String version() {
        return connection.version();
    }

    /** Sends {@code TSI_PING} and returns the version. */
    public String ping() {
        return connection.ping(who, pingTimeout);
    }

    /**
     * Runs a bash snippet on the TSI host and waits for it ({@code TSI_EXECUTESCRIPT}); the worker is blocked meanwhile.
     *
     * @return standard output and error, merged, exactly as printed
     * @throws TsiFailedException when it exits non-zero (the reason holds the exit code and the output)
     */
    public String executeScript(String script) {
        UserText.content("script", script);
        return Replies.text(call("TSI_EXECUTESCRIPT", Requests.executeScript(script, false)));
    }

    /** Starts a bash snippet in the background on the TSI host ({@code #TSI_DISCARD_OUTPUT}); output is discarded. */
    public void executeScriptInBackground(String script) {
        UserText.content("script", script);
        call("TSI_EXECUTESCRIPT", Requests.executeScript(script, true));
    }

    /** Submits a job and returns the batch system's id for it (the bssid). */
    public String submit(JobSubmission job) {
        return Replies.single("TSI_SUBMIT", call("TSI_SUBMIT", Requests.submit(job)));
    }

    /**
     * Every job the batch system lists, by bssid. A job that finished is usually absent (nobatch never lists it as
     * COMPLETED): completion is "absent, or COMPLETED", and the outcome is the exit code file ({@link #exitCode}).
     */
    public Map<String, JobState> statusListing() {
        return Replies.statusListing(call("TSI_GETSTATUSLISTING", Requests.statusListing()));
    }

    /** The batch system's details about a job, as text (JSON for batch TSIs, a fixed sentence for nobatch). */
    public String jobDetails(String bssid) {
        return Replies.text(call("TSI_GETJOBDETAILS", Requests.jobDetails(bssid(bssid)))).trim();
    }

    /**
     * Aborts a job. Aborting a job that is already gone is success: the TSI's failure is only passed on if the job is
     * still listed afterwards, and only after a second try (a nobatch TSI's abort fails while a just-submitted job is
     * still starting, because it then finds the job's session twice).
     */
    public void abort(String bssid) {
        for (int attempt = 1; ; attempt++) {
            try {
                call("TSI_ABORTJOB", Requests.abort(bssid(bssid)));
                return;
            } catch (TsiFailedException e) {
                if (!statusListing().containsKey(bssid)) {
                    return;
                }
                if (attempt == ABORT_ATTEMPTS) {
                    throw e;
                }
                pause(ABORT_RETRY_PAUSE);
            }
        }
    }

    public void hold(String bssid) {
        call("TSI_HOLDJOB", Requests.hold(bssid(bssid)));
    }

    public void resume(String bssid) {
        call("TSI_RESUMEJOB", Requests.resume(bssid(bssid)));
    }

    /** The entry for the path itself ({@code TSI_LS} mode A); empty if it does not exist. */
    public Optional<FileEntry> stat(String path) {
        List<FileEntry> entries = ls(path, 'A');
        return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(0));
    }

    /** A directory's children in the TSI host's directory order; empty if the directory does not exist. */
    public List<FileEntry> list(String directory) {
        return ls(directory, 'N');
    }

    /** Everything below a directory, depth first. */
    public List<FileEntry> listRecursive(String directory) {
        return ls(directory, 'R');
    }

    public DiskUsage diskUsage(String path) {
        return Replies.diskUsage(call("TSI_DF", Requests.df(UserText.absolutePath("path", path))));
    }

    /**
     * A whole (small) file: its size from {@code TSI_LS}, then its bytes in chunks.
     *
     * @return empty if there is no such file
     * @throws TsiException if it is a directory or larger than {@code maxBytes}
     */
    public Optional<byte[]> readFile(String path, long maxBytes) {
        Optional<FileEntry> entry = stat(path);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        long size = regularFile(entry.get()).size();
        if (size > maxBytes) {
            throw new TsiException(path + " on the TSI is " + size + " bytes, more than the " + maxBytes + " allowed");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) size);
        long read = readChunks(path, size, bytes);
        if (read > maxBytes) {
            throw new TsiException(path + " on the TSI grew to " + read + " bytes while being read, more than the "
                    + maxBytes + " allowed");
        }
        return Optional.of(bytes.toByteArray());
    }

    /**
     * The first {@code maxBytes} of a file and the file's whole size: for output that may be longer than anyone wants
     * to keep, where {@link #readFile} would refuse.
     *
     * @return empty if there is no such file
     * @throws TsiException if it is a directory
     */
    public Optional<FileHead> readHead(String path, long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative, got " + maxBytes);
        }
        Optional<FileEntry> entry = stat(path);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        long size = regularFile(entry.get()).size();
        long wanted = Math.min(size, maxBytes);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) wanted);
        long offset = 0;
        while (offset < wanted) {
            long got = getChunk(path, offset, Math.min(CHUNK, wanted - offset), bytes);
            if (got == 0) {
                break; // the file shrank meanwhile: what was read is its head
            }
            offset += got;
        }
        return Optional.of(new FileHead(bytes.toByteArray(), Math.max(size, offset)));
    }

    /**
     * The exit code the job script wrote to {@code UNICORE_SCRIPT_EXIT_CODE} in its outcome directory; empty while
     * the file does not exist (still running, aborted, or the script left early) or is still empty (the shell has
     * created it but not yet written the number).
     */
    public Optional<Integer> exitCode(String outcomeDirectory) {
        String path = UserText.absolutePath("outcome directory", outcomeDirectory).replaceAll("/$", "")
                + "/" + Requests.EXIT_CODE_FILE;
        return readFile(path, 4096).map(bytes -> new String(bytes, StandardCharsets.UTF_8).strip())
                .filter(text -> !text.isEmpty()).map(text -> {
            String first = text.lines().findFirst().orElse("").trim();
            try {
                return Integer.parseInt(first);
            } catch (NumberFormatException e) {
                throw new TsiException(path + " does not hold an exit code: '" + text + "'");
            }
        });
    }

    /** Writes a whole file (created or truncated), mode 644. */
    public void writeFile(String path, byte[] content) {
        UserText.absolutePath("path", path);
        try {
            putChunks(path, "644", new ByteArrayInputStream(content));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Copies a local file into the job directory in chunks, keeping its permission bits (so scripts stay executable).
     * On failure the partial remote file is removed (best effort).
     *
     * @param relativeName a path inside the job directory; it cannot name anything outside it
     * @return the number of bytes copied
     */
    public long stageIn(Path source, String jobDirectory, String relativeName) {
        String target = inside(jobDirectory, relativeName);
        String mode = octalMode(source);
        try (InputStream in = Files.newInputStream(source)) {
            return putChunks(target, mode, in);
        } catch (IOException e) {
            removeQuietly(target);
            throw new UncheckedIOException("cannot read " + source + " for stage-in: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            removeQuietly(target);
            throw e;
        }
    }

    /**
     * Copies a file out of the job directory to a local file. The local file appears complete or not at all (written
     * beside it first, then moved into place).
     *
     * @return the number of bytes copied
     * @throws TsiException if there is no such file
     */
    public long stageOut(String jobDirectory, String relativeName, Path target) {
        String source = inside(jobDirectory, relativeName);
        FileEntry entry = stat(source).orElseThrow(() -> new TsiException("no file " + source + " on the TSI to stage out"));
        long size = regularFile(entry).size();
        Path dir = target.toAbsolutePath().getParent();
        Path partial = null;
        try {
            Files.createDirectories(dir);
            partial = Files.createTempFile(dir, "." + target.getFileName(), ".part");
            long copied;
            try (OutputStream out = Files.newOutputStream(partial)) {
                copied = readChunks(source, size, out);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return copied;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + " for stage-out: " + e.getMessage(), e);
        } finally {
            if (partial != null) {
                try {
                    Files.deleteIfExists(partial);
                } catch (IOException ignored) {
                    // only a leftover temporary file; the target itself was not touched
                }
            }
        }
    }

    /** The absolute path of {@code relativeName} inside {@code jobDirectory}; refuses anything that would leave it. */
    public static String inside(String jobDirectory, String relativeName) {
        String dir = UserText.absolutePath("job directory", jobDirectory);
        UserText.relativePath("file name", relativeName);
        return (dir.endsWith("/") ? dir : dir + "/") + relativeName;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            pool.giveBack(connection);
        }
    }

    private List<String> call(String command, String body) {
        if (closed) {
            throw new IllegalStateException("this TSI session is closed");
        }
        return connection.call(command, body, who);
    }

    private List<FileEntry> ls(String path, char mode) {
        return Replies.listing(call("TSI_LS", Requests.ls(UserText.absolutePath("path", path), mode)));
    }

    private static FileEntry regularFile(FileEntry entry) {
        if (entry.directory()) {
            throw new TsiException(entry.path() + " on the TSI is a directory, not a file");
        }
        return entry;
    }

    /**
     * Reads {@code size} bytes (or more, if the file grew meanwhile) chunk by chunk. Every chunk asks for the full
     * chunk size, as UNICORE/X does; the TSI sends fewer at the end of the file.
     */
    private long readChunks(String path, long size, OutputStream sink) {
        long offset = 0;
        while (offset < size) {
            long got = getChunk(path, offset, CHUNK, sink);
            if (got == 0) {
                throw new TsiException(path + " on the TSI shrank while being read: " + offset + " of " + size + " bytes");
            }
            offset += got;
        }
        return offset;
    }

    private long getChunk(String path, long start, long length, OutputStream sink) {
        String command = "TSI_GETFILECHUNK";
        List<String> payload = call(command, Requests.getFileChunk(path, start, length));
        long announced = payload.stream().map(LENGTH_LINE::matcher).filter(Matcher::matches)
                .mapToLong(m -> Long.parseLong(m.group(1))).findFirst()
                .orElseThrow(() -> {
                    connection.close();
                    return new TsiProtocolException("GETFILECHUNK reply without TSI_LENGTH: " + payload);
                });
        if (announced > length) {
            connection.close();
            throw new TsiProtocolException("TSI announced " + announced + " bytes for a chunk of at most " + length);
        }
        try {
            connection.receiveData(announced, sink);
        } catch (IOException e) {
            // the data socket still holds the rest of the chunk: the worker cannot be used any more
            connection.close();
            throw new UncheckedIOException("cannot store data of " + path + ": " + e.getMessage(), e);
        }
        connection.expectEndAfterData(command);
        return announced;
    }

    private long putChunks(String path, String mode, InputStream in) throws IOException {
        byte[] buffer = new byte[CHUNK];
        long total = 0;
        boolean append = false;
        while (true) {
            int filled = in.readNBytes(buffer, 0, buffer.length);
            // A chunk is read completely before it is announced: the TSI waits for exactly the announced bytes.
            if (filled > 0 || !append) {
                putChunk(path, mode, buffer, filled, append);
                total += filled;
                append = true;
            }
            if (filled < buffer.length) {
                return total;
            }
        }
    }

    private void putChunk(String path, String mode, byte[] bytes, int length, boolean append) {
        String command = "TSI_PUTFILECHUNK";
        call(command, Requests.putFileChunk(path, mode, length, append));
        connection.sendData(bytes, length);
        connection.expectEndAfterData(command);
    }

    private void removeQuietly(String path) {
        try {
            if (!connection.broken()) {
                call("TSI_EXECUTESCRIPT", Requests.executeScript("rm -f -- '" + path + "'", false));
            } else {
                WorkerConnection other = pool.borrow(connection.address(), who);
                try {
                    other.call("TSI_EXECUTESCRIPT", Requests.executeScript("rm -f -- '" + path + "'", false), who);
                } finally {
                    pool.giveBack(other);
                }
            }
        } catch (RuntimeException ignored) {
            // best effort: the TSI may be gone, which is why the transfer failed in the first place
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TsiException("interrupted while waiting to repeat an abort");
        }
    }

    private static String octalMode(Path file) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            int mode = 0;
            for (PosixFilePermission p : perms) {
                mode |= 1 << (8 - p.ordinal());
            }
            return Integer.toOctalString(mode);
        } catch (UnsupportedOperationException | IOException e) {
            return "644";
        }
    }

    private static String bssid(String bssid) {
        if (bssid == null || !BSSID.matcher(bssid).matches()) {
            throw new IllegalArgumentException("job id must be letters, digits and ._:@[]- only, got '" + bssid + "'");
        }
        return bssid;
    }
}
