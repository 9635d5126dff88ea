package org.udre.engine.cli;

import picocli.CommandLine.Command;

@Command(name = "udre", mixinStandardHelpOptions = true, version = UdreCommand.VERSION,
        description = "Runs grid jobs in virtual machines built from catalogue images, driven by BPMN processes.",
        subcommands = {ServeCommand.class, RunCommand.class, DemoCommand.class, ClusterCommand.class},
        footer = {"", "Any Spring property can follow a command, e.g. --udre.home=/srv/udre or "
                + "--udre.hosts[0].uri=qemu:///system; see application.yml for all of them."})
public class UdreCommand implements Runnable {

    /** What -V prints, on every command. */
    static final String VERSION = "UDRE 0.1.0";

    @Override
    public void run() {
        // Without a command UDRE is a server, as a service manager starts it.
        new ServeCommand().call();
    }
}
