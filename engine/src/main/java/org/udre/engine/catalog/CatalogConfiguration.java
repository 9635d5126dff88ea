package org.udre.engine.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.udre.catalog.CatalogSchema;
import org.udre.catalog.ImageCatalog;
import org.udre.catalog.ImageFiles;
import org.udre.catalog.ImageStore;
import org.udre.catalog.MetadataBatch;
import org.udre.catalog.MetadataSource;
import org.udre.catalog.PublishResult;
import org.udre.catalog.VolumeUploads;
import org.udre.engine.UdreProperties;

/**
 * The image catalogue in the engine's database, shared with Camunda (H2 by default, PostgreSQL for several engines).
 *
 * <p>The catalogue's tables are migrated here, explicitly, with a Flyway history of their own
 * ({@link CatalogSchema}); Spring Boot's single auto-configured Flyway stays off so each part keeps its own.
 */
@Configuration
class CatalogConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CatalogConfiguration.class);
    private static final String SHIPPED_IMAGES = "classpath*:catalog/images/*.*";

    @Bean
    ImageStore imageStore(DataSource dataSource) {
        CatalogSchema.migrate(dataSource);
        return new ImageStore(dataSource);
    }

    @Bean
    ImageFiles imageFiles(DataSource dataSource, ImageStore store) {
        return new ImageFiles(dataSource, store);
    }

    @Bean
    VolumeUploads volumeUploads(DataSource dataSource, ImageStore store) {
        // Depends on the store, whose bean migrates the tables.
        return new VolumeUploads(dataSource);
    }

    /**
     * The catalogue the engine's steps read, after publishing the images shipped with UDRE and those in the
     * operator's catalogue folder. They are validated together and published in one transaction: one bad file, or
     * one that changes an already published version, stops the start-up with every error listed, and publishes
     * nothing. Publishing an unchanged image again changes nothing, so this runs at every start.
     */
    @Bean
    ImageCatalog imageCatalog(ImageStore store, UdreProperties properties) throws IOException {
        List<MetadataSource> sources = new ArrayList<>();
        for (Resource resource : new PathMatchingResourcePatternResolver().getResources(SHIPPED_IMAGES)) {
            if (resource.getFilename() != null && MetadataBatch.isMetadataFileName(resource.getFilename())) {
                sources.add(new MetadataSource(resource.getDescription(),
                        resource.getContentAsString(StandardCharsets.UTF_8)));
            }
        }
        String directory = properties.catalog().directory();
        MetadataBatch batch = directory.isEmpty()
                ? MetadataBatch.read(sources)
                : MetadataBatch.read(sources, Path.of(directory));
        List<PublishResult> results = store.publishAll(batch);
        log.info("Image catalogue: published {}, unchanged {}",
                results.stream().filter(PublishResult::created).map(r -> r.version().ref()).toList(),
                results.stream().filter(r -> !r.created()).map(r -> r.version().ref()).toList());
        return ImageCatalog.of(store);
    }
}
