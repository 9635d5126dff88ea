package org.udre.engine.cluster;

import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;
import org.udre.catalog.Image;
import org.udre.catalog.ImageCatalog;
import org.udre.catalog.ImageRequirements;
import org.udre.catalog.ImageStore;
import org.udre.catalog.UnknownImageException;
import org.udre.templates.ImageChoice;
import org.udre.templates.ImageLookup;

/**
 * A template role's image, answered from the catalogue: a reference names an image, requirements pick the best image
 * that meets them (as the catalogue's search ranks them).
 */
@Component
public class ClusterImages implements ImageLookup {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ImageCatalog catalog;
    private final ImageStore store;

    public ClusterImages(ImageCatalog catalog, ImageStore store) {
        this.catalog = catalog;
        this.store = store;
    }

    @Override
    public Optional<String> problem(ImageChoice choice) {
        try {
            resolve(choice);
            return Optional.empty();
        } catch (UnknownImageException | IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The image the role's nodes are made from. */
    public Image resolve(ImageChoice choice) {
        if (choice instanceof ImageChoice.Named named) {
            return catalog.require(named.ref());
        }
        ImageChoice.Matching matching = (ImageChoice.Matching) choice;
        try {
            ImageRequirements requirements = ImageRequirements.fromJson("template", JSON.readTree(matching.json()));
            return store.search(requirements, false).best().orElseThrow(() -> new IllegalArgumentException(
                    "no image in the catalogue meets " + matching.json()));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("image requirements are not JSON: " + matching.json(), e);
        }
    }
}
