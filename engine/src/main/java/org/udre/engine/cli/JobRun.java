package org.udre.engine.cli;

import static org.udre.engine.lifecycle.JobVariables.*;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.udre.engine.UdreApplication;
import org.udre.engine.lifecycle.JobRequest;
import org.udre.engine.lifecycle.JobStatus;
import org.udre.engine.lifecycle.Jobs;
import org.udre.engine.timeline.StepEvent;
import org.udre.engine.timeline.StepTimeline;

/**
 * One job from the command line: starts the engine without its web server, starts the job, prints each step as
 * its transaction commits, then the job's output and outcome. Ctrl-C cancels the job and waits for its teardown,
 * so that an interrupted run leaves no VM behind.
 */
final class JobRun {

    static final int SUCCEEDED = 0;
    static final int FAILED = 1;
    static final int CANCELLED = 3;
    private static final Duration TEARDOWN_GRACE = Duration.ofSeconds(60);

    private final List<String> springArguments;
    private final String[] profiles;
    private final PrintStream out = System.out;

    /** @param profiles Spring profiles added to those the arguments activate */
    JobRun(List<String> springArguments, String... profiles) {
        this.springArguments = springArguments;
        this.profiles = profiles;
    }

    int run(JobRequest request) {
        SpringApplication application = new SpringApplication(UdreApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setAdditionalProfiles(profiles);
        // Camunda's REST API needs a servlet container, which a single run does without.
        quietUnlessSet("spring.autoconfigure.exclude",
                "org.camunda.bpm.spring.boot.starter.rest.CamundaBpmRestJerseyAutoConfiguration");
        // The steps are the story here; the engine's own log only speaks up about problems.
        quietUnlessSet("spring.main.banner-mode", "off");
        quietUnlessSet("spring.main.log-startup-info", "false");
        quietUnlessSet("logging.level.org.udre", "WARN");
        application.setRegisterShutdownHook(false); // ours cancels the job before the engine stops
        Instant begin = Instant.now();
        try (ConfigurableApplicationContext context = application.run(springArguments.toArray(String[]::new))) {
            Jobs jobs = context.getBean(Jobs.class);
            HistoryService history = context.getBean(HistoryService.class);
            BlockingQueue<StepEvent> events = new LinkedBlockingQueue<>();
            try (AutoCloseable subscription = context.getBean(StepTimeline.class).subscribe(events::add)) {
                out.printf("UDRE: engine ready in %s%n", seconds(Duration.between(begin, Instant.now())));
                Instant started = Instant.now();
                String id = jobs.start(request);
                out.printf("Job %s: image %s%n", id, request.image());
                Thread cancelOnInterrupt = new Thread(() -> cancelAndWait(jobs, id), "udre-cancel-on-interrupt");
                Runtime.getRuntime().addShutdownHook(cancelOnInterrupt);

                JobStatus status = follow(jobs, history, id, events, started);
                Runtime.getRuntime().removeShutdownHook(cancelOnInterrupt);
                printOutcome(jobs, id, status, Duration.between(started, Instant.now()));
                if (!status.state().equals("SUCCEEDED") && variables(history, id).get(CONSOLE_LOG) != null) {
                    out.println("The VM's console: " + variables(history, id).get(CONSOLE_LOG));
                }
                return switch (status.state()) {
                    case "SUCCEEDED" -> SUCCEEDED;
                    case "CANCELLED" -> CANCELLED;
                    default -> FAILED;
                };
            }
        } catch (Exception e) {
            System.err.println("udre: " + e.getMessage());
            return FAILED;
        }
    }

    /**
     * Sets a property above application.yml but below the command line, where {@code --key=value} still wins.
     */
    private static void quietUnlessSet(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    private JobStatus follow(Jobs jobs, HistoryService history, String id, BlockingQueue<StepEvent> events,
                             Instant started) throws InterruptedException {
        while (true) {
            StepEvent event = events.poll(100, TimeUnit.MILLISECONDS);
            if (event != null) {
                if (event.processInstanceId().equals(id)) {
                    print(event, variables(history, id), started);
                }
                continue;
            }
            JobStatus status = jobs.status(id);
            if (status.ended()) {
                // The events of the last transaction are published just after it commits, so the end can be read
                // a moment before they arrive: take what is still coming before the outcome is printed.
                for (StepEvent late; (late = events.poll(300, TimeUnit.MILLISECONDS)) != null; ) {
                    if (late.processInstanceId().equals(id)) {
                        print(late, variables(history, id), started);
                    }
                }
                return status;
            }
        }
    }

    private void print(StepEvent event, Map<String, Object> vars, Instant started) {
        String at = String.format("%7s", seconds(Duration.between(started, event.at())));
        switch (event.kind()) {
            case STARTED -> out.printf("%s  > %s%n", at, event.name());
            case ENDED -> out.printf("%s  + %-22s %8s  %s%n", at, event.name(),
                    event.took() == null ? "" : seconds(event.took()), StepNotes.of(event.activityId(), vars));
            case INTERRUPTED -> out.printf("%s  x %-22s %8s  interrupted%n", at, event.name(),
                    event.took() == null ? "" : seconds(event.took()));
        }
    }

    private void printOutcome(Jobs jobs, String id, JobStatus status, Duration took) {
        jobs.output(id, STDOUT).filter(bytes -> bytes.length > 0).ifPresent(bytes -> {
            out.println("----- job output -----");
            out.print(new String(bytes, StandardCharsets.UTF_8));
            out.println("----------------------");
        });
        jobs.output(id, STDERR).filter(bytes -> bytes.length > 0).ifPresent(bytes -> {
            out.println("----- job errors -----");
            out.print(new String(bytes, StandardCharsets.UTF_8));
            out.println("----------------------");
        });
        StringBuilder line = new StringBuilder("Outcome: ").append(status.state());
        if (status.exitCode() != null) {
            line.append(", exit code ").append(status.exitCode());
        }
        if (status.failureReason() != null) {
            line.append(" (").append(status.failureCode() == null ? "" : status.failureCode() + ": ")
                    .append(status.failureReason()).append(')');
        }
        line.append(", in ").append(seconds(took));
        out.println(line);
    }

    private void cancelAndWait(Jobs jobs, String id) {
        try {
            if (jobs.status(id).ended()) {
                return;
            }
            System.err.println("udre: interrupted; cancelling job " + id + " and tearing its VM down...");
            jobs.cancel(id, "the command line run was interrupted");
            Instant deadline = Instant.now().plus(TEARDOWN_GRACE);
            while (!jobs.status(id).ended() && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }
        } catch (Exception e) {
            System.err.println("udre: could not cancel job " + id + ": " + e.getMessage());
        }
    }

    private static Map<String, Object> variables(HistoryService history, String id) {
        Map<String, Object> vars = new HashMap<>();
        for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
                .processInstanceId(id).disableBinaryFetching().list()) {
            vars.put(variable.getName(), variable.getValue());
        }
        return vars;
    }

    static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis < 1000 ? millis + " ms" : String.format("%.2f s", millis / 1000.0);
    }
}
