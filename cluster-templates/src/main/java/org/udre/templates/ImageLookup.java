package org.udre.templates;

import java.util.Optional;

/**
 * Whether the image catalogue can serve a role's image choice. The templates module knows no catalogue; the caller
 * (the engine) answers from its own, so a template naming an image nobody has is rejected before any node starts.
 */
@FunctionalInterface
public interface ImageLookup {

    /**
     * @param choice a {@link ImageChoice.Named reference}, or {@link ImageChoice.Matching requirements} in the
     *               catalogue's JSON form, which the catalogue reads and searches by
     * @return empty when the catalogue has an image for {@code choice}; otherwise why not, worded for the operator
     *         and quoting the choice (e.g. {@code no image "mpi-nod:1.0" in the catalogue; known images: ...}),
     *         which the validation error carries as its message
     */
    Optional<String> problem(ImageChoice choice);

    /**
     * Accepts every image. For reading back what was checked before (a stored plan must stay readable when the
     * catalogue changes) and for tools that look at templates without a catalogue.
     */
    static ImageLookup any() {
        return choice -> Optional.empty();
    }
}
