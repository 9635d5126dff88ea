package org.udre.templates;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What happens to a cluster's nodes when the cluster fails. */
public enum FailurePolicy {
    /** Every node is torn down at once. */
    TEARDOWN,
    /** The nodes stay for debugging until the lease expires or the cluster is deleted. */
    KEEP;

    /** The word a template uses: {@code teardown} or {@code keep}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<FailurePolicy> ofWord(String word) {
        return Arrays.stream(values()).filter(policy -> policy.word().equals(word)).findFirst();
    }
}
