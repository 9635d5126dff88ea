package org.udre.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The images UDRE can start VMs from, loaded from metadata documents at start-up. Immutable.
 *
 * <p>Loading is all or nothing: when any document has an error, no catalogue is made and the exception lists every
 * error of every document, so an operator fixes them in one pass and never runs on a half-loaded catalogue.
 */
public final class ImageCatalog {

    private static final Comparator<Image> BY_NAME_THEN_VERSION = Comparator.comparing(Image::name)
            .thenComparing(image -> Version.parse(image.version()));

    private final List<Image> images;

    private ImageCatalog(List<Image> images) {
        this.images = images.stream().sorted(BY_NAME_THEN_VERSION).toList();
    }

    /**
     * Validates every document and makes the catalogue from them.
     *
     * @throws InvalidImageMetadataException listing every error of every document, including an image defined
     *                                       twice (name:version in two documents, both named)
     */
    public static ImageCatalog load(List<MetadataSource> sources) {
        return load(sources, List.of());
    }

    private static ImageCatalog load(List<MetadataSource> sources, List<ValidationError> unreadable) {
        List<ValidationError> errors = new ArrayList<>(unreadable);
        List<Image> images = new ArrayList<>();
        Map<String, String> originByRef = new HashMap<>();
        for (MetadataSource source : sources) {
            ImageMetadataReader.Result result = ImageMetadataReader.check(source);
            errors.addAll(result.errors());
            result.image().ifPresent(image -> {
                String first = originByRef.putIfAbsent(image.ref(), source.origin());
                if (first == null) {
                    images.add(image);
                } else {
                    errors.add(new ValidationError(source.origin(), "", "image \"" + image.ref()
                            + "\" is already defined by " + first + "; each name:version must be defined once"));
                }
            });
        }
        if (!errors.isEmpty()) {
            throw new InvalidImageMetadataException(errors);
        }
        return new ImageCatalog(images);
    }

    /**
     * Loads every {@code *.yaml}, {@code *.yml} and {@code *.json} file directly in {@code dir}, in file name order;
     * files whose name starts with '.' (editors' backups, hidden files) and sub-directories are left out. A file that
     * cannot be read or is not UTF-8 is an error of that file.
     *
     * @throws IllegalArgumentException      when {@code dir} is not a directory
     * @throws InvalidImageMetadataException as {@link #load}
     */
    public static ImageCatalog loadDirectory(Path dir) {
        return load(List.of(), dir);
    }

    /**
     * Validates {@code sources} and the files of {@code dir} (as {@link #loadDirectory} reads them) together, so that
     * images shipped with UDRE and a site's own are one catalogue with one list of errors.
     */
    public static ImageCatalog load(List<MetadataSource> sources, Path dir) {
        Objects.requireNonNull(dir, "dir");
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("image metadata directory " + dir + " does not exist or is not a directory");
        }
        List<Path> files;
        try (Stream<Path> entries = Files.list(dir)) {
            files = entries.filter(ImageCatalog::isMetadataFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list image metadata directory " + dir, e);
        }
        List<MetadataSource> all = new ArrayList<>(sources);
        List<ValidationError> unreadable = new ArrayList<>();
        for (Path file : files) {
            try {
                all.add(new MetadataSource(file.toString(), Files.readString(file)));
            } catch (CharacterCodingException e) {
                unreadable.add(new ValidationError(file.toString(), "", "is not UTF-8 text"));
            } catch (IOException e) {
                unreadable.add(new ValidationError(file.toString(), "", "cannot be read: " + e));
            }
        }
        return load(all, unreadable);
    }

    private static boolean isMetadataFile(Path path) {
        String name = path.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && Files.isRegularFile(path)
                && (lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json"));
    }

    public Optional<Image> find(String name, String version) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        return images.stream().filter(i -> i.name().equals(name) && i.version().equals(version)).findFirst();
    }

    /**
     * The image a reference names: {@code name:version} exactly, or {@code name} alone for the newest version of
     * that name (by {@link Version} order, so 1.10 is newer than 1.9 and 2.0 than 2.0-rc1).
     *
     * @throws UnknownImageException listing every image the catalogue holds
     */
    public Image require(String ref) {
        Objects.requireNonNull(ref, "ref");
        int colon = ref.indexOf(':');
        Optional<Image> image = colon < 0
                ? images.stream().filter(i -> i.name().equals(ref)).reduce((older, newer) -> newer)
                : find(ref.substring(0, colon), ref.substring(colon + 1));
        return image.orElseThrow(() -> new UnknownImageException(ref, images.stream().map(Image::ref).toList()));
    }

    /** Every image, sorted by name, then by version (oldest first). */
    public List<Image> all() {
        return images;
    }
}
