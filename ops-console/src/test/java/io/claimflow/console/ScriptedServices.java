package io.claimflow.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A recording HTTP endpoint whose answers a test sets per {@code METHOD path} (path with its query), answering like
 * the service whose contract the test copies; anything else gets a 404 problem detail. Calls are recorded as
 * {@code METHOD path [Idempotency-Key] body} (the Authorization header separately).
 */
final class ScriptedServices implements AutoCloseable {

    /** A scripted answer. */
    record Answer(int status, String contentType, byte[] body) {}

    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final HttpServer server = FakeServices.serve(this::answer);

    String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    ScriptedServices json(String methodAndPath, int status, String body) {
        answers.put(
                methodAndPath,
                new Answer(
                        status,
                        status >= 400 ? "application/problem+json" : "application/json",
                        body.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    ScriptedServices file(String methodAndPath, String contentType, byte[] body) {
        answers.put(methodAndPath, new Answer(200, contentType, body));
        return this;
    }

    void reset() {
        calls.clear();
        authorizations.clear();
        answers.clear();
    }

    List<String> posts() {
        return calls.stream().filter(c -> !c.startsWith("GET ")).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String key = exchange.getRequestMethod() + " " + exchange.getRequestURI();
        String idempotency = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        calls.add(key + (idempotency == null ? "" : " [" + idempotency + "]") + (body.isEmpty() ? "" : " " + body));
        authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        Answer answer = answers.getOrDefault(
                key,
                new Answer(
                        404,
                        "application/problem+json",
                        "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"nothing here\"}"
                                .getBytes(StandardCharsets.UTF_8)));
        exchange.getResponseHeaders().add("Content-Type", answer.contentType());
        exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
        if (answer.body().length > 0) {
            exchange.getResponseBody().write(answer.body());
        }
        exchange.close();
    }
}
