package org.udre.catalog;

import java.sql.SQLException;

/** The catalogue's database could not be read or written; the cause is the database's own error. */
public class CatalogStoreException extends RuntimeException {
    public CatalogStoreException(String message, SQLException cause) {
        super(message + ": " + cause.getMessage(), cause);
    }

    public CatalogStoreException(String message, Exception cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
