package org.udre.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateSchemaTest {

    private final JsonNode schema = TemplateReader.schema().document();

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
        for (String single : List.of("items", "propertyNames")) {
            if (node.has(single)) {
                if (!node.get(single).path("description").isTextual() && !node.get(single).has("$ref")) {
                    undescribed.add(at + "/" + single);
                }
                collectUndescribed(at + "/" + single, node.get(single), undescribed);
            }
        }
    }

    @Test
    void the_schema_and_the_records_agree_on_names_and_references() {
        assertThat(schema.at("/$defs/templateName/pattern").asText()).isEqualTo(ClusterTemplate.NAME.pattern());
        assertThat(schema.at("/$defs/roleName/pattern").asText()).isEqualTo(Role.NAME.pattern());
        assertThat(schema.at("/properties/parameters/propertyNames/pattern").asText())
                .isEqualTo(Parameter.NAME.pattern());
        assertThat(schema.at("/$defs/imageRef/pattern").asText()).isEqualTo(ImageChoice.REF.pattern());
        assertThat(schema.at("/$defs/lowerCaseWord/pattern").asText()).isEqualTo(Script.NAME.pattern());
        assertThat(schema.at("/$defs/role/properties/count/maximum").asInt()).isEqualTo(Role.MOST_NODES);
        assertThat(schema.at("/$defs/role/properties/maxBatch/default").asInt()).isEqualTo(Role.DEFAULT_MAX_BATCH);
        assertThat(schema.at("/$defs/role/properties/maxReplacements/default").asInt())
                .isEqualTo(Role.DEFAULT_MAX_REPLACEMENTS);
    }

    @Test
    void image_requirements_take_the_form_the_catalogue_searches_by() throws Exception {
        JsonNode catalogue;
        try (var in = getClass().getClassLoader().getResourceAsStream("catalog/image-requirements.schema.json")) {
            catalogue = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
        }

        assertThat(schema.at("/$defs/imageRequirements/properties").toString()
                .replace("[\"openmpi\",\"htcondor\"]", "").replace("[\">=4.1,<5\",\"23.0\"]", "")
                .replace("\"mpi-node\"", "").replace("[\"hpc\"]", ""))
                .isEqualTo(catalogue.at("/properties").toString()
                        .replace("[\"bash\",\"povray\"]", "").replace("[\">=5.1,<6\",\"3.7.0\"]", "")
                        .replace("\"udre-guest\"", "").replace("[\"demo\"]", ""));
        assertThat(schema.at("/$defs/versionRange")).isEqualTo(catalogue.at("/$defs/versionRange"));
        assertThat(schema.at("/$defs/imageRequirements/additionalProperties"))
                .isEqualTo(catalogue.at("/additionalProperties"));
    }

    @Test
    void parameter_names_cannot_hide_facts_or_settings() {
        List<String> reserved = new ArrayList<>();
        schema.at("/properties/parameters/propertyNames/not/enum").forEach(word -> reserved.add(word.asText()));

        assertThat(reserved).contains("cluster", "members", "addresses", "role", "node", "lease", "onFailure");
    }
}
