package org.udre.engine;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.udre.engine.cli.UdreCommand;

import picocli.CommandLine;

/** UDRE's one binary: a long-lived server ({@code serve}) or a single job from the command line ({@code run}, {@code demo}). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class UdreApplication {

    public static void main(String[] args) {
        int exitCode = new CommandLine(new UdreCommand()).execute(args);
        System.exit(exitCode);
    }
}
