package org.udre.engine.lifecycle;

import java.net.URI;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.udre.catalog.UnknownImageException;

/**
 * The HTTP interface for front ends: start a job, poll it, fetch its output, cancel it. Operators have Camunda's own
 * REST API and Cockpit besides.
 */
@RestController
@RequestMapping("/api/jobs")
class JobsController {

    private final Jobs jobs;

    JobsController(Jobs jobs) {
        this.jobs = jobs;
    }

    @PostMapping
    ResponseEntity<JobStatus> start(@RequestBody JobRequest request) {
        String id = jobs.start(request);
        return ResponseEntity.created(URI.create("/api/jobs/" + id)).body(jobs.status(id));
    }

    @GetMapping("/{id}")
    JobStatus status(@PathVariable String id) {
        return jobs.status(id);
    }

    @GetMapping(value = "/{id}/{stream:stdout|stderr}", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<byte[]> output(@PathVariable String id, @PathVariable String stream) {
        return jobs.output(id, stream)
                .map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    @PostMapping("/{id}/cancel")
    ResponseEntity<JobStatus> cancel(@PathVariable String id, @RequestParam(required = false) String reason) {
        jobs.cancel(id, reason);
        return ResponseEntity.accepted().body(jobs.status(id));
    }

    @ExceptionHandler({IllegalArgumentException.class, UnknownImageException.class})
    ResponseEntity<Map<String, String>> badRequest(RuntimeException e) {
        return error(HttpStatus.BAD_REQUEST, e);
    }

    /** A request body that does not make a valid JobRequest; the record's own check says why. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? "the request body is not a job request" : cause.getMessage();
        return ResponseEntity.badRequest().body(Map.of("error", message));
    }

    @ExceptionHandler(UnknownJobException.class)
    ResponseEntity<Map<String, String>> notFound(RuntimeException e) {
        return error(HttpStatus.NOT_FOUND, e);
    }

    @ExceptionHandler(JobNotRunningException.class)
    ResponseEntity<Map<String, String>> conflict(RuntimeException e) {
        return error(HttpStatus.CONFLICT, e);
    }

    private static ResponseEntity<Map<String, String>> error(HttpStatus status, RuntimeException e) {
        return ResponseEntity.status(status).body(Map.of("error", e.getMessage()));
    }
}
