package org.udre.engine.lifecycle;

/**
 * What a front end or a user asks for: run {@code script} in a VM of {@code image}.
 *
 * @param image     the catalogue image, "name:version" or "name" for its newest version
 * @param script    the job script, run by bash in the job's directory inside the VM
 * @param owner     the user the job runs as on the VM's TSI; empty: the image's default user
 * @param jobName   a name for the job, shown by the TSI's batch system; empty: "udre-job"
 * @param cores     cores of the VM; empty: what the image says
 * @param memoryMiB memory of the VM in MiB; empty: what the image says
 * @param host      the configured host to run on; empty: the first one
 * @param requestId the caller's id for this request, used for idempotency: a second request with the same id
 *                  returns the job the first one started instead of starting another
 */
public record JobRequest(String image, String script, String owner, String jobName, Integer cores,
                         Integer memoryMiB, String host, String requestId) {

    public JobRequest {
        if (image == null || image.isBlank()) {
            throw new IllegalArgumentException("a job needs an image, e.g. \"udre-guest:1.0\"");
        }
        if (script == null || script.isBlank()) {
            throw new IllegalArgumentException("a job needs a script");
        }
        if (cores != null && (cores < 1 || cores > 1024)) {
            throw new IllegalArgumentException("cores must be 1..1024, not " + cores);
        }
        if (memoryMiB != null && (memoryMiB < 16 || memoryMiB > 16 * 1024 * 1024)) {
            throw new IllegalArgumentException("memoryMiB must be 16..16777216, not " + memoryMiB);
        }
        if (owner != null && !owner.isBlank() && !owner.matches("[a-z_][a-z0-9_.-]*")) {
            throw new IllegalArgumentException("owner must be a user name, not '" + owner + "'");
        }
        if (jobName != null && (jobName.contains("\n") || jobName.contains("\r"))) {
            throw new IllegalArgumentException("jobName must be a single line");
        }
        if (requestId != null && requestId.length() > 200) {
            throw new IllegalArgumentException("requestId is longer than 200 characters");
        }
    }

    public static JobRequest of(String image, String script) {
        return new JobRequest(image, script, null, null, null, null, null, null);
    }
}
