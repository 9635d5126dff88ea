package org.udre.connectors.tsi.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** TSI_GETFILECHUNK, TSI_PUTFILECHUNK, TSI_LS and TSI_DF, with the TSI's reply layout and error texts. */
final class FileCommands {
    private static final Pattern DF_LINE = Pattern.compile("(\\S+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+).+");
    private static final int MAX_DEPTH = 64;
    private static final char[] RWX = {'r', 'w', 'x'};

    private final LocalProcesses processes;

    FileCommands(LocalProcesses processes) {
        this.processes = processes;
    }

    /** Reply, raw bytes, and (written by the worker) the second ENDOFMESSAGE. */
    void getFileChunk(Message request, Map<String, String> env, UnixUser user, WorkerChannel channel)
            throws AgentFailure, IOException {
        String path = request.parameter("FILE");
        if (path == null) {
            throw new AgentFailure("'NoneType' object has no attribute 'replace'");
        }
        path = Message.expand(path, env);
        long start = PythonErrors.parseInt(request.parameter("START"));
        long length = PythonErrors.parseInt(request.parameter("LENGTH"));
        Path file = Path.of(path);
        if (Files.isDirectory(file)) {
            throw new AgentFailure(PythonErrors.errno(21, "Is a directory", path));
        }
        requirePermission(user, file, path, 'r');
        byte[] buffer;
        int filled = 0;
        try (SeekableByteChannel in = Files.newByteChannel(file, StandardOpenOption.READ)) {
            if (start < 0) {
                throw new AgentFailure("[Errno 22] Invalid argument");
            }
            if (length < 0) {
                throw new AgentFailure("negative count");
            }
            // The TSI reads the whole chunk before it answers, so the announced length is what follows.
            long available = Math.max(0, in.size() - start);
            buffer = new byte[(int) Math.min(Math.min(length, available), Integer.MAX_VALUE - 8)];
            in.position(start);
            ByteBuffer target = ByteBuffer.wrap(buffer);
            while (target.hasRemaining() && in.read(target) > 0) {
                // a file shorter than its size said (it shrank meanwhile) ends the chunk early
            }
            filled = target.position();
        } catch (IOException e) {
            throw new AgentFailure(PythonErrors.of(e, path));
        }
        channel.ok("TSI_LENGTH " + filled + "\nENDOFMESSAGE");
        channel.flush();
        channel.sendData(buffer, filled);
    }

    /** Opens the file, says OK, then takes exactly the announced bytes from the data socket. */
    void putFileChunk(Message request, Map<String, String> env, UnixUser user, WorkerChannel channel)
            throws AgentFailure, IOException {
        String pathAndMode = request.parameter("FILE");
        if (pathAndMode == null) {
            throw new AgentFailure("'NoneType' object has no attribute 'rindex'");
        }
        int blank = pathAndMode.lastIndexOf(' ');
        if (blank < 0) {
            throw new AgentFailure("substring not found");
        }
        String path = Message.expand(pathAndMode.substring(0, blank), env);
        String mode = pathAndMode.substring(blank + 1);
        String action = request.parameter("FILESACTION");
        long length = PythonErrors.parseInt(request.parameter("LENGTH"));
        // only 3 (append) is told apart; 0, 1, 2 and anything else create or truncate
        StandardOpenOption[] options = "3".equals(action)
                ? new StandardOpenOption[] {StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.APPEND}
                : new StandardOpenOption[] {StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING};
        Path file = Path.of(path);
        if (Files.isDirectory(file)) {
            throw new AgentFailure(PythonErrors.errno(21, "Is a directory", path));
        }
        boolean created = !Files.exists(file);
        if (created) {
            Path parent = file.toAbsolutePath().getParent();
            if (Files.exists(parent)) {
                requirePermission(user, parent, path, 'w');
                requirePermission(user, parent, path, 'x');
            }
        } else {
            requirePermission(user, file, path, 'w');
        }
        try (OutputStream out = Files.newOutputStream(file, options)) {
            if (created) {
                NobatchJobs.giveTo(file, user);
            }
            channel.ok("ENDOFMESSAGE");
            channel.flush();
            copyExactly(channel.dataIn(), out, length);
        } catch (WorkerChannel.Dropped | java.io.EOFException e) {
            // the client is gone: the worker ends
            throw e;
        } catch (IOException e) {
            throw new AgentFailure(PythonErrors.of(e, path));
        }
        try {
            Files.setPosixFilePermissions(file, permissions(Integer.parseInt(mode, 8)));
        } catch (IOException | RuntimeException ignored) {
            // since TSI 11.0 a failing chmod is ignored
        }
    }

    /** TSI_LS: a missing path is an empty listing, not an error. */
    void ls(Message request, Map<String, String> env, UnixUser user, WorkerChannel channel) throws AgentFailure, IOException {
        String path = request.parameter("FILE");
        if (path == null) {
            throw new AgentFailure("'NoneType' object has no attribute 'replace'");
        }
        path = Message.expand(path, env);
        String mode = request.parameter("LS_MODE");
        if (!"R".equals(mode) && !"A".equals(mode) && !"N".equals(mode)) {
            throw new AgentFailure("Unknown TSI_LS mode: '" + PythonErrors.str(mode) + "', must be one of 'R', 'A' or 'N'.");
        }
        StringBuilder out = new StringBuilder("START_LISTING");
        Path p = Path.of(path);
        if (Files.exists(p)) {
            try {
                if (Files.isDirectory(p) && !mode.equals("A")) {
                    listDirectory(out, path, mode.equals("R"), 0, user);
                } else {
                    out.append('\n').append(info(path, user));
                }
            } catch (IOException | RuntimeException ignored) {
                // the TSI lists what it could and stops at the first error
            }
        }
        out.append("\nEND_LISTING");
        channel.ok(out.toString());
    }

    /** TSI_DF: {@code df -P -B 1 <path>} through the shell, total and available bytes. */
    String df(Message request, Map<String, String> env, UnixUser user) throws AgentFailure {
        String path = request.parameter("FILE");
        if (path == null) {
            throw new AgentFailure("'NoneType' object has no attribute 'replace'");
        }
        String command = "df -P -B 1 " + Message.expand(path, env);
        LocalProcesses.Result result = processes.run(command, user);
        if (!result.ok()) {
            throw new AgentFailure(LocalProcesses.failure(command, result));
        }
        String total = "-1";
        String free = "-1";
        for (String line : result.output().split("\n")) {
            Matcher m = DF_LINE.matcher(line);
            if (m.matches()) {
                total = m.group(2);
                free = m.group(4);
            }
        }
        return "START_DF\nTOTAL " + total + "\nFREE " + free + "\nUSER -1\nEND_DF";
    }

    private void listDirectory(StringBuilder out, String path, boolean recursive, int depth, UnixUser user) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of(path))) {
            for (Path entry : entries) {
                String full = path.endsWith("/") ? path + entry.getFileName() : path + "/" + entry.getFileName();
                if (recursive && Files.isDirectory(entry) && depth < MAX_DEPTH) {
                    listDirectory(out, full, true, depth + 1, user);
                    out.append("\n<");
                }
                try {
                    out.append('\n').append(info(full, user));
                } catch (IOException | RuntimeException ignored) {
                    // entries that cannot be stat-ed are left out
                }
            }
        }
    }

    /** The two lines of one entry, for the user the command runs as (null: the agent's own user). */
    static String info(String path, UnixUser user) throws IOException {
        Path p = Path.of(path);
        Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid,size,lastModifiedTime,isDirectory,owner,group");
        int mode = (Integer) a.get("mode");
        StringBuilder perms = new StringBuilder("--");
        for (int bit = 8; bit >= 0; bit--) {
            perms.append((mode & (1 << bit)) != 0 ? RWX[(8 - bit) % 3] : '-');
        }
        boolean owned = ((Integer) a.get("uid")).longValue() == (user == null ? effectiveUid() : user.uid());
        return " " + ((Boolean) a.get("isDirectory") ? 'D' : ' ')
                + ((user == null ? Files.isReadable(p) : user.may(a, 'r')) ? 'R' : ' ')
                + ((user == null ? Files.isWritable(p) : user.may(a, 'w')) ? 'W' : ' ')
                + ((user == null ? Files.isExecutable(p) : user.may(a, 'x')) ? 'X' : ' ')
                + (owned ? 'O' : ' ')
                + " " + a.get("size") + " " + ((FileTime) a.get("lastModifiedTime")).toMillis() / 1000
                + " " + path.replace('\r', '?').replace('\n', '?')
                + "\n" + perms + " " + ((UserPrincipal) a.get("owner")).getName()
                + " " + ((GroupPrincipal) a.get("group")).getName();
    }

    /** The switched-to user's permission, judged as the kernel would if the TSI had changed its uid. */
    private static void requirePermission(UnixUser user, Path file, String shown, char what) throws AgentFailure {
        if (user == null) {
            return;
        }
        try {
            if (!user.may(Files.readAttributes(file, "unix:mode,uid,gid"), what)) {
                throw new AgentFailure(PythonErrors.errno(13, "Permission denied", shown));
            }
        } catch (IOException e) {
            throw new AgentFailure(PythonErrors.of(e, shown));
        }
    }

    static long effectiveUid() throws IOException {
        // /proc/self belongs to the effective user of the process looking at it
        return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
    }

    private static void copyExactly(InputStream in, OutputStream out, long count) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long remaining = count;
        while (remaining > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (n < 0) {
                throw new java.io.EOFException("data socket closed with " + remaining + " bytes still announced");
            }
            out.write(buffer, 0, n);
            remaining -= n;
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = java.util.EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] all = PosixFilePermission.values();
        for (int i = 0; i < 9; i++) {
            if ((mode & (1 << (8 - i))) != 0) {
                set.add(all[i]);
            }
        }
        return set;
    }
}
