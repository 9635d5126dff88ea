package org.udre.connectors.libvirt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a guest's TSI needs to know, handed to the guest as a cloud-init {@link NoCloudSeed}: the engine's address
 * (allowed, and where the TSI calls back to), the TSI's port, who else may connect, which local users jobs may run
 * as, and where job directories go.
 *
 * <p>The seed carries it twice, so that both kinds of image behave the same: as {@code udre.env}, a file of shell
 * assignments a small guest without cloud-init sources; and as a {@code #cloud-config} user-data that writes the
 * same file to {@code /etc/udre/udre.env} and runs {@code /usr/sbin/udre-tsi-start}, the start script every image
 * carrying UDRE's TSI provides.
 *
 * @param instanceId       cloud-init's instance id, e.g. the domain name; a new id makes cloud-init run again
 * @param hostname         the guest's host name
 * @param engineAddress    the engine's address as the guest sees it, e.g. the NAT network's gateway
 *                         ({@link LibvirtHost#networkGateway})
 * @param tsiPort          the port the TSI listens on
 * @param allowedAddresses further addresses allowed to talk to the TSI (the engine's is always allowed)
 * @param users            local accounts of the job owner's mapping; the guest creates missing ones (whether jobs
 *                         run as them is the TSI's choice: udre-guest's agent runs them as root by default)
 * @param workspace        absolute directory for job directories, or null for the image's default
 */
public record GuestContext(String instanceId, String hostname, String engineAddress, int tsiPort,
                           List<String> allowedAddresses, List<String> users, String workspace) {

    /** The file name in the seed, and the start script's path in the image. */
    public static final String ENV_FILE = "udre.env";
    public static final String START_SCRIPT = "/usr/sbin/udre-tsi-start";
    static final String ENV_PATH = "/etc/udre/udre.env";

    /** An IP address (v4 or v6) or a DNS name: no quotes, spaces or shell characters can get into the file. */
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.:-]{0,252}");
    private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9/._-]{0,254}");

    public GuestContext {
        LibvirtNames.require("instance id", instanceId);
        if (hostname == null || !HOSTNAME.matcher(hostname).matches()) {
            throw new IllegalArgumentException("host name " + quoted(hostname)
                    + " is not 1-63 letters, digits and inner hyphens (instance '" + instanceId + "')");
        }
        requireAddress("engine address", engineAddress, instanceId);
        if (tsiPort < 1 || tsiPort > 65535) {
            throw new IllegalArgumentException("TSI port " + tsiPort + " is not between 1 and 65535 (instance '"
                    + instanceId + "')");
        }
        requireList("allowed addresses", allowedAddresses, instanceId)
                .forEach(address -> requireAddress("allowed address", address, instanceId));
        allowedAddresses = List.copyOf(allowedAddresses);
        for (String user : requireList("users", users, instanceId)) {
            if (user == null || !USER.matcher(user).matches() || user.equals("root")) {
                throw new IllegalArgumentException("user " + quoted(user) + " is not a Unix user name other than"
                        + " root (instance '" + instanceId + "')");
            }
        }
        users = List.copyOf(users);
        if (workspace != null && (!PATH.matcher(workspace).matches() || workspace.contains(".."))) {
            throw new IllegalArgumentException("workspace " + quoted(workspace) + " is not an absolute path of"
                    + " letters, digits, '/', '.', '_' and '-' (instance '" + instanceId + "')");
        }
    }

    /** The engine's address and no other, no extra users, the image's workspace. */
    public static GuestContext of(String instanceId, String hostname, String engineAddress, int tsiPort) {
        return new GuestContext(instanceId, hostname, engineAddress, tsiPort, List.of(), List.of(), null);
    }

    /** {@code udre.env}: KEY='value' lines, sourced by the guest's start script. */
    public String env() {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("ENGINE_ADDRESS", engineAddress);
        entries.put("TSI_PORT", Integer.toString(tsiPort));
        entries.put("TSI_ALLOW", String.join(",", allowed()));
        entries.put("TSI_USERS", String.join(" ", users));
        if (workspace != null) {
            entries.put("TSI_WORKSPACE", workspace);
        }
        StringBuilder env = new StringBuilder("# What this guest's TSI needs; written by UDRE at boot.\n");
        entries.forEach((key, value) -> env.append(key).append("='").append(value).append("'\n"));
        return env.toString();
    }

    /** The seed: meta-data with instance id and host name, the cloud-config user-data, and {@code udre.env}. */
    public NoCloudSeed seed() {
        String metaData = "instance-id: " + instanceId + "\nlocal-hostname: " + hostname + "\n";
        StringBuilder userData = new StringBuilder("""
                #cloud-config
                # The TSI's set-up, as in udre.env beside this file; the image's start script reads it from there.
                write_files:
                  - path: %s
                    permissions: '0644'
                    content: |
                """.formatted(ENV_PATH));
        env().lines().forEach(line -> userData.append("      ").append(line).append('\n'));
        userData.append("runcmd:\n  - [").append(START_SCRIPT).append("]\n");
        return new NoCloudSeed(metaData, userData.toString(), Map.of(ENV_FILE, env()));
    }

    private List<String> allowed() {
        List<String> allowed = new ArrayList<>(List.of(engineAddress));
        allowedAddresses.stream().filter(address -> !allowed.contains(address)).forEach(allowed::add);
        return allowed;
    }

    private static List<String> requireList(String what, List<String> list, String instanceId) {
        if (list == null) {
            throw new IllegalArgumentException(what + " are missing (instance '" + instanceId + "'); use an empty list");
        }
        return list;
    }

    private static void requireAddress(String what, String address, String instanceId) {
        if (address == null || !ADDRESS.matcher(address).matches()) {
            throw new IllegalArgumentException(what + " " + quoted(address) + " is not an IP address or host name"
                    + " (instance '" + instanceId + "')");
        }
    }

    private static String quoted(String value) {
        return value == null ? "(none)" : LibvirtNames.quote(value);
    }
}
