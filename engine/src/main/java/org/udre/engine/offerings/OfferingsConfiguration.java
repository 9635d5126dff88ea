package org.udre.engine.offerings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.udre.catalog.MetadataBatch;
import org.udre.catalog.MetadataSource;
import org.udre.catalog.offerings.Offering;
import org.udre.catalog.offerings.Offerings;

@Configuration
class OfferingsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(OfferingsConfiguration.class);
    private static final String SHIPPED_OFFERINGS = "classpath*:catalog/offerings/*.*";

    /**
     * The offerings shipped with UDRE plus those in the operator's folder ({@code udre.offerings.directory}), checked
     * together: one bad file stops the start-up with every error listed.
     */
    @Bean
    Offerings offerings(@Value("${udre.offerings.directory:}") String directory) throws IOException {
        List<MetadataSource> sources = new ArrayList<>();
        for (Resource resource : new PathMatchingResourcePatternResolver().getResources(SHIPPED_OFFERINGS)) {
            if (resource.getFilename() != null && MetadataBatch.isMetadataFileName(resource.getFilename())) {
                sources.add(new MetadataSource(resource.getDescription(),
                        resource.getContentAsString(StandardCharsets.UTF_8)));
            }
        }
        Offerings offerings = directory.isBlank() ? Offerings.load(sources)
                : Offerings.load(sources, Path.of(directory.trim()));
        log.info("Offerings: {}", offerings.all().stream().map(Offering::name).toList());
        return offerings;
    }
}
