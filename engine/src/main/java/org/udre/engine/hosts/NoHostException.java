package org.udre.engine.hosts;

import java.util.List;

/** No configured host can take a VM; says why for each host. */
public class NoHostException extends IllegalStateException {
    public NoHostException(String imageRef, int cores, int memoryMiB, List<String> reasons) {
        super("no host can take a VM of " + imageRef + " with " + cores + " cores and " + memoryMiB + " MiB: "
                + (reasons.isEmpty() ? "no host is configured" : String.join("; ", reasons)));
    }
}
