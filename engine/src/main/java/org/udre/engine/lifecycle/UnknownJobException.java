package org.udre.engine.lifecycle;

public class UnknownJobException extends RuntimeException {
    public UnknownJobException(String id) {
        super("no job with id '" + id + "'");
    }
}
