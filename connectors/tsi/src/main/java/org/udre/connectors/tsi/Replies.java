package org.udre.connectors.tsi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.udre.connectors.tsi.wire.Wire;

/** Parses what comes back. Tolerates both dialects: 11.x puts {@code TSI_OK} first, 10.x left it out for some commands. */
final class Replies {
    private Replies() {
    }

    /**
     * The payload lines of a reply (after {@code TSI_OK}, if present).
     *
     * @throws TsiFailedException   for {@code TSI_FAILED: <reason>}
     * @throws TsiProtocolException for an empty reply
     */
    static List<String> payload(String command, List<String> lines) {
        if (lines.isEmpty()) {
            throw new TsiProtocolException("empty reply to " + command);
        }
        String first = lines.get(0);
        if (first.startsWith("TSI_FAILED")) {
            String reason = first.startsWith(Wire.FAILED_PREFIX) ? first.substring(Wire.FAILED_PREFIX.length())
                    : first.substring("TSI_FAILED".length()).replaceFirst("^:?\\s*", "");
            throw new TsiFailedException(command, reason);
        }
        return first.equals(Wire.OK) ? lines.subList(1, lines.size()) : lines;
    }

    /** The first non-blank payload line: a version, a job id. */
    static String single(String command, List<String> payload) {
        return payload.stream().map(String::trim).filter(s -> !s.isEmpty()).findFirst()
                .orElseThrow(() -> new TsiProtocolException("reply to " + command + " has no value: " + payload));
    }

    /**
     * Script output exactly as printed: the TSI sends the output plus one line end, so joining the payload lines with
     * line ends gives the output back.
     */
    static String text(List<String> payload) {
        return String.join("\n", payload);
    }

    static Map<String, JobState> statusListing(List<String> payload) {
        Map<String, JobState> states = new LinkedHashMap<>();
        boolean header = false;
        for (String raw : payload) {
            String line = raw.trim();
            if (line.isEmpty()) {
                continue;
            }
            if (!header) {
                if (!line.equals("QSTAT")) {
                    throw new TsiProtocolException("status listing must start with QSTAT, got '" + raw + "'");
                }
                header = true;
                continue;
            }
            String[] fields = line.split("\\s+");
            if (fields.length < 2) {
                throw new TsiProtocolException("status line needs a job id and a state, got '" + raw + "'");
            }
            JobState state;
            try {
                state = JobState.valueOf(fields[1]);
            } catch (IllegalArgumentException e) {
                throw new TsiProtocolException("unknown job state '" + fields[1] + "' in status line '" + raw + "'");
            }
            states.merge(fields[0], state, (had, now) -> now.strength() > had.strength() ? now : had);
        }
        if (!header) {
            throw new TsiProtocolException("status listing without QSTAT line: " + payload);
        }
        return states;
    }

    static List<FileEntry> listing(List<String> payload) {
        List<FileEntry> entries = new ArrayList<>();
        boolean started = false;
        for (int i = 0; i < payload.size(); i++) {
            String line = payload.get(i);
            if (line.equals("START_LISTING")) {
                started = true;
                continue;
            }
            if (line.equals("END_LISTING")) {
                return entries;
            }
            if (!started || line.isBlank() || line.equals("<")) {
                continue;
            }
            if (i + 1 >= payload.size() || !payload.get(i + 1).startsWith("--")) {
                throw new TsiProtocolException("listing entry '" + line + "' is not followed by a --permissions line");
            }
            entries.add(entry(line, payload.get(++i)));
        }
        throw new TsiProtocolException("listing without START_LISTING/END_LISTING: " + payload);
    }

    private static FileEntry entry(String line, String extended) {
        // " DRWXO <size> <mtime> <path>" then "--rwxr-xr-x <owner> <group>"
        if (line.length() < 8 || line.charAt(6) != ' ') {
            throw new TsiProtocolException("malformed listing line '" + line + "'");
        }
        String[] rest = line.substring(7).split(" ", 3);
        String[] ext = extended.substring(2).split(" ");
        if (rest.length < 3 || ext.length < 3 || ext[0].length() != 9) {
            throw new TsiProtocolException("malformed listing entry '" + line + "' / '" + extended + "'");
        }
        try {
            return new FileEntry(rest[2], line.charAt(1) == 'D', Long.parseLong(rest[0]),
                    Instant.ofEpochSecond(Long.parseLong(rest[1])), ext[0], ext[1], ext[2],
                    line.charAt(2) == 'R', line.charAt(3) == 'W', line.charAt(4) == 'X', line.charAt(5) == 'O');
        } catch (IllegalArgumentException e) {
            throw new TsiProtocolException("malformed listing entry '" + line + "': " + e.getMessage());
        }
    }

    static DiskUsage diskUsage(List<String> payload) {
        Long total = null;
        Long free = null;
        Long user = null;
        for (String line : payload) {
            String[] f = line.trim().split("\\s+");
            if (f.length != 2) {
                continue;
            }
            try {
                switch (f[0]) {
                    case "TOTAL" -> total = Long.parseLong(f[1]);
                    case "FREE" -> free = Long.parseLong(f[1]);
                    case "USER" -> user = Long.parseLong(f[1]);
                    default -> {
                    }
                }
            } catch (NumberFormatException e) {
                throw new TsiProtocolException("disk usage value is not a number: '" + line + "'");
            }
        }
        if (total == null || free == null) {
            throw new TsiProtocolException("disk usage reply lacks TOTAL or FREE: " + payload);
        }
        return new DiskUsage(total, free, user == null ? -1 : user);
    }
}
