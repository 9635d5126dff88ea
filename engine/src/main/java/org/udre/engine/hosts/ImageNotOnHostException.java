package org.udre.engine.hosts;

/** The pool of a real host lacks an image's base volume. */
public class ImageNotOnHostException extends IllegalStateException {
    public ImageNotOnHostException(String imageRef, String volume, String pool, String hostUri) {
        super("image " + imageRef + " is not on host " + hostUri + ": its base volume '" + volume
                + "' is missing from pool '" + pool + "'");
    }
}
