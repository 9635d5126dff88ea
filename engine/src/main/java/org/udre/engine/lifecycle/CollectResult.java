package org.udre.engine.lifecycle;

import static org.udre.engine.lifecycle.JobVariables.*;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;
import org.udre.catalog.ImageCatalog;
import org.udre.connectors.tsi.TsiClient;
import org.udre.engine.UdreProperties;

/**
 * Reads what the finished job left in its directory: the exit code its script wrote, and its stdout and stderr.
 * A TSI reports no exit status itself; a job that was killed or ran out of time wrote none.
 */
@Component("collectResult")
class CollectResult extends LifecycleStep {

    static final String EXIT_CODE_FILE = "UNICORE_SCRIPT_EXIT_CODE";

    private final ImageCatalog catalog;
    private final TsiClient tsi;
    private final long maxOutputBytes;

    CollectResult(ImageCatalog catalog, TsiClient tsi, UdreProperties properties) {
        super("RESULT_UNREADABLE");
        this.catalog = catalog;
        this.tsi = tsi;
        this.maxOutputBytes = properties.lifecycle().maxOutputBytes().toBytes();
    }

    @Override
    protected void run(JobVariables job) {
        JobTsi target = JobTsi.of(job, catalog);
        String directory = job.string(JOB_DIRECTORY);

        Optional<Integer> exitCode = tsi.readFile(target.address(), target.owner(), directory + "/" + EXIT_CODE_FILE, 64)
                .flatMap(CollectResult::parseExitCode);
        job.set(EXIT_CODE, exitCode.orElse(null));
        job.set(JOB_RESULT, exitCode.map(code -> "exited with code " + code)
                .orElse("ended without writing an exit code (killed, out of time or out of memory)"));

        for (String stream : new String[] {STDOUT, STDERR}) {
            byte[] content = tsi.readFile(target.address(), target.owner(), directory + "/" + stream, maxOutputBytes)
                    .orElse(new byte[0]);
            job.set(stream, Variables.fileValue(stream + ".txt").file(content)
                    .mimeType("text/plain").encoding(StandardCharsets.UTF_8).create());
        }
    }

    static Optional<Integer> parseExitCode(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8).trim();
        try {
            return Optional.of(Integer.parseInt(text.lines().findFirst().orElse("")));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
