package org.udre.connectors.tsi.agent;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs commands the way the TSI does ({@code /bin/bash -l -c}, output and errors merged) and starts background ones in
 * a session of their own, remembering them so that closing the agent can end them and everything they started.
 */
final class LocalProcesses {
    private static final File DEV_NULL = new File("/dev/null");

    private final Path workingDirectory;
    private final List<String> shell;
    private final List<Process> started = new CopyOnWriteArrayList<>();

    LocalProcesses(Path workingDirectory, boolean loginShell) {
        this.workingDirectory = workingDirectory;
        this.shell = loginShell ? List.of("/bin/bash", "-l", "-c") : List.of("/bin/bash", "-c");
    }

    /** bash with its options, followed by the command: how the TSI runs every script and shell command. */
    List<String> shell(String command) {
        List<String> argv = new ArrayList<>(shell);
        argv.add(command);
        return argv;
    }

    record Result(int code, String output) {
        boolean ok() {
            return code == 0;
        }
    }

    /**
     * Runs a command to its end in the safe directory.
     *
     * @param runAs the user to run it as, or null for the agent's own user
     */
    Result run(String command, UnixUser runAs) throws AgentFailure {
        List<String> argv = new ArrayList<>();
        if (runAs != null) {
            argv.addAll(runAs.setpriv());
        }
        argv.addAll(shell(command));
        ProcessBuilder pb = new ProcessBuilder(argv)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL));
        if (runAs != null) {
            pb.environment().putAll(runAs.environment());
        }
        try {
            Process p = pb.start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (InputStream in = p.getInputStream()) {
                in.transferTo(out);
            }
            int code = p.waitFor();
            return new Result(code, out.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AgentFailure("[Errno 2] No such file or directory: '/bin/bash'");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgentFailure("interrupted while running: " + command);
        }
    }

    /** The TSI's text for a command that exited non-zero. */
    static String failure(String command, Result result) {
        return "Command '" + command + "' failed with code " + result.code() + ": " + result.output();
    }

    /**
     * Starts {@code argv} in a new session with output discarded and returns its pid, which is also the session id
     * ({@code setsid} does not need to fork: a child of the JVM is not a process group leader).
     */
    long startInNewSession(List<String> argv, Path directory, UnixUser runAs) throws AgentFailure {
        List<String> command = new ArrayList<>();
        command.add("setsid");
        if (runAs != null) {
            command.addAll(runAs.setpriv());
        }
        command.addAll(argv);
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        if (runAs != null) {
            pb.environment().putAll(runAs.environment());
        }
        try {
            Process p = pb.start();
            started.add(p);
            started.removeIf(q -> !q.isAlive());
            awaitOwnSession(p);
            return p.pid();
        } catch (IOException e) {
            throw new AgentFailure(e.getMessage());
        }
    }

    /**
     * Returns once the new process leads its own session. Until setsid has run, the process still belongs to the
     * agent's session, and an abort in that moment would signal the agent itself (the TSI's abort kills a session).
     */
    private static void awaitOwnSession(Process p) throws AgentFailure {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (p.isAlive() && sessionOf(p.pid()) != p.pid()) {
            if (System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new AgentFailure("process " + p.pid() + " did not start a session of its own");
            }
            Thread.onSpinWait();
        }
    }

    /** The arguments of a process joined by blanks, as ps shows them; empty if it is gone. */
    static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ').strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** The session id of a process (field 6 of /proc/PID/stat), or -1 if it is gone. */
    static long sessionOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) is in parentheses and may contain blanks: count from its end
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[3]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Kills every process in the sessions this agent started (the jobs and whatever they started). */
    void killAll() {
        for (Process p : started) {
            long sid = p.pid();
            for (long pid : sessionMembers(sid)) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            p.destroyForcibly();
        }
        started.clear();
    }

    /** Pids whose session id is {@code sid}, read from /proc (field 6 of /proc/PID/stat). */
    static List<Long> sessionMembers(long sid) {
        List<Long> members = new ArrayList<>();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path dir : proc) {
                long pid = Long.parseLong(dir.getFileName().toString());
                if (sessionOf(pid) == sid) {
                    members.add(pid);
                }
            }
        } catch (IOException ignored) {
            // no /proc: nothing we can find
        }
        return members;
    }
}
