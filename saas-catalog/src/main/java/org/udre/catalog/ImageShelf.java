package org.udre.catalog;

import java.util.List;
import java.util.Optional;

/**
 * Where a catalogue's images come from: the database ({@link ImageStore}), or documents validated together and
 * held in memory ({@link ImageCatalog#load}).
 */
interface ImageShelf {

    /** Every version that has not been withdrawn, by name, then version (oldest first). */
    List<Image> available();

    /** The versions of one name that have not been withdrawn, oldest first. */
    List<Image> available(String name);

    /** Exactly that version, withdrawn or not. */
    Optional<Image> find(String name, String version);

    /** Exactly that version, unless it has been withdrawn. */
    Optional<Image> findAvailable(String name, String version);
}
