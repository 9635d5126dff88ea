package org.udre.engine.cluster;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.udre.catalog.UnknownImageException;
import org.udre.engine.lifecycle.JobStatus;
import org.udre.engine.lifecycle.Jobs;
import org.udre.templates.InvalidTemplateException;
import org.udre.templates.PlanChangeRefusedException;
import org.udre.catalog.ValidationError;

/** Clusters over HTTP: start from a template, inspect, scale, run a job on, tear down. */
@RestController
@RequestMapping("/api/clusters")
class ClustersController {

    private final Clusters clusters;
    private final Jobs jobs;

    ClustersController(Clusters clusters, Jobs jobs) {
        this.clusters = clusters;
        this.jobs = jobs;
    }

    @PostMapping
    ResponseEntity<ClusterStatus> start(@RequestBody ClusterRequest request) {
        ClusterStatus status = clusters.start(request);
        return ResponseEntity.created(URI.create("/api/clusters/" + status.name())).body(status);
    }

    @GetMapping
    List<ClusterStatus> all() {
        return clusters.all();
    }

    @GetMapping("/{name}")
    ClusterStatus status(@PathVariable String name) {
        return clusters.status(name);
    }

    @GetMapping("/{name}/nodes")
    List<ClusterNode> nodes(@PathVariable String name) {
        return clusters.nodes(name);
    }

    record ScaleRequest(String role, int count) {
    }

    @PostMapping("/{name}/scale")
    ResponseEntity<ClusterStatus> scale(@PathVariable String name, @RequestBody ScaleRequest request) {
        return ResponseEntity.accepted().body(clusters.scale(name, request.role(), request.count()));
    }

    @PostMapping("/{name}/teardown")
    ResponseEntity<ClusterStatus> teardown(@PathVariable String name) {
        return ResponseEntity.accepted().body(clusters.teardown(name));
    }

    @PostMapping("/{name}/jobs")
    ResponseEntity<JobStatus> runJob(@PathVariable String name, @RequestBody ClusterJobRequest request) {
        String id = clusters.runJob(name, request);
        return ResponseEntity.created(URI.create("/api/jobs/" + id)).body(jobs.status(id));
    }

    /** Every error of the template, each with where it is. */
    @ExceptionHandler(InvalidTemplateException.class)
    ResponseEntity<Map<String, Object>> invalidTemplate(InvalidTemplateException e) {
        return ResponseEntity.badRequest().body(Map.of("error", "the cluster template is not valid",
                "errors", e.errors().stream().map(ValidationError::toString).toList()));
    }

    @ExceptionHandler({IllegalArgumentException.class, UnknownImageException.class, PlanChangeRefusedException.class})
    ResponseEntity<Map<String, String>> badRequest(RuntimeException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return error(HttpStatus.BAD_REQUEST, cause.getMessage());
    }

    @ExceptionHandler(UnknownClusterException.class)
    ResponseEntity<Map<String, String>> notFound(RuntimeException e) {
        return error(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler({ClusterNameTakenException.class, ClusterNotReadyException.class})
    ResponseEntity<Map<String, String>> conflict(RuntimeException e) {
        return error(HttpStatus.CONFLICT, e.getMessage());
    }

    private static ResponseEntity<Map<String, String>> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("error", message == null ? status.getReasonPhrase() : message));
    }
}
