package org.udre.connectors.tsi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A job for {@code TSI_SUBMIT}. The client wraps the script as UNICORE/X does: it exports
 * {@code UC_WORKING_DIRECTORY} and {@code UC_OUTPUT_DIRECTORY}, changes into the working directory, runs the script and
 * writes the script's exit status ({@code $?} of its last command) to {@code UNICORE_SCRIPT_EXIT_CODE} in the outcome
 * directory. A script that leaves early with {@code exit} (or {@code set -e}) therefore leaves no exit code file, which
 * reads as "did not complete normally".
 *
 * @param workingDirectory {@code #TSI_USPACE_DIR}: where the job runs and its job file is written; must exist
 * @param outcomeDirectory {@code #TSI_OUTCOME_DIR}: where stdout, stderr and the exit code file go (created if missing)
 * @param jobName          {@code #TSI_JOBNAME}
 * @param script           the bash commands to run; may not contain {@code #TSI_} or {@code ENDOFMESSAGE}
 * @param stdout           file name of standard output inside the outcome directory
 * @param stderr           file name of standard error inside the outcome directory
 * @param email            {@code #TSI_EMAIL}, or null for none
 * @param environment      exported before the script, in this order; values are taken literally
 * @param resources        what to ask of the batch system
 */
public record JobSubmission(String workingDirectory, String outcomeDirectory, String jobName, String script,
                            String stdout, String stderr, String email, Map<String, String> environment,
                            JobResources resources) {
    public JobSubmission {
        UserText.absolutePath("working directory", workingDirectory);
        UserText.absolutePath("outcome directory", outcomeDirectory);
        UserText.headerValue("job name", jobName);
        UserText.content("job script", script);
        if (script.isBlank()) {
            throw new IllegalArgumentException("job script must not be blank");
        }
        UserText.fileName("stdout name", stdout);
        UserText.fileName("stderr name", stderr);
        if (email != null) {
            UserText.headerValue("email", email);
        }
        if (environment == null) {
            throw new IllegalArgumentException("environment must not be null (use an empty map)");
        }
        Map<String, String> copy = new LinkedHashMap<>();
        environment.forEach((name, value) -> copy.put(UserText.environmentName(name), UserText.environmentValue(name, value)));
        environment = Collections.unmodifiableMap(copy);
        if (resources == null) {
            throw new IllegalArgumentException("resources must not be null (use JobResources.NONE)");
        }
    }

    /** The common case: one directory for work and outcome, output in {@code stdout}/{@code stderr}, no resources. */
    public static JobSubmission of(String directory, String jobName, String script) {
        return new JobSubmission(directory, directory, jobName, script, "stdout", "stderr", null, Map.of(),
                JobResources.NONE);
    }

    public JobSubmission withOutcomeDirectory(String value) {
        return new JobSubmission(workingDirectory, value, jobName, script, stdout, stderr, email, environment, resources);
    }

    public JobSubmission withOutputNames(String stdoutName, String stderrName) {
        return new JobSubmission(workingDirectory, outcomeDirectory, jobName, script, stdoutName, stderrName, email,
                environment, resources);
    }

    public JobSubmission withEmail(String value) {
        return new JobSubmission(workingDirectory, outcomeDirectory, jobName, script, stdout, stderr, value,
                environment, resources);
    }

    public JobSubmission withEnvironment(Map<String, String> value) {
        return new JobSubmission(workingDirectory, outcomeDirectory, jobName, script, stdout, stderr, email, value,
                resources);
    }

    public JobSubmission withResources(JobResources value) {
        return new JobSubmission(workingDirectory, outcomeDirectory, jobName, script, stdout, stderr, email,
                environment, value);
    }
}
