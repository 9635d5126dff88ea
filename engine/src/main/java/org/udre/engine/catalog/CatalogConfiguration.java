package org.udre.engine.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.udre.catalog.ImageCatalog;
import org.udre.catalog.MetadataSource;
import org.udre.engine.UdreProperties;

@Configuration
class CatalogConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CatalogConfiguration.class);
    private static final String SHIPPED_IMAGES = "classpath*:catalog/images/*.*";

    /**
     * The images shipped with UDRE plus those in the operator's catalogue folder, all validated together: one bad
     * file stops the start-up with every error listed, so the engine never runs on half a catalogue.
     */
    @Bean
    ImageCatalog imageCatalog(UdreProperties properties) throws IOException {
        List<MetadataSource> sources = new ArrayList<>();
        for (Resource resource : new PathMatchingResourcePatternResolver().getResources(SHIPPED_IMAGES)) {
            if (isMetadataFile(resource.getFilename())) {
                sources.add(new MetadataSource(resource.getDescription(),
                        resource.getContentAsString(StandardCharsets.UTF_8)));
            }
        }
        String directory = properties.catalog().directory();
        ImageCatalog catalog = directory.isEmpty()
                ? ImageCatalog.load(sources)
                : ImageCatalog.load(sources, Path.of(directory));
        log.info("Image catalogue: {}", catalog.all().stream().map(image -> image.ref()).toList());
        return catalog;
    }

    private static boolean isMetadataFile(String name) {
        return name != null && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"));
    }
}
