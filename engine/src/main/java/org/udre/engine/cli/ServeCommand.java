package org.udre.engine.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.udre.engine.UdreApplication;

import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

@Command(name = "serve", description = "Runs the engine as a server: HTTP API on /api/jobs, Camunda REST on "
        + "/engine-rest, Cockpit on /camunda.")
class ServeCommand implements Callable<Integer> {

    @Unmatched
    List<String> springArguments = new ArrayList<>();

    @Override
    public Integer call() {
        CountDownLatch closed = new CountDownLatch(1);
        SpringApplication application = new SpringApplication(UdreApplication.class);
        application.addListeners(event -> {
            if (event instanceof ContextClosedEvent) {
                closed.countDown();
            }
        });
        ConfigurableApplicationContext context = application.run(springArguments.toArray(String[]::new));
        if (context.isActive()) {
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return 0;
    }
}
