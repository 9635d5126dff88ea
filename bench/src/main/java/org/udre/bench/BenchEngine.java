package org.udre.bench;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.udre.engine.UdreApplication;

/** The engine as the benchmarks run it: no web server, no REST layer, quiet, fast first TSI checks. */
final class BenchEngine {

    private BenchEngine() {
    }

    /**
     * Starts the engine with the benchmark's {@code settings}, then any {@code --udre.*}, {@code --camunda.*} or
     * {@code --spring.*} of {@code args}, which win: to measure another configuration.
     */
    static ConfigurableApplicationContext start(List<String> settings, String[] args) {
        List<String> all = new ArrayList<>(settings);
        all.addAll(List.of(
                "--udre.lifecycle.tsi-backoff-initial=PT0.05S",
                "--spring.autoconfigure.exclude="
                        + "org.camunda.bpm.spring.boot.starter.rest.CamundaBpmRestJerseyAutoConfiguration",
                "--spring.main.banner-mode=off", "--spring.main.log-startup-info=false",
                "--logging.level.root=WARN", "--logging.level.org.udre=WARN"));
        for (String arg : args) {
            if (arg.startsWith("--udre.") || arg.startsWith("--camunda.") || arg.startsWith("--spring.")) {
                all.add(arg);
            }
        }
        SpringApplication application = new SpringApplication(UdreApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        return application.run(all.toArray(String[]::new));
    }
}
