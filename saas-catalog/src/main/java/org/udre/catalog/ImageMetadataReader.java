package org.udre.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads one image metadata document: parses it, checks it against the JSON Schema and the rules the schema cannot
 * express, and only when all of that passes, makes the {@link Image}. Every error of the document is reported, and
 * nothing is made from a document with any error.
 *
 * <p>Stateless and safe to share: the compiled schema is made once, on first use.
 */
public final class ImageMetadataReader {

    private static final class Compiled {
        static final DocumentSchema SCHEMA = DocumentSchema.shipped(DocumentSchema.IMAGE_METADATA);
    }

    private ImageMetadataReader() {
    }

    /** @throws InvalidImageMetadataException listing every error of the document */
    public static Image read(MetadataSource source) {
        Result result = check(source);
        if (!result.errors().isEmpty()) {
            throw new InvalidImageMetadataException(result.errors());
        }
        return result.image().orElseThrow();
    }

    /** Either the image and the document's tree, or every error of the document (and neither). */
    record Result(Optional<Image> image, JsonNode metadata, List<ValidationError> errors) {
        static Result rejected(List<ValidationError> errors) {
            return new Result(Optional.empty(), null, errors);
        }
    }

    static Result check(MetadataSource source) {
        List<ValidationError> errors = new ArrayList<>();
        Optional<JsonNode> parsed = DocumentParser.parse(source.origin(), source.text(), "image", errors);
        if (parsed.isEmpty()) {
            return Result.rejected(errors);
        }
        JsonNode tree = parsed.get();
        errors.addAll(Compiled.SCHEMA.violations(source.origin(), tree));
        if (tree.isObject()) {
            errors.addAll(SemanticChecks.violations(source.origin(), tree));
        }
        if (!errors.isEmpty()) {
            return Result.rejected(errors);
        }
        try {
            return new Result(Optional.of(toImage(tree)), tree, List.of());
        } catch (IllegalArgumentException e) {
            // The records re-check what the schema already did; reaching this means the two disagree, and the
            // record's message still quotes the value.
            return Result.rejected(List.of(new ValidationError(source.origin(), "", e.getMessage())));
        }
    }

    static DocumentSchema schema() {
        return Compiled.SCHEMA;
    }

    /**
     * The image a document describes that was validated when it was published; stored documents are not checked
     * again on every read.
     */
    static Image toImage(JsonNode tree) {
        JsonNode os = tree.get("os");
        JsonNode resources = tree.get("resources");
        JsonNode disk = tree.get("disk");
        JsonNode tsi = tree.get("tsi");
        List<Image.Application> applications = new ArrayList<>();
        tree.path("applications").forEach(a -> applications.add(
                new Image.Application(a.get("name").textValue(), a.get("version").textValue())));
        List<String> tags = new ArrayList<>();
        tree.path("tags").forEach(tag -> tags.add(tag.textValue()));
        return new Image(
                tree.get("name").textValue(),
                tree.get("version").textValue(),
                tree.get("description").textValue(),
                new Image.OperatingSystem(os.get("family").textValue(), os.get("distribution").textValue(),
                        os.get("version").textValue()),
                applications,
                new Image.Resources(resources.get("cores").intValue(), resources.get("memoryMiB").intValue(),
                        resources.get("diskGiB").intValue()),
                new Image.Disk(disk.get("volume").textValue(), disk.get("format").textValue()),
                new Image.TsiSetup(tsi.get("port").intValue(), tsi.get("minimumVersion").textValue(),
                        tsi.get("user").textValue(), tsi.get("workspace").textValue(),
                        Duration.parse(tsi.get("readyWithin").textValue())),
                tags,
                boot(tree.get("boot")));
    }

    private static Image.Boot boot(JsonNode boot) {
        if (boot == null) {
            return null;
        }
        return new Image.Boot(boot.get("kernel").textValue(), boot.get("initrd").textValue(),
                boot.path("cmdline").asText(""));
    }
}
