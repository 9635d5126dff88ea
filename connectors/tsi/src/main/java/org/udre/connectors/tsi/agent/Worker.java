package org.udre.connectors.tsi.agent;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One worker: what the TSI forks for each {@code newtsiprocess}. Handles the commands of one command socket strictly
 * one after another and ends when the client closes it. There is no idle timeout, as in the TSI.
 */
final class Worker implements Runnable {
    private static final System.Logger LOG = System.getLogger(Worker.class.getName());

    /** The TSI tries the tags in this order and the first one present wins, wherever it stands in the message. */
    static final List<String> TAGS = List.of("TSI_PING", "TSI_PING_UID", "TSI_GET_USER_INFO", "TSI_EXECUTESCRIPT",
            "TSI_GETFILECHUNK", "TSI_PUTFILECHUNK", "TSI_LS", "TSI_DF", "TSI_UFTP", "TSI_SUBMIT",
            "TSI_RUN_ON_LOGIN_NODE", "TSI_GETSTATUSLISTING", "TSI_GETPROCESSLISTING", "TSI_GETJOBDETAILS",
            "TSI_GET_PARTITIONS", "TSI_ABORTJOB", "TSI_HOLDJOB", "TSI_RESUMEJOB", "TSI_GET_COMPUTE_BUDGET",
            "TSI_MAKE_RESERVATION", "TSI_QUERY_RESERVATION", "TSI_CANCEL_RESERVATION", "TSI_FILE_ACL");

    private final TsiAgent agent;
    private final WorkerChannel channel;
    private final LocalProcesses processes;
    private final NobatchJobs jobs;
    private final FileCommands files;

    Worker(TsiAgent agent, WorkerChannel channel, LocalProcesses processes, NobatchJobs jobs) {
        this.agent = agent;
        this.channel = channel;
        this.processes = processes;
        this.jobs = jobs;
        this.files = new FileCommands(processes);
    }

    @Override
    public void run() {
        try (channel) {
            while (true) {
                List<String> lines;
                try {
                    lines = channel.readMessage();
                } catch (EOFException e) {
                    LOG.log(System.Logger.Level.DEBUG, "worker for {0}: peer shutdown", channel.peer());
                    return;
                }
                if (agent.fault() == Fault.SLOW_REPLIES) {
                    sleep(agent.settings().slowReplyDelay().toMillis());
                }
                handle(new Message(lines));
                channel.end();
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "worker for {0} ends: {1}", channel.peer(), e.getMessage());
        } finally {
            agent.workerEnded(this);
        }
    }

    void stop() {
        channel.close();
    }

    private void handle(Message m) throws IOException {
        String tag = TAGS.stream().filter(m::hasTag).findFirst().orElse(null);
        if (tag == null) {
            channel.failed("Unknown #TSI_* command");
            return;
        }
        if (tag.equals("TSI_PING")) {
            channel.ok(agent.settings().version());
            return;
        }
        if (agent.fault() == Fault.ANSWER_FAILED) {
            channel.failed("fault injected: " + Fault.ANSWER_FAILED);
            return;
        }
        Map<String, String> env = System.getenv();
        UnixUser user = null;
        if (agent.settings().switchUser()) {
            if (!agent.runsAsRoot()) {
                // what a TSI configured to switch users but started without the right to does: fail, then die
                channel.failed("[Errno 1] Operation not permitted");
                channel.flush();
                throw new WorkerChannel.Dropped();
            }
            String[] identity = m.identity();
            try {
                if (identity == null) {
                    throw new AgentFailure("No user/group info given");
                }
                user = UnixUser.resolve(identity[0], identity[1]);
            } catch (AgentFailure e) {
                channel.failed(e.getMessage());
                return;
            }
            env = new java.util.HashMap<>(env);
            env.putAll(user.environment());
        }
        // Unprivileged (user == null): the identity line is ignored, everything runs as the agent's own user.
        try {
            dispatch(tag, m, env, user);
        } catch (AgentFailure e) {
            channel.failed(e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "error in " + tag, e);
            channel.failed(String.valueOf(e.getMessage()));
        }
    }

    private void dispatch(String tag, Message m, Map<String, String> env, UnixUser user) throws AgentFailure, IOException {
        switch (tag) {
            case "TSI_PING_UID" -> channel.ok(agent.settings().version() + "\n running as UID [" + uid() + "]");
            case "TSI_GET_USER_INFO" -> channel.line(userInfo(m));
            case "TSI_EXECUTESCRIPT" -> executeScript(m, user);
            case "TSI_GETFILECHUNK" -> files.getFileChunk(m, env, user, channel);
            case "TSI_PUTFILECHUNK" -> files.putFileChunk(m, env, user, channel);
            case "TSI_LS" -> files.ls(m, env, user, channel);
            case "TSI_DF" -> channel.ok(files.df(m, env, user));
            case "TSI_UFTP" -> channel.failed("UFTP transfers are not supported by this TSI");
            case "TSI_SUBMIT" -> channel.ok(jobs.submit(m, env, user));
            case "TSI_RUN_ON_LOGIN_NODE" -> channel.ok(Long.toString(jobs.runOnLoginNode(m, env, user)));
            case "TSI_GETSTATUSLISTING" -> channel.ok(jobs.statusListing(user));
            case "TSI_GETPROCESSLISTING" ->
                    runAndReport(m.parameter("PS") == null ? NobatchJobs.PROCESSES_COMMAND : m.parameter("PS"), user);
            case "TSI_GETJOBDETAILS" -> channel.ok(NobatchJobs.details(m.parameter("BSSID")));
            case "TSI_GET_PARTITIONS" -> channel.ok("{}\n");
            case "TSI_ABORTJOB" -> runAndReport(NobatchJobs.abortCommand(m.parameter("BSSID")), user);
            case "TSI_HOLDJOB", "TSI_RESUMEJOB" -> channel.ok("\n");
            case "TSI_GET_COMPUTE_BUDGET" -> channel.ok("USER -1\n");
            case "TSI_MAKE_RESERVATION", "TSI_QUERY_RESERVATION", "TSI_CANCEL_RESERVATION" ->
                    channel.failed("Reservation not supported!");
            case "TSI_FILE_ACL" -> fileAcl(m);
            default -> throw new IllegalStateException("tag without handler: " + tag);
        }
    }

    private void executeScript(Message m, UnixUser user) throws AgentFailure, IOException {
        if (m.text().contains("#TSI_DISCARD_OUTPUT true\n")) {
            processes.startInNewSession(processes.shell(m.text()), agent.settings().safeDir(), user);
            channel.ok("");
            return;
        }
        runAndReport(m.text(), user);
    }

    private void runAndReport(String command, UnixUser user) throws AgentFailure, IOException {
        LocalProcesses.Result result = processes.run(command, user);
        if (result.ok()) {
            channel.ok(result.output());
        } else {
            channel.failed(LocalProcesses.failure(command, result));
        }
    }

    private void fileAcl(Message m) throws IOException {
        String operation = m.parameter("ACL_OPERATION");
        switch (PythonErrors.str(operation)) {
            case "CHECK_SUPPORT" -> channel.ok("false");
            case "GETFACL" -> channel.failed("ERROR: Getting ACL on this file system is unsupported.");
            case "SETFACL" -> channel.failed("ERROR: Setting ACL on this file system is unsupported.");
            default -> channel.failed("UNSUPPORTED_OPERATION: '" + PythonErrors.str(operation) + "'");
        }
    }

    /** home, the keys of ~/.ssh/authorized_keys, and a status text about the key files, as the TSI reports them. */
    private String userInfo(Message m) throws AgentFailure {
        String[] identity = m.identity();
        if (identity == null) {
            throw new AgentFailure("No user/group info given");
        }
        String home = UnixUser.homeOf(identity[0]);
        if (home == null) {
            throw new AgentFailure("No home directory found for user " + identity[0]);
        }
        StringBuilder response = new StringBuilder("TSI_OK\nhome: ").append(home).append('\n');
        String keyFile = Path.of(home, ".ssh/authorized_keys").toString();
        String status;
        try {
            int i = 0;
            for (String line : Files.readAllLines(Path.of(keyFile))) {
                if (!line.startsWith("#")) {
                    response.append("Accepted key ").append(i++).append(": ").append(line.strip()).append('\n');
                }
            }
            status = " keyfile " + keyFile + " : OK";
        } catch (IOException e) {
            status = " keyfile " + keyFile + " : " + PythonErrors.of(e, keyFile);
        }
        return response.append("status: ").append(status).append('\n').toString();
    }

    private static String uid() {
        try {
            return Files.getAttribute(Path.of("/proc/self"), "unix:uid").toString();
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
