package org.udre.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageMetadataSchemaTest {

    private final JsonNode schema = ImageMetadataReader.schema().document();

    @Test
    void the_schema_is_draft_2020_12() {
        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
    }

    @Test
    void every_property_and_definition_of_the_schema_has_a_description() {
        List<String> undescribed = new ArrayList<>();
        collectUndescribed("", schema, undescribed);

        assertThat(undescribed).isEmpty();
    }

    private static void collectUndescribed(String at, JsonNode node, List<String> undescribed) {
        for (String container : List.of("properties", "$defs")) {
            node.path(container).fields().forEachRemaining(entry -> {
                String where = at + "/" + container + "/" + entry.getKey();
                if (!entry.getValue().path("description").isTextual()) {
                    undescribed.add(where);
                }
                collectUndescribed(where, entry.getValue(), undescribed);
            });
        }
        if (node.has("items")) {
            if (!node.get("items").path("description").isTextual()) {
                undescribed.add(at + "/items");
            }
            collectUndescribed(at + "/items", node.get("items"), undescribed);
        }
    }

    @Test
    void the_schema_and_the_records_agree_on_safe_names_and_versions() {
        assertThat(schema.at("/$defs/safeName/pattern").asText()).isEqualTo(Image.SAFE_NAME.pattern());
        assertThat(schema.at("/$defs/version/pattern").asText()).isEqualTo(Version.PATTERN.pattern());
    }

    @ParameterizedTest
    @ValueSource(strings = {"udre-guest-1.0.yaml", "udre-guest-1.1.yaml"})
    void the_sample_image_has_a_comment_above_every_key(String file) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("images", file));
        Pattern key = Pattern.compile("^(\\s*)(- )?[A-Za-z]+:");
        List<String> uncommented = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = key.matcher(lines.get(i));
            if (!m.find()) {
                continue;
            }
            String above = i == 0 ? "" : lines.get(i - 1).strip();
            // The second key of a list item belongs to the item the comment above it describes.
            boolean insideCommentedItem = above.startsWith("- ") && m.group(1).length() >= 2 && m.group(2) == null;
            if (!above.startsWith("#") && !insideCommentedItem) {
                uncommented.add((i + 1) + ": " + lines.get(i));
            }
        }

        assertThat(uncommented).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"udre-guest-1.0.yaml", "udre-guest-1.1.yaml"})
    void the_sample_image_ships_in_the_jar_under_catalog_images(String file) throws IOException {
        try (InputStream packed = getClass().getClassLoader().getResourceAsStream("catalog/images/" + file)) {
            assertThat(packed).isNotNull();
            assertThat(new String(packed.readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo(Files.readString(Path.of("images", file)));
        }
    }
}
