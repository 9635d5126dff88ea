package org.udre.connectors.tsi;

import java.util.Map;

/**
 * The bodies of the messages the client sends, laid out line for line as UNICORE/X sends them (the framing, identity
 * line and terminator are added by {@link WorkerConnection}). Every argument has been checked by {@link UserText} or
 * by a value type's constructor before it gets here.
 */
final class Requests {
    static final String SCRIPT_HEADER = "#!/bin/bash\n";
    static final String EXIT_CODE_FILE = "UNICORE_SCRIPT_EXIT_CODE";

    private Requests() {
    }

    static String ping() {
        return "#TSI_PING";
    }

    static String executeScript(String script, boolean discardOutput) {
        return SCRIPT_HEADER + "#TSI_EXECUTESCRIPT\n" + (discardOutput ? "#TSI_DISCARD_OUTPUT true\n" : "")
                + "#TSI_SCRIPT\n" + withoutTrailingNewlines(script);
    }

    static String submit(JobSubmission job) {
        JobResources r = job.resources();
        StringBuilder sb = new StringBuilder(SCRIPT_HEADER).append("#TSI_SUBMIT\n\n");
        optional(sb, "RESERVATION_REFERENCE", r.reservation());
        header(sb, "OUTCOME_DIR", job.outcomeDirectory());
        header(sb, "USPACE_DIR", job.workingDirectory());
        header(sb, "STDOUT", job.stdout());
        header(sb, "STDERR", job.stderr());
        header(sb, "JOBNAME", job.jobName());
        header(sb, "EMAIL", job.email() == null ? "NONE" : job.email());
        optional(sb, "PROJECT", r.project());
        optional(sb, "QOS", r.qos());
        optional(sb, "EXCLUSIVE", r.exclusive() ? "true" : null);
        optional(sb, "BSS_NODES_FILTER", r.nodesFilter());
        if (r.wallTime() != null) {
            // whole seconds, rounded up so that a limit is never shorter than asked
            long seconds = r.wallTime().toSeconds() + (r.wallTime().toNanosPart() > 0 ? 1 : 0);
            header(sb, "TIME", Long.toString(seconds));
        }
        if (r.memoryPerNodeMiB() > 0) {
            header(sb, "MEMORY", Long.toString(r.memoryPerNodeMiB()));
        }
        if (r.gpusPerNode() > 0) {
            header(sb, "GPUS_PER_NODE", Integer.toString(r.gpusPerNode()));
        }
        header(sb, "NODES", count(r.nodes()));
        header(sb, "PROCESSORS_PER_NODE", count(r.processorsPerNode()));
        header(sb, "TOTAL_PROCESSORS", count(r.totalProcessors()));
        header(sb, "QUEUE", r.queue() == null ? "NONE" : r.queue());
        sb.append("#TSI_SCRIPT\n");
        for (Map.Entry<String, String> e : job.environment().entrySet()) {
            export(sb, e.getKey(), UserText.doubleQuoted(e.getValue()));
        }
        export(sb, "UC_WORKING_DIRECTORY", "\"" + job.workingDirectory() + "\"");
        export(sb, "UC_OUTPUT_DIRECTORY", "\"" + job.outcomeDirectory() + "\"");
        sb.append("cd ${UC_WORKING_DIRECTORY}\n");
        sb.append(withoutTrailingNewlines(job.script())).append('\n');
        sb.append("echo $? > ${UC_OUTPUT_DIRECTORY}/").append(EXIT_CODE_FILE).append('\n');
        return sb.toString();
    }

    static String statusListing() {
        return "#TSI_GETSTATUSLISTING";
    }

    static String jobDetails(String bssid) {
        return "#TSI_GETJOBDETAILS\n#TSI_BSSID " + bssid;
    }

    static String abort(String bssid) {
        return "#TSI_ABORTJOB\n#TSI_BSSID " + bssid;
    }

    static String hold(String bssid) {
        return "#TSI_HOLDJOB\n#TSI_BSSID " + bssid;
    }

    static String resume(String bssid) {
        return "#TSI_RESUMEJOB\n#TSI_BSSID " + bssid;
    }

    /** @param mode A = the path itself, N = a directory's children, R = recursive */
    static String ls(String path, char mode) {
        return "#TSI_LS\n#TSI_LS_MODE " + mode + "\n#TSI_FILE " + path;
    }

    static String getFileChunk(String path, long start, long length) {
        return "#TSI_GETFILECHUNK\n#TSI_FILE " + path + "\n#TSI_START " + start + "\n#TSI_LENGTH " + length;
    }

    /** @param octalMode e.g. {@code 644}; the TSI chmods the file to it after writing */
    static String putFileChunk(String path, String octalMode, long length, boolean append) {
        return "#TSI_PUTFILECHUNK\n#TSI_FILESACTION " + (append ? "3" : "0") + "\n#TSI_FILE " + path + " " + octalMode
                + "\n#TSI_LENGTH " + length;
    }

    static String df(String path) {
        return "#TSI_DF\n#TSI_FILE " + path;
    }

    private static void header(StringBuilder sb, String name, String value) {
        sb.append("#TSI_").append(name).append(' ').append(value).append('\n');
    }

    private static void optional(StringBuilder sb, String name, String value) {
        if (value != null) {
            header(sb, name, value);
        }
    }

    private static void export(StringBuilder sb, String name, String quotedValue) {
        sb.append(name).append('=').append(quotedValue).append("; export ").append(name).append('\n');
    }

    private static String count(int value) {
        return value > 0 ? Integer.toString(value) : "-1";
    }

    private static String withoutTrailingNewlines(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(0, end);
    }
}
