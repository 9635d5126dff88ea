package org.udre.engine.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.udre.engine.lifecycle.JobRequest;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

@Command(name = "demo", mixinStandardHelpOptions = true, version = UdreCommand.VERSION, description = "Runs a sample job in a VM of the sample image on the embedded defaults: "
        + "an H2 database under udre.home, libvirt's simulated host test:///default and the engine's own TSI agent; "
        + "with --real, on a real QEMU guest on this machine.")
class DemoCommand implements Callable<Integer> {

    static final String SAMPLE_SCRIPT = """
            echo "Hello from a UDRE job"
            echo "running as $(id -un) in $PWD"
            echo "kernel: $(uname -sr)"
            """;
    static final String SIMULATED_IMAGE = "udre-guest:1.0";
    /** The first version whose metadata says how a real host boots it. */
    static final String REAL_IMAGE = "udre-guest:1.1";
    /** application-real.yml: this machine's qemu:///system with the pool and network the host set-up makes. */
    static final String REAL_PROFILE = "real";

    @Option(names = "--image", description = "Catalogue image (default: " + SIMULATED_IMAGE + ", with --real "
            + REAL_IMAGE + ").")
    String image;

    @Option(names = "--real", description = "Run on a real QEMU guest of this machine instead of the simulated host: "
            + "as root, sets the machine up as a libvirt host and builds the guest image (both cached), then uses the "
            + "Spring profile \"" + REAL_PROFILE + "\" (application-real.yml).")
    boolean real;

    @Unmatched
    List<String> springArguments = new ArrayList<>();

    @Override
    public Integer call() {
        if (!real) {
            return new JobRun(springArguments).run(JobRequest.of(image == null ? SIMULATED_IMAGE : image, SAMPLE_SCRIPT));
        }
        try {
            new RealHostSetup(System.out).run();
        } catch (IllegalStateException e) {
            System.err.println("udre: " + e.getMessage());
            return JobRun.FAILED;
        }
        return new JobRun(springArguments, REAL_PROFILE)
                .run(JobRequest.of(image == null ? REAL_IMAGE : image, SAMPLE_SCRIPT));
    }
}
