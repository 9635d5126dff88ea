package org.udre.catalog.offerings;

import java.util.List;

/** A name that names no offering; the message lists those that exist. */
public class UnknownOfferingException extends RuntimeException {

    public UnknownOfferingException(String name, List<String> known) {
        super("no offering \"" + name + "\"; " + (known.isEmpty() ? "none is offered"
                : "offerings: " + String.join(", ", known)));
    }
}
