package org.udre.engine.lifecycle;

/**
 * A step failed in a way that no retry can mend (the image does not exist, libvirt refused the domain, the TSI is
 * too old). It leads straight to the failure path; {@code code} becomes the instance's failureCode.
 */
public class StepFailure extends RuntimeException {

    private final String code;

    public StepFailure(String code, String message) {
        super(message);
        this.code = code;
    }

    public StepFailure(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
