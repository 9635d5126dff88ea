package org.udre.connectors.tsi.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jobs as the TSI's "nobatch" variant runs them: a job is a local process in a session of its own, found again by
 * the {@code UNICORE_Job_<id>} in its command line. Listing, abort and process listing use the same shell commands as
 * the real TSI, so the agent answers exactly as a real TSI on the same host would.
 */
final class NobatchJobs {
    static final String QSTAT_COMMAND = "ps -e -os,args";
    static final String ABORT_COMMAND = "SID=$(ps -e -osid,args | grep \"nice .* ./UNICORE_Job_%s\" | grep -v \"grep \" "
            + "| egrep -o \"^\\s*([0-9]+)\" ); pkill -SIGTERM -s $SID";
    static final String PROCESSES_COMMAND = "ps -e";
    private static final Pattern QSTAT_LINE = Pattern.compile("(\\w) .*UNICORE_Job_(\\d+).*");
    private static final List<String> STRENGTH = List.of("COMPLETED", "QUEUED", "SUSPENDED", "RUNNING", "UNKNOWN");
    private static final String RANDOM_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private final LocalProcesses processes;
    private final AtomicLong lastSuffix = new AtomicLong(-1);
    private final SecureRandom random = new SecureRandom();

    NobatchJobs(LocalProcesses processes) {
        this.processes = processes;
    }

    /** TSI_SUBMIT: writes the message as the job file and starts it niced, with the wall time and memory limits. */
    String submit(Message request, Map<String, String> env, UnixUser user) throws AgentFailure {
        Message m = request.withVariablesExpanded(env);
        String outcome = m.parameter("OUTCOME_DIR");
        String uspace = m.parameter("USPACE_DIR");
        String stdout = PythonErrors.str(m.parameter("STDOUT"));
        String stderr = PythonErrors.str(m.parameter("STDERR"));
        long time = m.number("TIME");
        long memory = m.number("MEMORY");
        String ulimits = memory > 0 ? "ulimit -v " + memory * 1024 + ";" : "";
        String timeout = time > 0 ? "timeout -k " + (long) (0.01 * time) + " " + time : "";
        Path dir = enter(uspace);
        if (outcome == null) {
            throw new AgentFailure("stat: path should be string, bytes, os.PathLike or integer, not NoneType");
        }
        Path outcomeDir = dir.resolve(outcome);
        try {
            if (!Files.exists(outcomeDir)) {
                Files.createDirectory(outcomeDir);
            }
        } catch (IOException e) {
            throw new AgentFailure(PythonErrors.of(e, outcome));
        }
        addPermissions(outcomeDir, outcome, EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE));
        giveTo(outcomeDir, user);
        String id = ProcessHandle.current().pid() + String.format("%08d", nextSuffix());
        String jobFile = "UNICORE_Job_" + id;
        writeJobFile(dir, jobFile, m.text(), EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE));
        giveTo(dir.resolve(jobFile), user);
        String command = String.format("%s %s nice -n %s %s ./%s > %s/%s 2> %s/%s", ulimits, "ionice -c 3", 100, timeout,
                jobFile, outcome, stdout, outcome, stderr);
        long session = processes.startInNewSession(List.of("/bin/sh", "-c", command), dir, user);
        awaitSettled(session);
        return id;
    }

    /**
     * Waits (briefly) until the job's shell has started the job script. Before that, the shell's forked child and the
     * ionice and nice stages also match the TSI's abort command, which then finds the session twice and fails: the
     * real TSI has that race right after a submit; the agent answers a moment later instead.
     */
    private static void awaitSettled(long session) {
        long deadline = System.nanoTime() + 2_000_000_000L;
        // Pauses that grow from 1 ms: each look scans /proc, and spinning would take the CPU from the very stages
        // being waited for (niced), which on a small host with many submits at once made every submit slower.
        long pauseMillis = 1;
        while (System.nanoTime() < deadline) {
            long matching = LocalProcesses.sessionMembers(session).stream()
                    .filter(pid -> LocalProcesses.commandLine(pid).contains("nice ")).count();
            if (matching <= 1) {
                return;
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            pauseMillis = Math.min(pauseMillis * 2, 16);
        }
    }

    /** TSI_RUN_ON_LOGIN_NODE: like submit without nice and limits; the reply is the process id. */
    long runOnLoginNode(Message request, Map<String, String> env, UnixUser user) throws AgentFailure {
        Message m = request.withVariablesExpanded(env);
        String outcome = m.parameter("OUTCOME_DIR");
        String uspace = m.parameter("USPACE_DIR");
        Path dir = enter(uspace);
        if (outcome == null) {
            throw new AgentFailure("stat: path should be string, bytes, os.PathLike or integer, not NoneType");
        }
        Path outcomeDir = dir.resolve(outcome);
        try {
            if (!Files.exists(outcomeDir)) {
                Files.createDirectory(outcomeDir);
                addPermissions(outcomeDir, outcome, EnumSet.of(PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
            }
        } catch (IOException e) {
            throw new AgentFailure(PythonErrors.of(e, outcome));
        }
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            suffix.append(RANDOM_CHARS.charAt(random.nextInt(RANDOM_CHARS.length())));
        }
        String jobFile = "UNICORE_Job_" + suffix;
        writeJobFile(dir, jobFile, m.text(), EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE));
        giveTo(dir.resolve(jobFile), user);
        String command = String.format("./%s > %s/%s 2> %s/%s", jobFile, outcome, PythonErrors.str(m.parameter("STDOUT")),
                outcome, PythonErrors.str(m.parameter("STDERR")));
        return processes.startInNewSession(processes.shell(command), dir, user);
    }

    /** TSI_GETSTATUSLISTING: every process on the host whose command line names a job file. */
    String statusListing(UnixUser user) throws AgentFailure {
        LocalProcesses.Result ps = processes.run(QSTAT_COMMAND, user);
        if (!ps.ok()) {
            throw new AgentFailure(LocalProcesses.failure(QSTAT_COMMAND, ps));
        }
        Map<String, String[]> states = new LinkedHashMap<>();
        for (String line : ps.output().split("\n")) {
            Matcher matcher = QSTAT_LINE.matcher(line);
            if (!matcher.find()) {
                continue;
            }
            String raw = matcher.group(1);
            String state = raw.equals("T") ? "SUSPENDED" : "RUNNING";
            String[] had = states.get(matcher.group(2));
            if (had == null || STRENGTH.indexOf(state) > STRENGTH.indexOf(had[0])) {
                states.put(matcher.group(2), new String[] {state, raw});
            }
        }
        StringBuilder sb = new StringBuilder("QSTAT\n");
        states.forEach((id, s) -> sb.append(' ').append(id).append(' ').append(s[0]).append(" NOBATCH ").append(s[1]).append('\n'));
        return sb.toString();
    }

    /** The abort command for a job id; run as a shell command, reported as the TSI does. */
    static String abortCommand(String bssid) {
        return String.format(ABORT_COMMAND, PythonErrors.str(bssid));
    }

    static String details(String bssid) {
        return "No info available for job " + PythonErrors.str(bssid) + " \n";
    }

    /** Files the agent makes for a job belong to the job's user, as if that user had made them. */
    static void giveTo(Path path, UnixUser user) throws AgentFailure {
        if (user == null) {
            return;
        }
        try {
            Files.setAttribute(path, "unix:uid", (int) user.uid());
            Files.setAttribute(path, "unix:gid", (int) user.gid());
        } catch (IOException e) {
            throw new AgentFailure(PythonErrors.of(e, path.toString()));
        }
    }

    private Path enter(String uspace) throws AgentFailure {
        if (uspace == null) {
            throw new AgentFailure("chdir: path should be string, bytes, os.PathLike or integer, not NoneType");
        }
        Path dir = Path.of(uspace);
        if (!Files.exists(dir)) {
            throw new AgentFailure(PythonErrors.errno(2, "No such file or directory", uspace));
        }
        if (!Files.isDirectory(dir)) {
            throw new AgentFailure(PythonErrors.errno(20, "Not a directory", uspace));
        }
        return dir.toAbsolutePath();
    }

    private static void writeJobFile(Path dir, String name, String text, Set<PosixFilePermission> add) throws AgentFailure {
        Path file = dir.resolve(name);
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AgentFailure(PythonErrors.of(e, name));
        }
        addPermissions(file, name, add);
    }

    private static void addPermissions(Path path, String shown, Set<PosixFilePermission> add) throws AgentFailure {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
            if (!perms.containsAll(add)) {
                perms.addAll(add);
                Files.setPosixFilePermissions(path, perms);
            }
        } catch (IOException e) {
            throw new AgentFailure(PythonErrors.of(e, shown));
        }
    }

    /** The last 8 digits of the epoch milliseconds, as the TSI takes them, but never the same twice in one agent. */
    private long nextSuffix() {
        return lastSuffix.updateAndGet(last -> {
            long now = System.currentTimeMillis() % 100_000_000L;
            return now > last ? now : (last + 1) % 100_000_000L;
        });
    }
}
