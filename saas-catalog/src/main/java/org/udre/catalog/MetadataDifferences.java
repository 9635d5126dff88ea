package org.udre.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where two metadata documents differ, field by field, so that a refused re-publication says exactly what changed.
 * Key order and YAML or JSON spelling do not count: the trees are compared.
 */
final class MetadataDifferences {

    private MetadataDifferences() {
    }

    /** Each difference as "JSON pointer: published X, given Y"; empty when the documents are the same. */
    static List<String> between(JsonNode published, JsonNode given) {
        List<String> differences = new ArrayList<>();
        collect("", published, given, differences);
        return differences;
    }

    private static void collect(String at, JsonNode published, JsonNode given, List<String> differences) {
        if (published != null && published.equals(given)) {
            return;
        }
        if (published != null && given != null && published.isObject() && given.isObject()) {
            Set<String> names = new LinkedHashSet<>();
            published.fieldNames().forEachRemaining(names::add);
            given.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                collect(at + "/" + name.replace("~", "~0").replace("/", "~1"), published.get(name), given.get(name),
                        differences);
            }
        } else if (published != null && given != null && published.isArray() && given.isArray()) {
            for (int i = 0; i < Math.max(published.size(), given.size()); i++) {
                collect(at + "/" + i, published.get(i), given.get(i), differences);
            }
        } else {
            differences.add((at.isEmpty() ? "/" : at) + ": published " + shown(published) + ", given " + shown(given));
        }
    }

    private static String shown(JsonNode value) {
        return value == null ? "nothing" : DocumentSchema.quote(value);
    }
}
