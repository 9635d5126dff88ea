package org.udre.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Image metadata documents validated together, all or nothing: when any document has an error, no batch is made and
 * the exception lists every error of every document, so an operator fixes them in one pass.
 */
public final class MetadataBatch {

    /**
     * One valid document.
     *
     * @param metadata the document's tree, as it is stored
     * @param image    what it describes
     */
    public record Entry(MetadataSource source, JsonNode metadata, Image image) {
        public Entry {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(metadata, "metadata");
            Objects.requireNonNull(image, "image");
        }
    }

    private final List<Entry> entries;

    private MetadataBatch(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Validates every document.
     *
     * @throws InvalidImageMetadataException listing every error of every document, including an image defined
     *                                       twice (name:version in two documents, both named)
     */
    public static MetadataBatch read(List<MetadataSource> sources) {
        return read(sources, List.of());
    }

    /**
     * Validates {@code sources} and every {@code *.yaml}, {@code *.yml} and {@code *.json} file directly in
     * {@code dir} together, in file name order, so that images shipped with UDRE and a site's own are checked as
     * one with one list of errors. Files whose name starts with '.' (editors' backups, hidden files) and
     * sub-directories are left out. A file that cannot be read or is not UTF-8 is an error of that file.
     *
     * @throws IllegalArgumentException      when {@code dir} is not a directory
     * @throws InvalidImageMetadataException as {@link #read(List)}
     */
    public static MetadataBatch read(List<MetadataSource> sources, Path dir) {
        List<MetadataSource> all = new ArrayList<>(sources);
        List<ValidationError> unreadable = new ArrayList<>();
        all.addAll(readDirectory(dir, unreadable));
        return read(all, unreadable);
    }

    /**
     * The documents in {@code dir} as {@link #read(List, Path)} takes them; files that cannot be read are added to
     * {@code unreadable}. Offerings are read from folders the same way.
     */
    public static List<MetadataSource> readDirectory(Path dir, List<ValidationError> unreadable) {
        Objects.requireNonNull(dir, "dir");
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("metadata directory " + dir + " does not exist or is not a directory");
        }
        List<Path> files;
        try (Stream<Path> entries = Files.list(dir)) {
            files = entries.filter(MetadataBatch::isMetadataFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list metadata directory " + dir, e);
        }
        List<MetadataSource> sources = new ArrayList<>();
        for (Path file : files) {
            try {
                sources.add(new MetadataSource(file.toString(), Files.readString(file)));
            } catch (CharacterCodingException e) {
                unreadable.add(new ValidationError(file.toString(), "", "is not UTF-8 text"));
            } catch (IOException e) {
                unreadable.add(new ValidationError(file.toString(), "", "cannot be read: " + e));
            }
        }
        return sources;
    }

    /** Whether a file name is one of a metadata document: *.yaml, *.yml or *.json, not hidden. */
    public static boolean isMetadataFileName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && (lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json"));
    }

    private static boolean isMetadataFile(Path path) {
        return isMetadataFileName(path.getFileName().toString()) && Files.isRegularFile(path);
    }

    private static MetadataBatch read(List<MetadataSource> sources, List<ValidationError> unreadable) {
        List<ValidationError> errors = new ArrayList<>(unreadable);
        List<Entry> entries = new ArrayList<>();
        Map<String, String> originByRef = new HashMap<>();
        for (MetadataSource source : sources) {
            ImageMetadataReader.Result result = ImageMetadataReader.check(source);
            errors.addAll(result.errors());
            result.image().ifPresent(image -> {
                String first = originByRef.putIfAbsent(image.ref(), source.origin());
                if (first == null) {
                    entries.add(new Entry(source, result.metadata(), image));
                } else {
                    errors.add(new ValidationError(source.origin(), "", "image \"" + image.ref()
                            + "\" is already defined by " + first + "; each name:version must be defined once"));
                }
            });
        }
        if (!errors.isEmpty()) {
            throw new InvalidImageMetadataException(errors);
        }
        return new MetadataBatch(entries);
    }

    public List<Entry> entries() {
        return entries;
    }

    public List<Image> images() {
        return entries.stream().map(Entry::image).toList();
    }
}
