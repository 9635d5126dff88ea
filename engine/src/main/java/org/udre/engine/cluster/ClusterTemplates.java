package org.udre.engine.cluster;

import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.stereotype.Component;
import org.udre.engine.UdreProperties;
import org.udre.templates.TemplateSource;

/** Where a named cluster template is found: the site's templates folder first, then the templates shipped with UDRE. */
@Component
public class ClusterTemplates {

    private final String directory;

    public ClusterTemplates(UdreProperties properties) {
        this.directory = properties.clusters().templatesDirectory();
    }

    public TemplateSource source(ClusterRequest request) {
        if (request.templateText() != null) {
            return new TemplateSource("request", request.templateText());
        }
        if (!directory.isEmpty()) {
            for (String ending : new String[] {".yaml", ".yml", ".json"}) {
                Path file = Path.of(directory, request.template() + ending);
                if (Files.isRegularFile(file)) {
                    return TemplateSource.ofFile(file);
                }
            }
        }
        return TemplateSource.shipped(request.template() + ".yaml");
    }
}
