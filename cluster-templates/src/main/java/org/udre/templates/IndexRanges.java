package org.udre.templates;

import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * A set of node indices kept as sorted, disjoint ranges, so that a role of 2,500 nodes started together is one range
 * and a replaced node splits it in two, instead of 2,500 entries. Immutable.
 *
 * <p>Its text, as {@link #toString()} writes and {@link #parse} reads it, lists the ranges inclusively, separated by
 * commas: {@code 0-16,18-2500}; a range of one index is written alone ({@code 7}); the empty set is the empty text.
 */
public final class IndexRanges {

    private static final IndexRanges EMPTY = new IndexRanges(new int[0]);

    private static final Pattern TEXT = Pattern.compile("^$|^[0-9]+(-[0-9]+)?(,[0-9]+(-[0-9]+)?)*$");

    /** start0, end0, start1, end1, ...: half-open ranges, sorted, neither touching nor overlapping. */
    private final int[] bounds;

    private IndexRanges(int[] bounds) {
        this.bounds = bounds;
    }

    public static IndexRanges empty() {
        return EMPTY;
    }

    /** The indices {@code from} (inclusive) to {@code to} (exclusive). */
    public static IndexRanges range(int from, int to) {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("not a range of indices: " + from + " to " + to);
        }
        return from == to ? EMPTY : new IndexRanges(new int[] {from, to});
    }

    /**
     * Reads the text {@link #toString()} writes.
     *
     * @throws IllegalArgumentException quoting the text when it is not that, or its ranges are out of order
     */
    public static IndexRanges parse(String text) {
        Objects.requireNonNull(text, "text");
        if (!TEXT.matcher(text).matches()) {
            throw new IllegalArgumentException("not a list of index ranges such as 0-16,18-2500: \"" + text + "\"");
        }
        if (text.isEmpty()) {
            return EMPTY;
        }
        String[] parts = text.split(",");
        int[] bounds = new int[parts.length * 2];
        for (int i = 0; i < parts.length; i++) {
            String[] ends = parts[i].split("-");
            try {
                bounds[2 * i] = Integer.parseInt(ends[0]);
                bounds[2 * i + 1] = Integer.parseInt(ends[ends.length - 1]) + 1;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("index out of range in \"" + text + "\"");
            }
            boolean empty = bounds[2 * i + 1] <= bounds[2 * i];
            boolean afterPrevious = i == 0 || bounds[2 * i] > bounds[2 * i - 1];
            if (empty || !afterPrevious) {
                throw new IllegalArgumentException("index ranges must be ascending, apart and not reversed: \""
                        + text + "\"");
            }
        }
        return new IndexRanges(bounds);
    }

    public int size() {
        int size = 0;
        for (int i = 0; i < bounds.length; i += 2) {
            size += bounds[i + 1] - bounds[i];
        }
        return size;
    }

    public boolean isEmpty() {
        return bounds.length == 0;
    }

    public boolean contains(int index) {
        for (int i = 0; i < bounds.length; i += 2) {
            if (index >= bounds[i] && index < bounds[i + 1]) {
                return true;
            }
        }
        return false;
    }

    /** The highest index, or -1 when empty. */
    public int highest() {
        return bounds.length == 0 ? -1 : bounds[bounds.length - 1] - 1;
    }

    /** Every index, ascending. */
    public IntStream indices() {
        IntStream all = IntStream.empty();
        for (int i = 0; i < bounds.length; i += 2) {
            all = IntStream.concat(all, IntStream.range(bounds[i], bounds[i + 1]));
        }
        return all;
    }

    /** This set and the indices {@code from} (inclusive) to {@code to} (exclusive). */
    public IndexRanges with(int from, int to) {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("not a range of indices: " + from + " to " + to);
        }
        if (from == to) {
            return this;
        }
        int at = 0;
        while (at < bounds.length && bounds[at] < from) {
            at += 2;
        }
        int[] all = new int[bounds.length + 2];
        System.arraycopy(bounds, 0, all, 0, at);
        all[at] = from;
        all[at + 1] = to;
        System.arraycopy(bounds, at, all, at + 2, bounds.length - at);
        // Merge in place: ranges that overlap or touch become one. n never passes i, so nothing unread is overwritten.
        int n = 0;
        for (int i = 0; i < all.length; i += 2) {
            if (n > 0 && all[i] <= all[n - 1]) {
                all[n - 1] = Math.max(all[n - 1], all[i + 1]);
            } else {
                all[n++] = all[i];
                all[n++] = all[i + 1];
            }
        }
        return new IndexRanges(Arrays.copyOf(all, n));
    }

    /** This set without {@code index} (unchanged when it is not in it). */
    public IndexRanges without(int index) {
        for (int i = 0; i < bounds.length; i += 2) {
            if (index >= bounds[i] && index < bounds[i + 1]) {
                int[] split = new int[bounds.length + 2];
                System.arraycopy(bounds, 0, split, 0, i + 1);
                split[i + 1] = index;
                split[i + 2] = index + 1;
                System.arraycopy(bounds, i + 1, split, i + 3, bounds.length - i - 1);
                return new IndexRanges(dropEmpty(split));
            }
        }
        return this;
    }

    /** This set without its {@code n} highest indices. */
    public IndexRanges withoutHighest(int n) {
        if (n < 0 || n > size()) {
            throw new IllegalArgumentException("cannot drop " + n + " of " + size() + " indices");
        }
        int[] kept = bounds.clone();
        int left = n;
        int end = kept.length;
        while (left > 0) {
            int width = kept[end - 1] - kept[end - 2];
            if (width <= left) {
                left -= width;
                end -= 2;
            } else {
                kept[end - 1] -= left;
                left = 0;
            }
        }
        return new IndexRanges(Arrays.copyOf(kept, end));
    }

    private static int[] dropEmpty(int[] bounds) {
        int n = 0;
        int[] kept = new int[bounds.length];
        for (int i = 0; i < bounds.length; i += 2) {
            if (bounds[i + 1] > bounds[i]) {
                kept[n++] = bounds[i];
                kept[n++] = bounds[i + 1];
            }
        }
        return Arrays.copyOf(kept, n);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IndexRanges other && Arrays.equals(bounds, other.bounds);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bounds);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < bounds.length; i += 2) {
            if (i > 0) {
                text.append(',');
            }
            text.append(bounds[i]);
            if (bounds[i + 1] - 1 > bounds[i]) {
                text.append('-').append(bounds[i + 1] - 1);
            }
        }
        return text.toString();
    }
}
