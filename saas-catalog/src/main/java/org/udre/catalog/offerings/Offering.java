package org.udre.catalog.offerings;

import org.udre.catalog.scripts.ScriptTemplate;
import org.udre.catalog.scripts.ShellQuoting;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import org.udre.catalog.ImageRequirements;
import org.udre.catalog.InvalidDocumentException;

/**
 * A named application a SaaS front end can start with parameters, without knowing about images or VMs: "offering X
 * with parameters P". Read from a file by {@link Offerings}, which checks it against
 * {@code catalog/offering.schema.json} and checks its script template.
 *
 * @param image      what the image of a run must offer; each run takes the best available match
 * @param cores      cores of a run's VM; null: the image's default
 * @param memoryMiB  memory of a run's VM in MiB; null: the image's default
 * @param origin     the file it was read from
 */
public record Offering(String name, String title, String description, ImageRequirements image, Integer cores,
        Integer memoryMiB, OfferingParameters parameters, ScriptTemplate script, String origin) {

    public Offering {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(origin, "origin");
    }

    /**
     * A run of this offering with the given parameters: checked against the parameters' schema, completed with
     * defaults, and put into the script template.
     *
     * @param parameters the run's parameters object; null: none
     * @throws InvalidDocumentException with every error at its path under {@code /parameters}
     */
    public PreparedRun prepare(JsonNode parameters) {
        ObjectNode complete = this.parameters.complete(parameters, "/parameters");
        String rendered = script.render(name -> ShellQuoting.words(complete.get(name)));
        return new PreparedRun(this, complete, rendered);
    }

    /**
     * @param parameters the run's parameters, defaults included
     * @param script     the job script with every placeholder replaced by its quoted value
     */
    public record PreparedRun(Offering offering, ObjectNode parameters, String script) {
    }
}
