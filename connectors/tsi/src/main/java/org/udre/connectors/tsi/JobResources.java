package org.udre.connectors.tsi;

import java.time.Duration;

/**
 * What a job asks of the batch system. Zero counts and null texts mean "not requested" (the TSI's -1 and NONE). The
 * nobatch TSI honours only the wall time (as {@code timeout}) and the memory (as {@code ulimit -v}).
 *
 * @param wallTime          {@code #TSI_TIME}, whole seconds; null = none
 * @param memoryPerNodeMiB  {@code #TSI_MEMORY}, MiB per node; 0 = none
 * @param nodes             {@code #TSI_NODES}
 * @param processorsPerNode {@code #TSI_PROCESSORS_PER_NODE}
 * @param totalProcessors   {@code #TSI_TOTAL_PROCESSORS}
 * @param gpusPerNode       {@code #TSI_GPUS_PER_NODE}
 * @param queue             {@code #TSI_QUEUE} (partition)
 * @param project           {@code #TSI_PROJECT} (account)
 * @param qos               {@code #TSI_QOS}
 * @param reservation       {@code #TSI_RESERVATION_REFERENCE}
 * @param nodesFilter       {@code #TSI_BSS_NODES_FILTER} (node constraint)
 * @param exclusive         {@code #TSI_EXCLUSIVE true} when set
 */
public record JobResources(Duration wallTime, long memoryPerNodeMiB, int nodes, int processorsPerNode,
                           int totalProcessors, int gpusPerNode, String queue, String project, String qos,
                           String reservation, String nodesFilter, boolean exclusive) {
    public static final JobResources NONE = new JobResources(null, 0, 0, 0, 0, 0, null, null, null, null, null, false);

    public JobResources {
        if (wallTime != null && (wallTime.isNegative() || wallTime.toSeconds() < 1)) {
            throw new IllegalArgumentException("wall time must be at least one second, got " + wallTime);
        }
        if (memoryPerNodeMiB < 0 || nodes < 0 || processorsPerNode < 0 || totalProcessors < 0 || gpusPerNode < 0) {
            throw new IllegalArgumentException("resource counts must not be negative (0 = not requested), got memory="
                    + memoryPerNodeMiB + " nodes=" + nodes + " processorsPerNode=" + processorsPerNode
                    + " totalProcessors=" + totalProcessors + " gpusPerNode=" + gpusPerNode);
        }
        optionalHeader("queue", queue);
        optionalHeader("project", project);
        optionalHeader("qos", qos);
        optionalHeader("reservation", reservation);
        optionalHeader("nodes filter", nodesFilter);
    }

    private static void optionalHeader(String what, String value) {
        if (value != null) {
            UserText.headerValue(what, value);
        }
    }

    public JobResources withWallTime(Duration value) {
        return new JobResources(value, memoryPerNodeMiB, nodes, processorsPerNode, totalProcessors, gpusPerNode, queue,
                project, qos, reservation, nodesFilter, exclusive);
    }

    public JobResources withMemoryPerNodeMiB(long value) {
        return new JobResources(wallTime, value, nodes, processorsPerNode, totalProcessors, gpusPerNode, queue,
                project, qos, reservation, nodesFilter, exclusive);
    }

    public JobResources withNodes(int nodeCount, int perNode) {
        return new JobResources(wallTime, memoryPerNodeMiB, nodeCount, perNode, totalProcessors, gpusPerNode, queue,
                project, qos, reservation, nodesFilter, exclusive);
    }

    public JobResources withTotalProcessors(int value) {
        return new JobResources(wallTime, memoryPerNodeMiB, nodes, processorsPerNode, value, gpusPerNode, queue,
                project, qos, reservation, nodesFilter, exclusive);
    }

    public JobResources withGpusPerNode(int value) {
        return new JobResources(wallTime, memoryPerNodeMiB, nodes, processorsPerNode, totalProcessors, value, queue,
                project, qos, reservation, nodesFilter, exclusive);
    }

    public JobResources withQueue(String value) {
        return new JobResources(wallTime, memoryPerNodeMiB, nodes, processorsPerNode, totalProcessors, gpusPerNode,
                value, project, qos, reservation, nodesFilter, exclusive);
    }

    public JobResources withProject(String value) {
        return new JobResources(wallTime, memoryPerNodeMiB, nodes, processorsPerNode, totalProcessors, gpusPerNode,
                queue, value, qos, reservation, nodesFilter, exclusive);
    }

    public JobResources withQos(String value) {
        return new JobResources(wallTime, memoryPerNodeMiB, nodes, processorsPerNode, totalProcessors, gpusPerNode,
                queue, project, value, reservation, nodesFilter, exclusive);
    }

    public JobResources withReservation(String value) {
        return new JobResources(wallTime, memoryPerNodeMiB, nodes, processorsPerNode, totalProcessors, gpusPerNode,
                queue, project, qos, value, nodesFilter, exclusive);
    }

    public JobResources withNodesFilter(String value) {
        return new JobResources(wallTime, memoryPerNodeMiB, nodes, processorsPerNode, totalProcessors, gpusPerNode,
                queue, project, qos, reservation, value, exclusive);
    }

    public JobResources withExclusive(boolean value) {
        return new JobResources(wallTime, memoryPerNodeMiB, nodes, processorsPerNode, totalProcessors, gpusPerNode,
                queue, project, qos, reservation, nodesFilter, value);
    }
}
