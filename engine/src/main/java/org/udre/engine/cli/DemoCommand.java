package org.udre.engine.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.udre.engine.lifecycle.JobRequest;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

@Command(name = "demo", description = "Runs a sample job in a VM of the sample image on the embedded defaults: "
        + "an H2 database under udre.home, libvirt's simulated host test:///default and the engine's own TSI agent.")
class DemoCommand implements Callable<Integer> {

    static final String SAMPLE_SCRIPT = """
            echo "Hello from a UDRE job"
            echo "running as $(id -un) in $PWD"
            echo "kernel: $(uname -sr)"
            """;

    @Option(names = "--image", defaultValue = "udre-guest:1.0", description = "Catalogue image (default: ${DEFAULT-VALUE}).")
    String image;

    @Unmatched
    List<String> springArguments = new ArrayList<>();

    @Override
    public Integer call() {
        return new JobRun(springArguments).run(JobRequest.of(image, SAMPLE_SCRIPT));
    }
}
