package org.udre.engine.lifecycle;

/**
 * The names of what a job's VM is made of, derived from the process instance alone (or, for a cluster node, from
 * its place in the cluster's plan): a retried step finds what an
 * earlier attempt made instead of making a twin, teardown finds everything even when a step died before recording
 * it, and an instance id is never reused, so neither is a name.
 */
public record VmNames(String domain, String volume) {

    private static final String PREFIX = "udre-";

    /** The names of a VM whose name was chosen beforehand, e.g. a cluster node ({@code <cluster>-<role>-<index>}). */
    public static VmNames named(String name) {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new IllegalArgumentException("not a VM name: '" + name + "'");
        }
        return new VmNames(name, name + ".qcow2");
    }

    /** The cloud-init seed volume a VM on a real host gets beside its disk. */
    public String seed() {
        return domain + "-seed.iso";
    }

    public static VmNames of(String processInstanceId) {
        if (processInstanceId == null || !processInstanceId.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("not a process instance id: '" + processInstanceId + "'");
        }
        String base = PREFIX + processInstanceId;
        return new VmNames(base, base + ".qcow2");
    }
}
