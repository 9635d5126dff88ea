package org.udre.system.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The image catalogue over HTTP on the real engine: publish, version, withdraw, search, and what is refused. */
class ImagesApiTest extends CatalogEngineTest {

    private static final MediaType YAML = MediaType.parseMediaType("application/yaml");

    /** Metadata of an image that only these tests use, so the engine's other images stay as they are. */
    static String metadata(String name, String version, String bashVersion, int cores) {
        return """
                # comments are not part of the metadata
                name: %s
                version: "%s"
                description: An image of the HTTP tests.
                os: {family: linux, distribution: debian, version: "12"}
                applications:
                  - {name: bash, version: "%s"}
                resources: {cores: %d, memoryMiB: 256, diskGiB: 1}
                disk: {volume: %s-%s.qcow2, format: qcow2}
                tsi: {port: 4433, minimumVersion: "10.4.0", user: nobody, workspace: /var/lib/udre/jobs, readyWithin: PT60S}
                tags: [http-test]
                """.formatted(name, version, bashVersion, cores, name, version);
    }

    @Test
    void an_image_is_published_once_and_publishing_the_same_metadata_again_answers_200_and_changes_nothing() {
        ResponseEntity<Map> created = post("/api/images", metadata("api-same", "1.0", "5.2", 1), YAML);
        ResponseEntity<Map> again = post("/api/images", metadata("api-same", "1.0", "5.2", 1)
                .replace("# comments are not part of the metadata", "# another comment"), YAML);

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(created.getHeaders().getLocation()).hasToString("/api/images/api-same/1.0");
        assertThat(created.getBody()).containsEntry("ref", "api-same:1.0").containsEntry("status", "AVAILABLE");
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(again.getBody()).containsEntry("publishedAt", created.getBody().get("publishedAt"));
        assertThat(rowsOf("api-same")).isEqualTo(1);
    }

    @Test
    void other_metadata_for_a_published_version_is_refused_with_409_naming_what_differs() {
        post("/api/images", metadata("api-immutable", "1.0", "5.2", 1), YAML);

        ResponseEntity<Map> refused = post("/api/images", metadata("api-immutable", "1.0", "5.2", 2), YAML);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat((List<Map<String, Object>>) refused.getBody().get("conflicts")).singleElement()
                .satisfies(conflict -> assertThat(conflict.get("differences"))
                        .isEqualTo(List.of("/resources/cores: published 1, given 2")));
        Map<String, Map<String, Object>> metadata = (Map<String, Map<String, Object>>) http
                .getForObject("/api/images/api-immutable/1.0", Map.class).get("metadata");
        assertThat(metadata.get("resources").get("cores")).isEqualTo(1);
    }

    @Test
    void invalid_metadata_is_refused_with_400_listing_every_error_with_its_path_and_nothing_is_stored() {
        String invalid = metadata("api-invalid", "1.0", "5.2", 0).replace("format: qcow2", "format: vmdk")
                .replace("readyWithin: PT60S", "readyWithin: soon");

        ResponseEntity<Map> refused = post("/api/images", invalid, YAML);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((List<Map<String, String>>) refused.getBody().get("errors")).extracting(error -> error.get("path"))
                .containsExactlyInAnyOrder("/resources/cores", "/disk/format", "/tsi/readyWithin");
        assertThat((String) refused.getBody().get("error")).startsWith("image metadata rejected, 3 errors:");
        assertThat(rowsOf("api-invalid")).isZero();
        assertThat(http.getForEntity("/api/images/api-invalid/1.0", Map.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void metadata_may_be_posted_as_json_too() {
        String json = """
                {"name": "api-json", "version": "2.0", "description": "JSON.",
                 "os": {"family": "linux", "distribution": "debian", "version": "12"},
                 "resources": {"cores": 1, "memoryMiB": 256, "diskGiB": 1},
                 "disk": {"volume": "api-json-2.0.qcow2", "format": "qcow2"},
                 "tsi": {"port": 4433, "minimumVersion": "10.4.0", "user": "nobody",
                         "workspace": "/var/lib/udre/jobs", "readyWithin": "PT60S"}}
                """;

        assertThat(postJson("/api/images", json).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(http.getForObject("/api/images", List.class)).extracting(view -> ((Map<?, ?>) view).get("ref"))
                .contains("api-json:2.0", "udre-guest:1.0");
    }

    @Test
    void a_withdrawn_version_is_no_longer_found_by_search_but_can_still_be_read() {
        post("/api/images", metadata("api-withdraw", "1.0", "5.2", 1), YAML);
        post("/api/images", metadata("api-withdraw", "1.1", "5.2", 1), YAML);

        ResponseEntity<Map> withdrawn = postJson("/api/images/api-withdraw/1.1/withdraw", "{\"reason\": \"broken\"}");
        Map<?, ?> found = postJson("/api/images/search", "{\"name\": \"api-withdraw\"}").getBody();
        Map<?, ?> explained = postJson("/api/images/search?explain=true", "{\"name\": \"api-withdraw\"}").getBody();

        assertThat(withdrawn.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(withdrawn.getBody()).containsEntry("status", "WITHDRAWN").containsEntry("withdrawalReason", "broken");
        assertThat(refs(found.get("matches"))).containsExactly("api-withdraw:1.0");
        assertThat((List<Map<String, Object>>) explained.get("rejections"))
                .filteredOn(r -> r.get("ref").equals("api-withdraw:1.1")).singleElement()
                .satisfies(r -> assertThat((List<String>) r.get("reasons")).singleElement().asString()
                        .startsWith("withdrawn at ").endsWith(": broken"));
        assertThat(http.getForObject("/api/images/api-withdraw/1.1", Map.class)).containsEntry("status", "WITHDRAWN");
        assertThat(postJson("/api/images/no-such/1.0/withdraw", "{}").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void a_search_lists_matches_best_first_and_explains_every_other_version_when_asked() {
        post("/api/images", metadata("api-search", "1.0", "5.1", 1), YAML);
        post("/api/images", metadata("api-search", "2.0", "5.2.15", 4), YAML);
        post("/api/images", metadata("api-search", "3.0", "5.2", 1), YAML);
        String requirements = """
                {"name": "api-search", "applications": [{"name": "bash", "version": ">=5.2,<6"}], "tags": ["http-test"]}
                """;

        Map<?, ?> result = postJson("/api/images/search?explain=true", requirements).getBody();

        assertThat(refs(result.get("matches"))).containsExactly("api-search:2.0", "api-search:3.0");
        assertThat((List<Map<String, Object>>) result.get("rejections"))
                .filteredOn(r -> r.get("ref").equals("api-search:1.0")).singleElement()
                .satisfies(r -> assertThat(r.get("reasons")).isEqualTo(List.of("application \"bash\" 5.1 is not in >=5.2,<6")));
    }

    @Test
    void requirements_that_are_not_valid_are_refused_with_400_and_their_paths() {
        ResponseEntity<Map> refused = postJson("/api/images/search",
                "{\"applications\": [{\"name\": \"bash\", \"version\": \"newest\"}], \"minCores\": -1}");

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((List<Map<String, String>>) refused.getBody().get("errors")).extracting(error -> error.get("path"))
                .containsExactlyInAnyOrder("/applications/0/version", "/minCores");
    }

    private static List<Object> refs(Object matches) {
        return ((List<Map<String, Object>>) matches).stream().map(m -> m.get("name") + ":" + m.get("version")).map(Object.class::cast).toList();
    }
}
