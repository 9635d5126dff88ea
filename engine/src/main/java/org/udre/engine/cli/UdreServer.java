package org.udre.engine.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A running UDRE server ({@code udre serve}) as the command line talks to it: JSON over its HTTP API. Answers that
 * are not a success become a {@link Refused} carrying the server's own words.
 */
final class UdreServer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    UdreServer(String url) {
        URI uri;
        try {
            uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--url must be a URL such as http://localhost:8080, not '" + url + "'");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("--url must be an http or https URL such as http://localhost:8080,"
                    + " not '" + url + "'");
        }
        this.base = uri;
    }

    String url() {
        return base.toString();
    }

    JsonNode get(String path) {
        return json(send(HttpRequest.newBuilder(uri(path)).GET()));
    }

    JsonNode post(String path, Object body) {
        try {
            return json(send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A body that is text (a job's output), or empty when there is none. */
    Optional<String> text(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)).GET());
        return response.statusCode() == 204 ? Optional.empty() : Optional.of(response.body());
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Unreachable(base, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + base, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw Refused.of(response);
        }
        return response;
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the server's answer to " + response.uri() + " is not JSON: "
                    + abbreviate(response.body()), e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    /** No server answers at the URL. */
    static final class Unreachable extends RuntimeException {
        Unreachable(URI url, Exception cause) {
            super("no UDRE server answers at " + url + " (" + describe(cause) + "); start one with 'udre serve'"
                    + " or give its address with --url", cause);
        }

        private static String describe(Exception e) {
            if (e instanceof java.net.ConnectException) {
                return "connection refused";
            }
            String message = e.getMessage();
            return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
        }
    }

    /**
     * The server answered, and said no: its message, and every error it listed (a template's, each with its path).
     *
     * @param status the HTTP status, e.g. 404 for an unknown cluster
     */
    static final class Refused extends RuntimeException {
        final int status;
        final List<String> errors;

        private Refused(int status, String message, List<String> errors) {
            super(message);
            this.status = status;
            this.errors = List.copyOf(errors);
        }

        static Refused of(HttpResponse<String> response) {
            String message = "the server answered " + response.statusCode();
            List<String> errors = new ArrayList<>();
            try {
                JsonNode body = JSON.readTree(response.body());
                if (body != null && body.hasNonNull("error")) {
                    message = body.get("error").asText();
                }
                if (body != null && body.has("errors")) {
                    body.get("errors").forEach(error -> errors.add(error.asText()));
                }
            } catch (JsonProcessingException e) {
                message += ": " + abbreviate(response.body());
            }
            return new Refused(response.statusCode(), message, errors);
        }
    }
}
