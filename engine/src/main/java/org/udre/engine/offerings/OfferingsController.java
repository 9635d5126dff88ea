package org.udre.engine.offerings;

import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.udre.catalog.ImageRequirements;
import org.udre.catalog.InvalidDocumentException;
import org.udre.catalog.ValidationError;
import org.udre.catalog.offerings.Offering;
import org.udre.catalog.offerings.Offerings;
import org.udre.engine.lifecycle.JobStatus;
import org.udre.engine.lifecycle.Jobs;

/**
 * Offerings over HTTP, for SaaS front ends: list them (with each one's parameters schema to build a form from) and
 * start a run with {@code {"parameters": {...}, "requestId": "..."}}, answered with the job's status (201); the job
 * is then followed at {@code /api/jobs/{id}}. Errors are answered by {@code CatalogErrors}.
 */
@RestController
@RequestMapping("/api/offerings")
public class OfferingsController {

    private static final Set<String> RUN_FIELDS = Set.of("parameters", "requestId", "host");

    private final Offerings offerings;
    private final OfferingRuns runs;
    private final Jobs jobs;

    OfferingsController(Offerings offerings, OfferingRuns runs, Jobs jobs) {
        this.offerings = offerings;
        this.runs = runs;
        this.jobs = jobs;
    }

    /** An offering as a front end sees it. */
    record OfferingView(String name, String title, String description, ImageRequirements image, Integer cores,
                        Integer memoryMiB, JsonNode parameters) {
        static OfferingView of(Offering offering) {
            return new OfferingView(offering.name(), offering.title(), offering.description(), offering.image(),
                    offering.cores(), offering.memoryMiB(), offering.parameters().schema());
        }
    }

    @GetMapping
    List<OfferingView> all() {
        return offerings.all().stream().map(OfferingView::of).toList();
    }

    @GetMapping("/{name}")
    OfferingView one(@PathVariable String name) {
        return OfferingView.of(offerings.require(name));
    }

    @PostMapping(value = "/{name}/runs", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<JobStatus> run(@PathVariable String name, @RequestBody JsonNode request) {
        offerings.require(name);
        checkShape(request);
        String id = runs.start(name, request.get("parameters"), text(request, "requestId"), text(request, "host"));
        return ResponseEntity.created(URI.create("/api/jobs/" + id)).body(jobs.status(id));
    }

    /** The run request itself, before its parameters: an object of known fields, each of the right kind. */
    private static void checkShape(JsonNode request) {
        List<ValidationError> errors = new ArrayList<>();
        if (!request.isObject()) {
            errors.add(new ValidationError("request", "", "must be an object with parameters and requestId"));
        } else {
            for (Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
                String field = names.next();
                if (!RUN_FIELDS.contains(field)) {
                    errors.add(new ValidationError("request", "/" + field,
                            "is not a known property; allowed here: parameters, requestId, host"));
                }
            }
            JsonNode requestId = request.get("requestId");
            if (requestId != null && (!requestId.isTextual() || requestId.textValue().isBlank()
                    || requestId.textValue().length() > 200)) {
                errors.add(new ValidationError("request", "/requestId",
                        "must be text of 1 to 200 characters (found " + requestId + ")"));
            }
            JsonNode host = request.get("host");
            if (host != null && !host.isTextual()) {
                errors.add(new ValidationError("request", "/host", "must be the name of a configured host (found "
                        + host + ")"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidDocumentException("run request", errors);
        }
    }

    private static String text(JsonNode request, String field) {
        JsonNode value = request.get(field);
        return value == null ? null : value.textValue();
    }
}
