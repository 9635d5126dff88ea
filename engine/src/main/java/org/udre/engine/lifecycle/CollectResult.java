package org.udre.engine.lifecycle;

import static org.udre.engine.lifecycle.JobVariables.*;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;
import org.udre.catalog.ImageCatalog;
import org.udre.connectors.tsi.FileHead;
import org.udre.connectors.tsi.TsiClient;
import org.udre.engine.UdreProperties;

/**
 * Reads what the finished job left in its directory: the exit code its script wrote, and its stdout and stderr.
 * A TSI reports no exit status itself; a job that was killed or ran out of time wrote none.
 */
@Component("collectResult")
class CollectResult extends LifecycleStep {

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

        Optional<Integer> exitCode = tsi.exitCode(target.address(), target.owner(), directory);
        job.set(EXIT_CODE, exitCode.orElse(null));
        job.set(JOB_RESULT, exitCode.map(code -> "exited with code " + code)
                .orElse("ended without writing an exit code (killed, out of time or out of memory)"));

        keep(job, target, directory, STDOUT, STDOUT_BYTES);
        keep(job, target, directory, STDERR, STDERR_BYTES);
    }

    /** Keeps the head of one output stream, and its whole size, so that a reader can tell kept from cut output. */
    private void keep(JobVariables job, JobTsi target, String directory, String stream, String sizeVariable) {
        FileHead head = tsi.readHead(target.address(), target.owner(), directory + "/" + stream, maxOutputBytes)
                .orElse(new FileHead(new byte[0], 0));
        job.set(stream, Variables.fileValue(stream + ".txt").file(head.bytes())
                .mimeType("text/plain").encoding(StandardCharsets.UTF_8).create());
        job.set(sizeVariable, head.size());
    }
}
