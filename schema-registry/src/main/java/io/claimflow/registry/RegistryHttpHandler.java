package io.claimflow.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Confluent Schema Registry's REST API over {@link SchemaRegistry}: routing, content negotiation, JSON bodies and
 * Confluent-shaped errors.
 */
final class RegistryHttpHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpHandler.class);

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Set<String> JSON_TYPES =
            Set.of(CONTENT_TYPE, "application/vnd.schemaregistry+json", "application/json");
    private static final Set<String> ACCEPTED =
            Set.of(CONTENT_TYPE, "application/vnd.schemaregistry+json", "application/json", "application/*", "*/*");

    private final SchemaRegistry registry;
    private final ObjectMapper json;

    RegistryHttpHandler(SchemaRegistry registry, ObjectMapper json) {
        this.registry = registry;
        this.json = json;
    }

    /** What a route answers: a status and either a JSON tree or raw text. */
    private record Response(int status, Object body) {
        static Response ok(Object body) {
            return new Response(200, body);
        }
    }

    /** One parsed request. */
    private record Request(String method, List<String> path, Map<String, String> query, byte[] body) {
        boolean flag(String name) {
            return "true".equalsIgnoreCase(query.get(name));
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Response response;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            negotiate(exchange);
            Request request = new Request(
                    exchange.getRequestMethod().toUpperCase(Locale.ROOT),
                    segments(exchange.getRequestURI().getRawPath()),
                    query(exchange.getRequestURI().getRawQuery()),
                    body);
            response = route(request);
        } catch (RegistryException e) {
            if (e.status() >= 500) {
                LOG.error(
                        "{} {} failed: {}",
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().getPath(),
                        e.getMessage(),
                        e.getCause());
            }
            response = error(e);
        } catch (RuntimeException e) {
            LOG.error(
                    "{} {} failed",
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    e);
            response = error(new RegistryException(500, 50001, "Internal error: " + e.getMessage(), e));
        }
        send(exchange, response);
    }

    // ---------------------------------------------------------------- routing

    private Response route(Request r) {
        List<String> p = r.path();
        int n = p.size();
        if (n == 0) {
            return only(r, "GET", () -> Response.ok(json.createObjectNode()));
        }
        switch (p.get(0)) {
            case "subjects" -> {
                if (n == 1) {
                    return only(r, "GET", () -> Response.ok(registry.subjects(r.flag("deleted"))));
                }
                String subject = p.get(1);
                if (n == 2) {
                    return switch (r.method()) {
                        case "POST" ->
                            Response.ok(versioned(registry.lookup(subject, schemaText(r), r.flag("deleted"))));
                        case "DELETE" -> Response.ok(registry.deleteSubject(subject, r.flag("permanent")));
                        default -> throw methodNotAllowed();
                    };
                }
                if (!p.get(2).equals("versions")) {
                    break;
                }
                if (n == 3) {
                    return switch (r.method()) {
                        case "GET" -> Response.ok(registry.versions(subject, r.flag("deleted")));
                        case "POST" ->
                            Response.ok(json.createObjectNode().put("id", registry.register(subject, schemaText(r))));
                        default -> throw methodNotAllowed();
                    };
                }
                Integer version = version(p.get(3));
                if (n == 4) {
                    return switch (r.method()) {
                        case "GET" -> Response.ok(versioned(registry.version(subject, version, r.flag("deleted"))));
                        case "DELETE" -> Response.ok(registry.deleteVersion(subject, version, r.flag("permanent")));
                        default -> throw methodNotAllowed();
                    };
                }
                if (n == 5 && p.get(4).equals("schema")) {
                    return only(
                            r,
                            "GET",
                            () -> Response.ok(registry.version(subject, version, r.flag("deleted"))
                                    .schema()));
                }
                if (n == 5 && p.get(4).equals("referencedby")) {
                    // schema references are not supported, so nothing refers to anything
                    return only(r, "GET", () -> {
                        registry.version(subject, version, r.flag("deleted"));
                        return Response.ok(List.of());
                    });
                }
            }
            case "schemas" -> {
                if (n == 2 && p.get(1).equals("types")) {
                    return only(r, "GET", () -> Response.ok(List.of(AvroSchemas.TYPE)));
                }
                if (n >= 3 && p.get(1).equals("ids")) {
                    int id = id(p.get(2));
                    if (n == 3) {
                        return only(r, "GET", () -> Response.ok(schemaById(id)));
                    }
                    if (n == 4 && p.get(3).equals("schema")) {
                        return only(
                                r,
                                "GET",
                                () -> Response.ok(schemaById(id).get("schema").asText()));
                    }
                    if (n == 4 && p.get(3).equals("versions")) {
                        return only(r, "GET", () -> {
                            ArrayNode result = json.createArrayNode();
                            registry.versionsOfId(id, r.flag("deleted"))
                                    .forEach(v -> result.addObject()
                                            .put("subject", v.subject())
                                            .put("version", v.version()));
                            return Response.ok(result);
                        });
                    }
                    if (n == 4 && p.get(3).equals("subjects")) {
                        return only(
                                r,
                                "GET",
                                () -> Response.ok(registry.versionsOfId(id, r.flag("deleted")).stream()
                                        .map(SchemaRegistry.SchemaVersion::subject)
                                        .distinct()
                                        .toList()));
                    }
                }
            }
            case "compatibility" -> {
                if ((n == 4 || n == 5)
                        && p.get(1).equals("subjects")
                        && p.get(3).equals("versions")) {
                    // "latest" and no version both mean: against the live versions, as the level demands
                    Integer version = n == 5 ? version(p.get(4)) : null;
                    return only(r, "POST", () -> {
                        SchemaRegistry.CompatibilityResult result =
                                registry.checkCompatibility(p.get(2), version, schemaText(r));
                        ObjectNode body = json.createObjectNode().put("is_compatible", result.compatible());
                        if (r.flag("verbose")) {
                            ArrayNode messages = body.putArray("messages");
                            result.messages().forEach(messages::add);
                        }
                        return Response.ok(body);
                    });
                }
            }
            case "config" -> {
                if (n <= 2) {
                    String subject = n == 2 ? p.get(1) : null;
                    return switch (r.method()) {
                        case "GET" ->
                            Response.ok(level(
                                    "compatibilityLevel",
                                    subject == null
                                            ? registry.globalLevel()
                                            : registry.subjectLevel(subject).orElseGet(() -> {
                                                if (r.flag("defaultToGlobal")) {
                                                    return registry.globalLevel();
                                                }
                                                throw RegistryException.subjectCompatibilityNotConfigured(subject);
                                            })));
                        case "PUT" -> {
                            CompatibilityLevel level = requestedLevel(r);
                            registry.setLevel(subject, level);
                            yield Response.ok(level("compatibility", level));
                        }
                        case "DELETE" -> Response.ok(level("compatibilityLevel", registry.deleteLevel(subject)));
                        default -> throw methodNotAllowed();
                    };
                }
            }
            case "mode" -> {
                if (n <= 2) {
                    // always read-write: there is no import mode
                    return only(
                            r, "GET", () -> Response.ok(json.createObjectNode().put("mode", "READWRITE")));
                }
            }
            default -> {
                // falls through to 404
            }
        }
        throw RegistryException.http(404, "Not Found");
    }

    private interface Route {
        Response run();
    }

    private static Response only(Request r, String method, Route route) {
        if (!r.method().equals(method)) {
            throw methodNotAllowed();
        }
        return route.run();
    }

    private static RegistryException methodNotAllowed() {
        return RegistryException.http(405, "Method Not Allowed");
    }

    // ---------------------------------------------------------------- request parts

    private ObjectNode schemaById(int id) {
        SchemaRegistry.StoredSchema schema =
                registry.schemaById(id).orElseThrow(() -> RegistryException.schemaNotFound(id));
        ObjectNode body = json.createObjectNode();
        body.put("schema", schema.canonical());
        return body;
    }

    private ObjectNode versioned(SchemaRegistry.VersionedSchema v) {
        // Confluent leaves schemaType out for AVRO, the default
        return json.createObjectNode()
                .put("subject", v.subject())
                .put("version", v.version())
                .put("id", v.id())
                .put("schema", v.schema());
    }

    private ObjectNode level(String field, CompatibilityLevel level) {
        return json.createObjectNode().put(field, level.name());
    }

    /** The {@code schema} of a register / lookup / compatibility body; only Avro without references. */
    private String schemaText(Request r) {
        JsonNode body = body(r);
        String type = body.path("schemaType").asText(AvroSchemas.TYPE);
        if (!AvroSchemas.TYPE.equalsIgnoreCase(type)) {
            throw RegistryException.invalidSchema("Invalid schema type " + type);
        }
        JsonNode references = body.path("references");
        if (references.isArray() && !references.isEmpty()) {
            throw RegistryException.invalidSchema("Schema references are not supported by this registry");
        }
        JsonNode schema = body.get("schema");
        if (schema == null || schema.isNull()) {
            throw RegistryException.invalidSchema("Empty schema");
        }
        if (!schema.isTextual()) {
            throw RegistryException.invalidSchema("Invalid schema: \"schema\" must be a string holding the schema");
        }
        return schema.asText();
    }

    private CompatibilityLevel requestedLevel(Request r) {
        JsonNode body = body(r);
        JsonNode level = body.hasNonNull("compatibility") ? body.get("compatibility") : body.get("compatibilityLevel");
        return CompatibilityLevel.parse(level == null || !level.isTextual() ? null : level.asText())
                .orElseThrow(RegistryException::invalidCompatibilityLevel);
    }

    private JsonNode body(Request r) {
        if (r.body().length == 0) {
            return json.createObjectNode();
        }
        JsonNode body;
        try {
            body = json.readTree(r.body());
        } catch (JsonProcessingException e) {
            throw new RegistryException(400, 400, "Unrecognized request body: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new RegistryException(400, 400, "Unreadable request body", e);
        }
        if (body == null || body.isMissingNode()) {
            return json.createObjectNode();
        }
        if (!body.isObject()) {
            throw new RegistryException(422, 422, "Unrecognized request body: expected a JSON object");
        }
        return body;
    }

    /** {@code latest} / {@code -1} = null; otherwise 1..2^31-1. */
    private static Integer version(String text) {
        if (text.equals("latest") || text.equals("-1")) {
            return null;
        }
        try {
            int version = Integer.parseInt(text);
            if (version >= 1) {
                return version;
            }
        } catch (NumberFormatException e) {
            // not a number: reported below
        }
        throw RegistryException.invalidVersion(text);
    }

    private static int id(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            // Jersey answers a path parameter that does not convert with 404
            throw RegistryException.http(404, "Not Found");
        }
    }

    /** 406 if the client accepts none of our types, 415 if it sends a body that is not JSON. */
    private static void negotiate(HttpExchange exchange) {
        List<String> accepts = exchange.getRequestHeaders().get("Accept");
        if (accepts != null) {
            List<String> types = new ArrayList<>();
            for (String accept : accepts) {
                for (String part : accept.split(",")) {
                    String type = mediaType(part);
                    if (!type.isEmpty()) {
                        types.add(type);
                    }
                }
            }
            if (!types.isEmpty() && types.stream().noneMatch(ACCEPTED::contains)) {
                throw RegistryException.http(406, "Not Acceptable");
            }
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        if (contentType != null
                && (method.equals("POST") || method.equals("PUT"))
                && !JSON_TYPES.contains(mediaType(contentType))) {
            throw RegistryException.http(415, "Unsupported Media Type");
        }
    }

    private static String mediaType(String header) {
        int semicolon = header.indexOf(';');
        return (semicolon < 0 ? header : header.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        String path = rawPath == null ? "" : rawPath;
        while (path.endsWith("/") && path.length() > 1) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.isEmpty() || path.equals("/")) {
            return segments;
        }
        for (String segment : path.substring(1).split("/", -1)) {
            if (segment.isEmpty()) {
                throw RegistryException.http(404, "Not Found");
            }
            segments.add(decode(segment));
        }
        return segments;
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            query.putIfAbsent(name, value);
        }
        return query;
    }

    /** Percent-decoding of a path segment, where '+' is a plus and not a space. */
    private static String decode(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- responses

    private static Response error(RegistryException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error_code", e.errorCode());
        body.put("message", e.getMessage());
        return new Response(e.status(), body);
    }

    private void send(HttpExchange exchange, Response response) throws IOException {
        byte[] bytes = response.body() instanceof String text
                ? text.getBytes(StandardCharsets.UTF_8)
                : json.writeValueAsBytes(response.body());
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
