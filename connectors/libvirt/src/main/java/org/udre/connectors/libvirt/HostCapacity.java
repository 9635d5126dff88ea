package org.udre.connectors.libvirt;

/**
 * What a host offers to guests.
 *
 * @param cores         logical CPUs of the host
 * @param memoryMiB     physical memory of the host
 * @param freeMemoryMiB memory not in use at the time of asking
 */
public record HostCapacity(int cores, long memoryMiB, long freeMemoryMiB) {
    public HostCapacity {
        if (cores < 0 || memoryMiB < 0 || freeMemoryMiB < 0) {
            throw new IllegalArgumentException("host capacity cannot be negative: cores " + cores + ", memory "
                    + memoryMiB + " MiB, free " + freeMemoryMiB + " MiB");
        }
    }
}
