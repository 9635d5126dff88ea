package org.udre.engine.catalog;

import java.net.URI;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.udre.catalog.ImageFile;
import org.udre.catalog.ImageFiles;
import org.udre.catalog.ImageRequirements;
import org.udre.catalog.ImageStore;
import org.udre.catalog.ImageVersion;
import org.udre.catalog.MetadataSource;
import org.udre.catalog.PublishResult;
import org.udre.catalog.SearchResult;
import org.udre.catalog.UnknownImageException;

/**
 * The image catalogue over HTTP: list, read, publish (YAML or JSON metadata), withdraw, register files, search.
 * Errors are answered by {@link CatalogErrors}.
 */
@RestController
@RequestMapping("/api/images")
class ImagesController {

    private final ImageStore store;
    private final ImageFiles files;

    ImagesController(ImageStore store, ImageFiles files) {
        this.store = store;
        this.files = files;
    }

    @GetMapping
    List<ImageVersionView> all() {
        return store.versions().stream().map(version -> ImageVersionView.of(version, null)).toList();
    }

    @GetMapping("/{name}/{version}")
    ImageVersionView one(@PathVariable String name, @PathVariable String version) {
        return ImageVersionView.of(require(name, version), files.files(name, version));
    }

    /** 201 when the version is new, 200 when exactly this metadata was published before; nothing else changes. */
    @PostMapping(consumes = {MediaType.APPLICATION_JSON_VALUE, "application/yaml", "application/x-yaml", "text/yaml",
            MediaType.TEXT_PLAIN_VALUE})
    ResponseEntity<ImageVersionView> publish(@RequestBody String metadata) {
        PublishResult result = store.publish(new MetadataSource("request", metadata));
        ImageVersion version = result.version();
        ImageVersionView view = ImageVersionView.of(version, files.files(version.image().name(), version.image().version()));
        return result.created()
                ? ResponseEntity.created(location(version)).body(view)
                : ResponseEntity.ok().location(location(version)).body(view);
    }

    @PostMapping("/{name}/{version}/withdraw")
    ImageVersionView withdraw(@PathVariable String name, @PathVariable String version,
            @RequestParam(required = false) String reason, @RequestBody(required = false) Map<String, String> body) {
        String why = reason != null ? reason : body == null ? null : body.get("reason");
        return ImageVersionView.of(store.withdraw(name, version, why), files.files(name, version));
    }

    /**
     * Registers the file of one of the version's volumes; its SHA-256 and size are checked by reading it.
     *
     * @param request {@code {"volume": "...", "location": "...", "sha256": "...", "sizeBytes": n}}; volume left
     *                out: the base volume
     */
    @PostMapping(value = "/{name}/{version}/files", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ImageFile> registerFile(@PathVariable String name, @PathVariable String version,
            @RequestBody FileRegistration request) {
        if (request.sizeBytes() == null) {
            throw new IllegalArgumentException("a file registration needs sizeBytes, the file's size in bytes");
        }
        boolean existed = files.file(name, version, request.volume() == null
                ? require(name, version).image().disk().volume() : request.volume()).isPresent();
        ImageFile file = files.register(name, version, request.volume(), request.location(), request.sha256(),
                request.sizeBytes());
        return existed ? ResponseEntity.ok(file) : ResponseEntity.created(location(require(name, version))).body(file);
    }

    record FileRegistration(String volume, String location, String sha256, Long sizeBytes) {
    }

    /** The available versions meeting the requirements, best first; with explain=true, why each other one does not. */
    @PostMapping(value = "/search", consumes = MediaType.APPLICATION_JSON_VALUE)
    SearchResult search(@RequestBody JsonNode requirements, @RequestParam(defaultValue = "false") boolean explain) {
        return store.search(ImageRequirements.fromJson("request", requirements), explain);
    }

    private ImageVersion require(String name, String version) {
        return store.version(name, version).orElseThrow(() -> new UnknownImageException(name + ":" + version,
                store.versions().stream().map(ImageVersion::ref).toList()));
    }

    private static URI location(ImageVersion version) {
        return URI.create("/api/images/" + version.image().name() + "/" + version.image().version());
    }
}
