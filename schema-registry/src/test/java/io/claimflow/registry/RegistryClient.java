package io.claimflow.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A thin JDK HTTP client for the tests: sends what Confluent's client sends and parses what comes back. */
final class RegistryClient {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    static final ObjectMapper JSON = new ObjectMapper();

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private final String baseUrl;

    RegistryClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A response: status, Content-Type header, raw body and (when it is JSON) the parsed body. */
    record Reply(int status, String contentType, String raw, JsonNode json) {
        int errorCode() {
            return json.path("error_code").asInt();
        }

        int id() {
            return json.path("id").asInt();
        }
    }

    Reply get(String path) {
        return send(request(path).GET().build());
    }

    Reply delete(String path) {
        return send(request(path).DELETE().build());
    }

    Reply post(String path, Object body) {
        return send(request(path)
                .header("Content-Type", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(text(body)))
                .build());
    }

    Reply put(String path, Object body) {
        return send(request(path)
                .header("Content-Type", CONTENT_TYPE)
                .PUT(HttpRequest.BodyPublishers.ofString(text(body)))
                .build());
    }

    /** Any request, for content-type and method tests. */
    Reply send(String method, String path, String contentType, String accept, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        if (accept != null) {
            builder.header("Accept", accept);
        }
        return send(builder.build());
    }

    /** POST /subjects/{subject}/versions, expecting success; returns the id. */
    int register(String subject, String schema) {
        Reply reply = post("/subjects/" + subject + "/versions", schemaBody(schema));
        if (reply.status() != 200) {
            throw new AssertionError("register " + subject + " failed: " + reply.status() + " " + reply.raw());
        }
        return reply.id();
    }

    static ObjectNode schemaBody(String schema) {
        return JSON.createObjectNode().put("schema", schema);
    }

    private HttpRequest.Builder request(String path) {
        // what Confluent's RestService sends
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header(
                        "Accept",
                        "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json;"
                                + " qs=0.9, application/json; qs=0.5");
    }

    private static String text(Object body) {
        if (body instanceof String s) {
            return s;
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = JSON.readTree(response.body());
            } catch (IOException e) {
                json = null;
            }
            return new Reply(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null),
                    response.body(),
                    json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
