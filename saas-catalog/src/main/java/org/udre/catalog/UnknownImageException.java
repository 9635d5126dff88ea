package org.udre.catalog;

import java.util.List;

/** A reference named no image of the catalogue; the message lists the images that exist. */
public class UnknownImageException extends RuntimeException {

    private final String ref;
    private final List<String> known;

    public UnknownImageException(String ref, List<String> known) {
        super("no image \"" + ref + "\" in the catalogue; "
                + (known.isEmpty() ? "the catalogue is empty" : "known images: " + String.join(", ", known)));
        this.ref = ref;
        this.known = List.copyOf(known);
    }

    /** The reference as it was asked for. */
    public String ref() {
        return ref;
    }

    /** References of every image the catalogue holds, sorted. */
    public List<String> known() {
        return known;
    }
}
