package org.udre.templates;

/** What each node of a role gets. */
public record Size(int cores, int memoryMiB) {
    public Size {
        if (cores < 1 || cores > 1024) {
            throw new IllegalArgumentException("cores must be 1..1024, was " + cores);
        }
        if (memoryMiB < 16 || memoryMiB > 16777216) {
            throw new IllegalArgumentException("memoryMiB must be 16..16777216, was " + memoryMiB);
        }
    }
}
