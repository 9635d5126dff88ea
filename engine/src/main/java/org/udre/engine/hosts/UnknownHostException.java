package org.udre.engine.hosts;

import java.util.List;

/** A job or request named a host that is not configured. */
public class UnknownHostException extends IllegalArgumentException {
    public UnknownHostException(String name, List<String> known) {
        super("no host named '" + name + "' is configured; known hosts: " + String.join(", ", known));
    }
}
