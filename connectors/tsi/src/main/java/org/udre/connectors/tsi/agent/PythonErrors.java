package org.udre.connectors.tsi.agent;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * The TSI is written in Python and reports failed file operations with Python's text for the OS error, e.g.
 * {@code [Errno 2] No such file or directory: '/x'}. Clients show these texts; the agent produces the same ones.
 */
final class PythonErrors {
    /** Python's message for int(None). */
    static final String INT_OF_NONE = "int() argument must be a string, a bytes-like object or a real number, not 'NoneType'";

    private PythonErrors() {
    }

    static String of(IOException e, String path) {
        String reason = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason() : e.getMessage();
        if (e instanceof NoSuchFileException || "No such file or directory".equals(reason)) {
            return errno(2, "No such file or directory", path);
        }
        if (e instanceof AccessDeniedException || "Permission denied".equals(reason)) {
            return errno(13, "Permission denied", path);
        }
        if (e instanceof FileAlreadyExistsException) {
            return errno(17, "File exists", path);
        }
        if (e instanceof NotDirectoryException || "Not a directory".equals(reason)) {
            return errno(20, "Not a directory", path);
        }
        if ("Is a directory".equals(reason)) {
            return errno(21, "Is a directory", path);
        }
        return errno(5, reason == null ? "Input/output error" : reason, path);
    }

    static String errno(int number, String text, String path) {
        return "[Errno " + number + "] " + text + ": '" + path + "'";
    }

    /** Python's message for int(text) when text is not a number. */
    static String notAnInt(String text) {
        return "invalid literal for int() with base 10: '" + text + "'";
    }

    /** int(value) with Python's messages for the failures. */
    static long parseInt(String value) throws AgentFailure {
        if (value == null) {
            throw new AgentFailure(INT_OF_NONE);
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new AgentFailure(notAnInt(value));
        }
    }

    /** How Python prints None in a %s format. */
    static String str(String value) {
        return value == null ? "None" : value;
    }
}
