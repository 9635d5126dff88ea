package org.udre.system.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.udre.system.SystemTest;

/**
 * The engine that the catalogue's and the offerings' HTTP tests share (one Spring context for every subclass), with
 * helpers to call the API and to look into the catalogue's tables.
 */
@SystemTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
abstract class CatalogEngineTest {

    /**
     * The shared system-test configuration names a second simulated host whose TSI never calls back; these tests
     * use the first host only, so the second is a plain simulated host with the pool the configuration names.
     */
    @DynamicPropertySource
    static void secondHost(DynamicPropertyRegistry registry) {
        registry.add("udre.test.silent-tsi-port", () -> 9);
        registry.add("udre.test.silent-host-uri", CatalogEngineTest::simulatedHostWithPoolUdre);
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    DataSource dataSource;

    ResponseEntity<Map> post(String path, String body, MediaType type) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(type);
        return http.postForEntity(path, new HttpEntity<>(body, headers), Map.class);
    }

    ResponseEntity<Map> postJson(String path, String json) {
        return post(path, json, MediaType.APPLICATION_JSON);
    }

    /** Rows of the catalogue's tables that belong to images of this name. */
    int rowsOf(String imageName) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        int rows = 0;
        for (String table : List.of("catalog_image_version", "catalog_image_file")) {
            rows += jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE name = ?", Integer.class, imageName);
        }
        return rows;
    }

    private static String simulatedHostWithPoolUdre() {
        try {
            Path file = Files.createTempFile("udre-catalog-tests-", ".xml");
            Files.writeString(file, """
                    <node>
                      <cpu><nodes>1</nodes><sockets>1</sockets><cores>4</cores><threads>1</threads>
                        <active>4</active><mhz>2000</mhz><model>x86_64</model></cpu>
                      <memory>8388608</memory>
                      <pool type='dir'><name>udre</name><target><path>/var/lib/udre/pool</path></target></pool>
                    </node>
                    """);
            file.toFile().deleteOnExit();
            return "test://" + file.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
