package io.claimflow.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * A small in-memory stand-in for the Confluent Schema Registry REST API over the JDK HTTP server, for unit tests
 * of the client and the serde. It speaks the endpoints the client uses, checks BACKWARD compatibility on
 * registration, records every request, and can be told to require basic auth or to fail the next calls.
 */
public final class FakeSchemaRegistry implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as the fake saw it. */
    public record Request(String method, String path, String authorization, String contentType, String body) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private record Canned(int status, String body) {}

    private record Version(String subject, int version, int id, Schema schema) {}

    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private final Deque<Canned> canned = new ArrayDeque<>();
    private final Map<String, List<Version>> subjects = new LinkedHashMap<>();
    private final Map<Schema, Integer> ids = new HashMap<>();
    private final Map<Integer, Schema> schemas = new HashMap<>();
    private int nextId;
    private String requiredAuthorization;
    private boolean compatibilityChecks = true;

    private FakeSchemaRegistry(int firstId) throws IOException {
        this.nextId = firstId;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeSchemaRegistry start() {
        return start(1);
    }

    /** Starts with schema ids counting from {@code firstId}. */
    public static FakeSchemaRegistry start(int firstId) {
        try {
            return new FakeSchemaRegistry(firstId);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A URL on which nothing listens: connections are refused. */
    public static String deadUrl() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Every request must carry basic auth with these {@code user:password} credentials, else 401. */
    public synchronized FakeSchemaRegistry requireBasicAuth(String userInfo) {
        requiredAuthorization =
                "Basic " + java.util.Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Registration accepts any schema when off. */
    public synchronized FakeSchemaRegistry compatibilityChecks(boolean on) {
        compatibilityChecks = on;
        return this;
    }

    /** The next request is answered with this status and raw body instead of being served. */
    public synchronized FakeSchemaRegistry failNext(int status, String body) {
        canned.add(new Canned(status, body));
        return this;
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    public synchronized int requestCount() {
        return requests.size();
    }

    public synchronized void clearRequests() {
        requests.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Request request = new Request(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    body);
            int status;
            String response;
            synchronized (this) {
                requests.add(request);
                Canned next = canned.poll();
                if (next != null) {
                    status = next.status();
                    response = next.body();
                } else if (requiredAuthorization != null && !requiredAuthorization.equals(request.authorization())) {
                    status = 401;
                    response = error(401, "Unauthorized");
                } else {
                    Object[] answer;
                    try {
                        answer = serve(request);
                    } catch (org.apache.avro.SchemaParseException e) {
                        answer = new Object[] {422, error(42201, "Invalid schema: " + e.getMessage())};
                    }
                    status = (int) answer[0];
                    response = (String) answer[1];
                }
            }
            byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", SchemaRegistryClient.CONTENT_TYPE);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private Object[] serve(Request request) throws IOException {
        List<String> path = Arrays.stream(request.path().split("/"))
                .filter(s -> !s.isEmpty())
                .map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8))
                .toList();
        String method = request.method();
        if (method.equals("GET") && path.equals(List.of("subjects"))) {
            return ok(JSON.valueToTree(subjects.keySet()));
        }
        if (method.equals("GET")
                && path.size() == 3
                && path.get(0).equals("schemas")
                && path.get(1).equals("ids")) {
            Schema schema = schemas.get(Integer.parseInt(path.get(2)));
            if (schema == null) {
                return new Object[] {404, error(40403, "Schema " + path.get(2) + " not found")};
            }
            return ok(JSON.createObjectNode().put("schema", schema.toString()));
        }
        if (path.size() >= 2 && path.get(0).equals("subjects")) {
            String subject = path.get(1);
            List<Version> versions = subjects.getOrDefault(subject, List.of());
            if (method.equals("POST") && path.size() == 3 && path.get(2).equals("versions")) {
                return register(subject, parse(request.body()));
            }
            if (method.equals("POST") && path.size() == 2) {
                if (versions.isEmpty()) {
                    return new Object[] {404, error(40401, "Subject '" + subject + "' not found.")};
                }
                Schema schema = parse(request.body());
                return versions.stream()
                        .filter(v -> v.schema().equals(schema))
                        .findFirst()
                        .map(v -> ok(metadata(v)))
                        .orElse(new Object[] {404, error(40403, "Schema not found")});
            }
            if (method.equals("GET") && path.size() == 4 && path.get(2).equals("versions")) {
                if (versions.isEmpty()) {
                    return new Object[] {404, error(40401, "Subject '" + subject + "' not found.")};
                }
                Version version = find(versions, path.get(3));
                return version == null
                        ? new Object[] {404, error(40402, "Version " + path.get(3) + " not found.")}
                        : ok(metadata(version));
            }
        }
        if (method.equals("POST") && path.size() == 5 && path.get(0).equals("compatibility")) {
            List<Version> versions = subjects.getOrDefault(path.get(2), List.of());
            if (versions.isEmpty()) {
                return new Object[] {404, error(40401, "Subject '" + path.get(2) + "' not found.")};
            }
            Version against = find(versions, path.get(4));
            String problem = backwardProblem(parse(request.body()), against.schema());
            ObjectNode verdict = JSON.createObjectNode().put("is_compatible", problem == null);
            if (problem != null) {
                verdict.putArray("messages").add(problem);
            }
            return ok(verdict);
        }
        return new Object[] {404, error(404, "HTTP 404 Not Found")};
    }

    private Object[] register(String subject, Schema schema) {
        List<Version> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
        for (Version version : versions) {
            if (version.schema().equals(schema)) {
                return ok(JSON.createObjectNode().put("id", version.id()));
            }
        }
        if (compatibilityChecks && !versions.isEmpty()) {
            String problem =
                    backwardProblem(schema, versions.get(versions.size() - 1).schema());
            if (problem != null) {
                return new Object[] {
                    409,
                    error(
                            409,
                            "Schema being registered is incompatible with an earlier" + " schema for subject \""
                                    + subject + "\", details: " + problem)
                };
            }
        }
        int id = ids.computeIfAbsent(schema, s -> nextId++);
        schemas.put(id, schema);
        versions.add(new Version(subject, versions.size() + 1, id, schema));
        return ok(JSON.createObjectNode().put("id", id));
    }

    private static Version find(List<Version> versions, String version) {
        if (version.equals("latest") || version.equals("-1")) {
            return versions.get(versions.size() - 1);
        }
        int number = Integer.parseInt(version);
        return versions.stream().filter(v -> v.version() == number).findFirst().orElse(null);
    }

    private static String backwardProblem(Schema reader, Schema writer) {
        SchemaCompatibility.SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        return result.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE
                ? null
                : result.getDescription();
    }

    private static ObjectNode metadata(Version version) {
        return JSON.createObjectNode()
                .put("subject", version.subject())
                .put("version", version.version())
                .put("id", version.id())
                .put("schema", version.schema().toString());
    }

    private static Schema parse(String body) throws IOException {
        JsonNode node = JSON.readTree(body);
        return new Schema.Parser().parse(node.get("schema").asText());
    }

    private static Object[] ok(JsonNode node) {
        return new Object[] {200, node.toString()};
    }

    private static String error(int code, String message) {
        return JSON.createObjectNode()
                .put("error_code", code)
                .put("message", message)
                .toString();
    }
}
