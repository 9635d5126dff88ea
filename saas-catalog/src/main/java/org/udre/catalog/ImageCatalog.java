package org.udre.catalog;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The images UDRE can start VMs from, as the engine's steps read them: by reference, or all of them.
 *
 * <p>In the engine it reads the {@link ImageStore}, where images are published, versioned and withdrawn. The
 * {@code load} methods make a fixed catalogue from documents validated together instead, for tools and tests.
 */
public final class ImageCatalog {

    static final Comparator<Image> BY_NAME_THEN_VERSION = Comparator.comparing(Image::name)
            .thenComparing(image -> Version.parse(image.version()));

    private final ImageShelf shelf;

    private ImageCatalog(ImageShelf shelf) {
        this.shelf = shelf;
    }

    /** The catalogue of the images published in {@code store}, as they are at each call. */
    public static ImageCatalog of(ImageStore store) {
        return new ImageCatalog(store);
    }

    /**
     * Validates every document and makes a fixed catalogue from them.
     *
     * @throws InvalidImageMetadataException listing every error of every document, including an image defined
     *                                       twice (name:version in two documents, both named)
     */
    public static ImageCatalog load(List<MetadataSource> sources) {
        return new ImageCatalog(new FixedShelf(MetadataBatch.read(sources).images()));
    }

    /**
     * Loads every {@code *.yaml}, {@code *.yml} and {@code *.json} file directly in {@code dir}, as
     * {@link MetadataBatch#read(List, Path)} reads them.
     *
     * @throws IllegalArgumentException      when {@code dir} is not a directory
     * @throws InvalidImageMetadataException listing every error of every file
     */
    public static ImageCatalog loadDirectory(Path dir) {
        return load(List.of(), dir);
    }

    /** Validates {@code sources} and the files of {@code dir} together, as one catalogue with one list of errors. */
    public static ImageCatalog load(List<MetadataSource> sources, Path dir) {
        return new ImageCatalog(new FixedShelf(MetadataBatch.read(sources, dir).images()));
    }

    /** Exactly that version; a withdrawn version is still found here, so that what used it can be read. */
    public Optional<Image> find(String name, String version) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        return shelf.find(name, version);
    }

    /**
     * The image a reference names: {@code name:version} exactly, or {@code name} alone for the newest version of
     * that name (by {@link Version} order, so 1.10 is newer than 1.9 and 2.0 than 2.0-rc1). Withdrawn versions are
     * not found.
     *
     * @throws UnknownImageException listing every image the catalogue offers
     */
    public Image require(String ref) {
        Objects.requireNonNull(ref, "ref");
        int colon = ref.indexOf(':');
        Optional<Image> image;
        if (colon < 0) {
            List<Image> versions = shelf.available(ref);
            image = versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
        } else {
            image = shelf.findAvailable(ref.substring(0, colon), ref.substring(colon + 1));
        }
        return image.orElseThrow(() -> new UnknownImageException(ref, all().stream().map(Image::ref).toList()));
    }

    /**
     * The exact version a running job or cluster was started with, {@code name:version}: found even when it has been
     * withdrawn since, so that what uses it goes on to its end.
     *
     * @throws UnknownImageException when there never was such a version
     */
    public Image pinned(String nameAndVersion) {
        Objects.requireNonNull(nameAndVersion, "nameAndVersion");
        int colon = nameAndVersion.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("a pinned image is name:version, not '" + nameAndVersion + "'");
        }
        return find(nameAndVersion.substring(0, colon), nameAndVersion.substring(colon + 1))
                .orElseThrow(() -> new UnknownImageException(nameAndVersion, all().stream().map(Image::ref).toList()));
    }

    /** Every image that has not been withdrawn, sorted by name, then by version (oldest first). */
    public List<Image> all() {
        return shelf.available();
    }

    private static final class FixedShelf implements ImageShelf {

        private final List<Image> images;

        FixedShelf(List<Image> images) {
            this.images = images.stream().sorted(BY_NAME_THEN_VERSION).toList();
        }

        @Override
        public List<Image> available() {
            return images;
        }

        @Override
        public List<Image> available(String name) {
            return images.stream().filter(i -> i.name().equals(name)).toList();
        }

        @Override
        public Optional<Image> find(String name, String version) {
            return images.stream().filter(i -> i.name().equals(name) && i.version().equals(version)).findFirst();
        }

        @Override
        public Optional<Image> findAvailable(String name, String version) {
            return find(name, version);
        }
    }
}
