package org.udre.engine.cluster;

public class UnknownClusterException extends RuntimeException {
    public UnknownClusterException(String idOrName) {
        super("no cluster '" + idOrName + "'");
    }
}
