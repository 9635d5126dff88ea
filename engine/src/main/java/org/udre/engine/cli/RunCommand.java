package org.udre.engine.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.udre.engine.lifecycle.JobRequest;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

@Command(name = "run", description = "Runs one job in a VM and prints each step as it happens; exits 0 when the "
        + "job succeeded, 1 when it failed, 3 when it was cancelled.")
class RunCommand implements Callable<Integer> {

    @Option(names = "--image", required = true, description = "Catalogue image, name:version or name (newest).")
    String image;

    @ArgGroup(multiplicity = "1")
    Script script;

    static class Script {
        @Option(names = "--script", description = "The job script.")
        String text;
        @Option(names = "--script-file", description = "A file holding the job script.")
        Path file;
    }

    @Option(names = "--owner", description = "User the job runs as on the VM's TSI (default: the image's).")
    String owner;

    @Option(names = "--job-name", description = "Name of the job (default: udre-job).")
    String jobName;

    @Option(names = "--cores", description = "Cores of the VM (default: the image's).")
    Integer cores;

    @Option(names = "--memory-mib", description = "Memory of the VM in MiB (default: the image's).")
    Integer memoryMiB;

    @Option(names = "--host", description = "Configured host to run on (default: the first).")
    String host;

    @Unmatched
    List<String> springArguments = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        String text = script.text != null ? script.text : Files.readString(script.file);
        JobRequest request = new JobRequest(image, text, owner, jobName, cores, memoryMiB, host, null);
        return new JobRun(springArguments).run(request);
    }
}
