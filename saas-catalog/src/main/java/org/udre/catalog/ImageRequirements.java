package org.udre.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a job or an offering needs of an image. Every part is optional (null, or an empty list): an empty requirement
 * is met by every available image. The JSON form, which the HTTP API and offerings use, is described by the schema
 * {@code catalog/image-requirements.schema.json}:
 *
 * <pre>{"os": {"family": "linux", "distribution": "debian", "version": ">=12"},
 *  "applications": [{"name": "bash", "version": ">=5.1,<6"}],
 *  "minCores": 1, "minMemoryMiB": 256, "minDiskGiB": 1, "tags": ["demo"]}</pre>
 *
 * @param name         only versions of the image with this name
 * @param os           the operating system; null: any
 * @param applications applications that must be installed, each in a version of its range
 * @param minCores     fewest cores a VM of the image gets by default
 * @param minMemoryMiB least memory in MiB a VM of the image gets by default
 * @param minDiskGiB   smallest disk in GiB a VM of the image gets by default
 * @param tags         labels the image must all carry
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ImageRequirements(String name, Os os, List<Application> applications, Integer minCores,
        Integer minMemoryMiB, Integer minDiskGiB, List<String> tags) {

    /** Met by every available image. */
    public static final ImageRequirements ANY = new ImageRequirements(null, null, List.of(), null, null, null, List.of());

    private static final class Compiled {
        static final DocumentSchema SCHEMA = DocumentSchema.shipped(DocumentSchema.IMAGE_REQUIREMENTS);
    }

    public ImageRequirements {
        applications = List.copyOf(applications == null ? List.of() : applications);
        tags = List.copyOf(tags == null ? List.of() : tags);
        requireAtLeastOne("minCores", minCores);
        requireAtLeastOne("minMemoryMiB", minMemoryMiB);
        requireAtLeastOne("minDiskGiB", minDiskGiB);
    }

    /**
     * @param family       e.g. "linux"; null: any
     * @param distribution e.g. "debian"; null: any
     * @param version      versions of the distribution that qualify
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Os(String family, String distribution, VersionRange version) {
        public Os {
            version = version == null ? VersionRange.ANY : version;
        }
    }

    /** @param name compared with the image's application names without regard to case */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Application(String name, VersionRange version) {
        public Application {
            Objects.requireNonNull(name, "application name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("an application requirement needs a name, was \"" + name + "\"");
            }
            version = version == null ? VersionRange.ANY : version;
        }
    }

    /**
     * Reads requirements in their JSON form, after checking them against their schema.
     *
     * @param origin names the document in errors, e.g. "request" or an offering's file
     * @throws InvalidDocumentException with every error and its path
     */
    public static ImageRequirements fromJson(String origin, JsonNode json) {
        List<ValidationError> errors = Compiled.SCHEMA.violations(origin, json);
        if (!errors.isEmpty()) {
            throw new InvalidDocumentException("image requirements", errors);
        }
        JsonNode os = json.get("os");
        List<Application> applications = new ArrayList<>();
        json.path("applications").forEach(a -> applications.add(new Application(a.get("name").textValue(),
                VersionRange.parse(a.path("version").textValue()))));
        List<String> tags = new ArrayList<>();
        json.path("tags").forEach(tag -> tags.add(tag.textValue()));
        return new ImageRequirements(
                text(json, "name"),
                os == null ? null : new Os(text(os, "family"), text(os, "distribution"),
                        VersionRange.parse(text(os, "version"))),
                applications,
                integer(json, "minCores"), integer(json, "minMemoryMiB"), integer(json, "minDiskGiB"),
                tags);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null ? null : value.textValue();
    }

    private static Integer integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null ? null : value.intValue();
    }

    private static void requireAtLeastOne(String what, Integer value) {
        if (value != null && value < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, was " + value);
        }
    }
}
