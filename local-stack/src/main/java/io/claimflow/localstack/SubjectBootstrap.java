package io.claimflow.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimflow.schemas.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Registers each event topic's value schema under {@code <topic>-value} (Confluent's TopicNameStrategy), so the
 * registry lists every subject before any service has produced. Registering a schema the subject already holds
 * returns its existing id, so this is safe on every start.
 */
final class SubjectBootstrap {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private SubjectBootstrap() {}

    /** Thrown when the registry refuses a schema (for example 409: incompatible with the subject's latest). */
    static final class RegistrationException extends IOException {
        RegistrationException(String message) {
            super(message);
        }
    }

    /** Registers every event topic's value schema ({@link Topics#valueSchemasBySubject()}). */
    static Map<String, Integer> registerAll(HttpClient http, String registryUrl)
            throws IOException, InterruptedException {
        return register(http, registryUrl, Topics.valueSchemasBySubject());
    }

    /** Registers each schema under its subject; returns subject to schema id. */
    static Map<String, Integer> register(HttpClient http, String registryUrl, Map<String, Schema> bySubject)
            throws IOException, InterruptedException {
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (Map.Entry<String, Schema> entry : bySubject.entrySet()) {
            String subject = entry.getKey();
            String body =
                    JSON.writeValueAsString(Map.of("schema", entry.getValue().toString()));
            HttpRequest request = HttpRequest.newBuilder(URI.create(registryUrl + "/subjects/"
                            + URLEncoder.encode(subject, StandardCharsets.UTF_8) + "/versions"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", CONTENT_TYPE)
                    .header("Accept", CONTENT_TYPE)
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new RegistrationException(subject + ": HTTP " + response.statusCode() + " " + response.body());
            }
            JsonNode id = JSON.readTree(response.body()).get("id");
            ids.put(subject, id == null ? -1 : id.asInt());
        }
        return ids;
    }

    /** The registry's subject list (GET /subjects). */
    static List<String> subjects(HttpClient http, String registryUrl) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(registryUrl + "/subjects"))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", CONTENT_TYPE)
                .GET()
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET /subjects: HTTP " + response.statusCode());
        }
        return JSON.readerForListOf(String.class).readValue(response.body());
    }
}
