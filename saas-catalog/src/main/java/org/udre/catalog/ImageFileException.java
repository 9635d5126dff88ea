package org.udre.catalog;

/** An image file cannot be read from its location, or its content is not what was registered. */
public class ImageFileException extends IllegalArgumentException {
    public ImageFileException(String message) {
        super(message);
    }

    public ImageFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
