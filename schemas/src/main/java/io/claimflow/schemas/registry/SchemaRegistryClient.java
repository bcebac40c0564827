package io.claimflow.schemas.registry;

import static io.claimflow.schemas.registry.SchemaRegistryException.NO_ERROR_CODE;
import static io.claimflow.schemas.registry.SchemaRegistryException.NO_STATUS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A caching client for the Confluent Schema Registry REST API (Avro schemas only), built on the JDK HTTP client.
 *
 * <p>Caches: schema by id and id by (subject, schema) forever, since registries never change them; the latest
 * version of a subject for {@link SchemaRegistryClientConfig#latestCacheTtl()}. So a serializer or deserializer
 * calls the registry once per schema, not once per record.
 *
 * <p>With several URLs the client tries them in turn when one cannot be reached (or answers 502/503/504), and keeps
 * using the one that answered. Failures are {@link SchemaRegistryException}s whose messages name the registry and
 * the subject or id. Thread-safe; one instance can serve many threads.
 */
public final class SchemaRegistryClient {

    /** The content type of the registry API, version 1. */
    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private static final Logger log = LoggerFactory.getLogger(SchemaRegistryClient.class);

    private static final String ACCEPT =
            "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Each JDK HttpClient owns a selector thread; every producer and consumer builds its own serde, so share the
     * clients (one per connect timeout and TLS settings, the client-level settings we vary).
     */
    private static final ConcurrentMap<ClientKey, HttpClient> HTTP_CLIENTS = new ConcurrentHashMap<>();

    private final SchemaRegistryClientConfig config;
    private final List<Endpoint> endpoints;
    private final HttpClient http;
    private final LongSupplier nanoClock;
    /** Index of the URL that answered last; calls start there. */
    private final AtomicInteger preferred = new AtomicInteger();

    private final ConcurrentMap<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final ConcurrentMap<SubjectSchema, Integer> registeredIds = new ConcurrentHashMap<>();
    private final ConcurrentMap<SubjectSchema, SchemaMetadata> lookups = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Expiring> latest = new ConcurrentHashMap<>();

    public SchemaRegistryClient(SchemaRegistryClientConfig config) {
        this(config, System::nanoTime);
    }

    /** For tests that need to move time forward for the latest-version cache. */
    SchemaRegistryClient(SchemaRegistryClientConfig config, LongSupplier nanoClock) {
        this.config = config;
        this.nanoClock = nanoClock;
        this.endpoints =
                config.urls().stream().map(url -> Endpoint.of(url, config)).toList();
        this.http = HTTP_CLIENTS.computeIfAbsent(new ClientKey(config.connectTimeout(), config.tls()), key -> {
            HttpClient.Builder builder = HttpClient.newBuilder()
                    .connectTimeout(key.connectTimeout())
                    // Plain HTTP/1.1: no h2c upgrade dance with registries or proxies that mishandle it.
                    .version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER);
            if (key.tls().configured()) {
                builder.sslContext(key.tls().sslContext());
            }
            return builder.build();
        });
    }

    public SchemaRegistryClientConfig config() {
        return config;
    }

    /**
     * Registers {@code schema} under {@code subject} (or finds it already registered there) and returns its global
     * id. {@code POST /subjects/{subject}/versions}; cached.
     *
     * @throws SchemaRegistryException e.g. 409 when the schema is incompatible with the subject's earlier ones
     */
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = registeredIds.get(key);
        if (cached != null) {
            return cached;
        }
        SchemaMetadata known = lookups.get(key);
        if (known != null) {
            return known.id();
        }
        ObjectNode body = JSON.createObjectNode().put("schema", schema.toString());
        JsonNode response = send(
                "POST",
                "/subjects/" + encode(subject) + "/versions",
                body,
                (status, code, message, url) -> switch (code) {
                    case SchemaRegistryException.INCOMPATIBLE_SCHEMA ->
                        "Schema " + schema.getFullName()
                                + " is incompatible with an earlier schema of subject '" + subject + "' (409) at " + url
                                + ": " + message;
                    case SchemaRegistryException.INVALID_SCHEMA ->
                        "Registry at " + url + " rejected schema " + schema.getFullName() + " for subject '" + subject
                                + "' as invalid (42201): " + message;
                    default -> null;
                });
        int id = requireInt(response, "id", "POST /subjects/" + subject + "/versions");
        registeredIds.put(key, id);
        schemasById.putIfAbsent(id, schema);
        log.info("Schema {} is registered under subject {} with id {}", schema.getFullName(), subject, id);
        return id;
    }

    /**
     * Finds {@code schema} among the versions of {@code subject} without registering it.
     * {@code POST /subjects/{subject}}; cached.
     *
     * @throws SchemaRegistryException with {@link SchemaRegistryException#isNotFound()} when it is not registered
     */
    public SchemaMetadata lookup(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        SchemaMetadata cached = lookups.get(key);
        if (cached != null) {
            return cached;
        }
        ObjectNode body = JSON.createObjectNode().put("schema", schema.toString());
        JsonNode response =
                send("POST", "/subjects/" + encode(subject), body, (status, code, message, url) -> switch (code) {
                    case SchemaRegistryException.SUBJECT_NOT_FOUND ->
                        "Subject '" + subject
                                + "' not found in registry (40401) at " + url + ", so schema " + schema.getFullName()
                                + " is not registered there";
                    case SchemaRegistryException.SCHEMA_NOT_FOUND ->
                        "Schema " + schema.getFullName() + " is not registered under subject '" + subject
                                + "' (40403) at " + url;
                    default -> null;
                });
        SchemaMetadata metadata = metadata(response, subject, "POST /subjects/" + subject);
        lookups.put(key, metadata);
        return metadata;
    }

    /**
     * The schema with this global id. {@code GET /schemas/ids/{id}}; cached forever.
     *
     * @throws SchemaRegistryException with error code 40403 when the registry has no such id
     */
    public Schema getById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        String path = "/schemas/ids/" + id;
        JsonNode response = send(
                "GET",
                path,
                null,
                (status, code, message, url) -> status == 404
                        ? "Schema id " + id + " not found in registry (" + (code == NO_ERROR_CODE ? status : code)
                                + ") at " + url
                        : null);
        Schema schema = parse(response, "schema id " + id);
        Schema raced = schemasById.putIfAbsent(id, schema);
        return raced != null ? raced : schema;
    }

    /**
     * The newest version of {@code subject}. {@code GET /subjects/{subject}/versions/latest}; cached for
     * {@link SchemaRegistryClientConfig#latestCacheTtl()}.
     */
    public SchemaMetadata getLatest(String subject) {
        long ttl = config.latestCacheTtl().toNanos();
        Expiring cached = latest.get(subject);
        long now = nanoClock.getAsLong();
        if (cached != null && now - cached.fetchedAtNanos() < ttl) {
            return cached.metadata();
        }
        SchemaMetadata metadata = fetchVersion(subject, "latest");
        if (ttl > 0) {
            latest.put(subject, new Expiring(metadata, now));
        }
        return metadata;
    }

    /** Version {@code version} (1, 2, ...) of {@code subject}. {@code GET /subjects/{subject}/versions/{version}}. */
    public SchemaMetadata getVersion(String subject, int version) {
        return fetchVersion(subject, Integer.toString(version));
    }

    /** All subjects the registry knows. {@code GET /subjects}; not cached. */
    public List<String> subjects() {
        JsonNode response = send("GET", "/subjects", null, (status, code, message, url) -> null);
        if (!response.isArray()) {
            throw unexpected("GET /subjects", "a JSON array", response);
        }
        List<String> subjects = new ArrayList<>();
        response.forEach(node -> subjects.add(node.asText()));
        return List.copyOf(subjects);
    }

    /**
     * Asks the registry whether {@code schema} could be registered as the next version of {@code subject} under
     * the subject's compatibility level. {@code POST /compatibility/subjects/{subject}/versions/latest?verbose=true}.
     * A subject with no versions yet accepts any schema.
     */
    public CompatibilityResult testCompatibility(String subject, Schema schema) {
        ObjectNode body = JSON.createObjectNode().put("schema", schema.toString());
        JsonNode response;
        try {
            response = send(
                    "POST",
                    "/compatibility/subjects/" + encode(subject) + "/versions/latest?verbose=true",
                    body,
                    (status, code, message, url) -> null);
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND
                    || e.errorCode() == SchemaRegistryException.VERSION_NOT_FOUND) {
                return new CompatibilityResult(true, List.of("subject '" + subject + "' has no versions yet"));
            }
            throw e;
        }
        JsonNode verdict = response.get("is_compatible");
        if (verdict == null || !verdict.isBoolean()) {
            throw unexpected(
                    "POST /compatibility/subjects/" + subject + "/versions/latest",
                    "a boolean is_compatible",
                    response);
        }
        List<String> messages = new ArrayList<>();
        JsonNode list = response.get("messages");
        if (list != null && list.isArray()) {
            list.forEach(node -> messages.add(node.asText()));
        }
        return new CompatibilityResult(verdict.booleanValue(), messages);
    }

    private SchemaMetadata fetchVersion(String subject, String version) {
        String path = "/subjects/" + encode(subject) + "/versions/" + version;
        JsonNode response = send("GET", path, null, (status, code, message, url) -> switch (code) {
            case SchemaRegistryException.SUBJECT_NOT_FOUND ->
                "Subject '" + subject + "' not found in registry (40401) at " + url;
            case SchemaRegistryException.VERSION_NOT_FOUND ->
                "Version " + version + " of subject '" + subject + "' not found in registry (40402) at " + url;
            default -> null;
        });
        return metadata(response, subject, "GET /subjects/" + subject + "/versions/" + version);
    }

    private SchemaMetadata metadata(JsonNode response, String subject, String call) {
        int id = requireInt(response, "id", call);
        int version = requireInt(response, "version", call);
        Schema schema = schemasById.get(id);
        if (schema == null) {
            schema = parse(response, "schema id " + id);
            Schema raced = schemasById.putIfAbsent(id, schema);
            schema = raced != null ? raced : schema;
        }
        JsonNode returnedSubject = response.get("subject");
        return new SchemaMetadata(returnedSubject != null ? returnedSubject.asText() : subject, version, id, schema);
    }

    private Schema parse(JsonNode response, String what) {
        JsonNode type = response.get("schemaType");
        if (type != null && !type.isNull() && !"AVRO".equalsIgnoreCase(type.asText())) {
            throw new SchemaRegistryException(
                    "Registry at " + config.displayUrls() + " holds " + what + " as a " + type.asText()
                            + " schema; ClaimFlow's serde reads Avro only",
                    200,
                    NO_ERROR_CODE,
                    config.displayUrls());
        }
        JsonNode references = response.get("references");
        if (references != null && references.isArray() && !references.isEmpty()) {
            throw new SchemaRegistryException(
                    "Registry at " + config.displayUrls() + " holds " + what
                            + " with schema references, which ClaimFlow's client does not resolve; register the schema"
                            + " with its named types inlined",
                    200,
                    NO_ERROR_CODE,
                    config.displayUrls());
        }
        JsonNode text = response.get("schema");
        if (text == null || !text.isTextual()) {
            throw unexpected("the answer for " + what, "a schema string", response);
        }
        try {
            // Schemas written by other clients may carry defaults Java's parser would reject; reading them is
            // still safe, so do not fail the whole consumer over it.
            return new Schema.Parser().setValidateDefaults(false).parse(text.asText());
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException(
                    "Registry at " + config.displayUrls() + " returned " + what + " that is not a valid Avro schema: "
                            + e.getMessage(),
                    200,
                    NO_ERROR_CODE,
                    config.displayUrls(),
                    e);
        }
    }

    private JsonNode send(String method, String path, JsonNode body, ErrorMessages messages) {
        String payload;
        try {
            payload = body == null ? null : JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write registry request body", e);
        }
        int start = preferred.get();
        List<String> failures = new ArrayList<>();
        IOException lastFailure = null;
        for (int attempt = 0; attempt < endpoints.size(); attempt++) {
            int index = (start + attempt) % endpoints.size();
            Endpoint endpoint = endpoints.get(index);
            HttpResponse<String> response;
            try {
                response = http.send(
                        endpoint.request(method, path, payload, config.requestTimeout()),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                failures.add(describe(e));
                lastFailure = e;
                logFailover(endpoint, attempt, describe(e));
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException(
                        "Interrupted while calling the schema registry at " + endpoint.displayUrl() + " (" + method
                                + " " + path + ")",
                        NO_STATUS,
                        NO_ERROR_CODE,
                        endpoint.displayUrl(),
                        e);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                if (index != start) {
                    preferred.compareAndSet(start, index);
                }
                return parseBody(response.body(), endpoint, method, path, status);
            }
            SchemaRegistryException error = error(status, response.body(), endpoint, method, path, messages);
            boolean gatewayFailure = status == 502 || status == 503 || status == 504;
            if (gatewayFailure && attempt < endpoints.size() - 1) {
                failures.add("HTTP " + status);
                logFailover(endpoint, attempt, "HTTP " + status);
                continue;
            }
            throw error;
        }
        String detail;
        if (endpoints.size() == 1) {
            detail = failures.get(0);
        } else {
            List<String> parts = new ArrayList<>();
            for (int attempt = 0; attempt < endpoints.size(); attempt++) {
                parts.add(endpoints.get((start + attempt) % endpoints.size()).displayUrl() + ": "
                        + failures.get(attempt));
            }
            detail = String.join("; ", parts);
        }
        throw new SchemaRegistryException(
                "Schema registry at " + config.displayUrls() + " is unreachable: " + detail + " (" + method + " "
                        + stripQuery(path) + ")",
                NO_STATUS,
                NO_ERROR_CODE,
                config.displayUrls(),
                lastFailure);
    }

    private void logFailover(Endpoint endpoint, int attempt, String reason) {
        if (attempt < endpoints.size() - 1) {
            log.warn("Schema registry at {} failed ({}); trying the next URL", endpoint.displayUrl(), reason);
        }
    }

    private static JsonNode parseBody(String body, Endpoint endpoint, String method, String path, int status) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new SchemaRegistryException(
                    "Schema registry at " + endpoint.displayUrl() + " answered " + method + " " + stripQuery(path)
                            + " with a body that is not JSON: " + abbreviate(body),
                    status,
                    NO_ERROR_CODE,
                    endpoint.displayUrl(),
                    e);
        }
    }

    private static SchemaRegistryException error(
            int status, String body, Endpoint endpoint, String method, String path, ErrorMessages messages) {
        int code = NO_ERROR_CODE;
        String serverMessage = abbreviate(body);
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.isObject()) {
                if (node.path("error_code").isInt()) {
                    code = node.get("error_code").intValue();
                }
                if (node.path("message").isTextual()) {
                    serverMessage = node.get("message").asText();
                }
            }
        } catch (JsonProcessingException e) {
            // Not a registry error body (a proxy's HTML page, say): keep the raw text.
        }
        String url = endpoint.displayUrl();
        String message = messages.describe(status, code, serverMessage, url);
        if (message == null) {
            String codeText = code == NO_ERROR_CODE ? "" : ", error_code " + code;
            if (status == 401 || status == 403) {
                message = "Schema registry at " + url + " refused access (HTTP " + status + codeText + ") to " + method
                        + " " + stripQuery(path) + ": " + serverMessage
                        + "; check basic.auth.credentials.source and basic.auth.user.info";
            } else {
                message = "Schema registry at " + url + " answered HTTP " + status + codeText + " to " + method + " "
                        + stripQuery(path) + ": " + serverMessage;
            }
        }
        return new SchemaRegistryException(message, status, code, url);
    }

    private SchemaRegistryException unexpected(String call, String expected, JsonNode response) {
        return new SchemaRegistryException(
                "Schema registry at " + config.displayUrls() + " answered " + call + " without " + expected + ": "
                        + abbreviate(String.valueOf(response)),
                200,
                NO_ERROR_CODE,
                config.displayUrls());
    }

    private int requireInt(JsonNode response, String field, String call) {
        JsonNode value = response.get(field);
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber()) {
            throw unexpected(call, "an integer '" + field + "'", response);
        }
        return value.intValue();
    }

    private static String describe(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "connect timed out";
        }
        if (e instanceof HttpTimeoutException) {
            return "request timed out";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.channels.UnresolvedAddressException
                    || t instanceof java.net.UnknownHostException) {
                return "unknown host";
            }
        }
        // The JDK client often throws a ConnectException without a message and the reason in its cause.
        Throwable t = e;
        while (t != null) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getClass().getSimpleName() + ": " + t.getMessage();
            }
            t = t.getCause();
        }
        return e instanceof java.net.ConnectException
                ? "could not connect (ConnectException)"
                : e.getClass().getSimpleName();
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String stripQuery(String path) {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "...";
    }

    /** Turns a registry error into a message for this call, or null for the generic message. */
    @FunctionalInterface
    private interface ErrorMessages {
        String describe(int status, int errorCode, String serverMessage, String url);
    }

    private record ClientKey(Duration connectTimeout, SchemaRegistryTls tls) {}

    private record SubjectSchema(String subject, Schema schema) {}

    private record Expiring(SchemaMetadata metadata, long fetchedAtNanos) {}

    /** One registry URL, without credentials, and the Authorization header to send there. */
    private record Endpoint(String baseUrl, String displayUrl, String authorization) {

        static Endpoint of(URI url, SchemaRegistryClientConfig config) {
            String display = SchemaRegistryClientConfig.withoutUserInfo(url);
            String base = display.endsWith("/") ? display.substring(0, display.length() - 1) : display;
            String userInfo = switch (config.basicAuthSource()) {
                case USER_INFO -> config.basicAuthUserInfo();
                case URL -> url.getUserInfo();
            };
            String authorization = userInfo == null || userInfo.isEmpty()
                    ? null
                    : "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
            return new Endpoint(base, base, authorization);
        }

        HttpRequest request(String method, String path, String payload, Duration timeout) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(timeout)
                    .header("Accept", ACCEPT);
            if (authorization != null) {
                builder.header("Authorization", authorization);
            }
            if (payload == null) {
                builder.method(method.toUpperCase(Locale.ROOT), HttpRequest.BodyPublishers.noBody());
            } else {
                builder.header("Content-Type", CONTENT_TYPE)
                        .method(
                                method.toUpperCase(Locale.ROOT),
                                HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8));
            }
            return builder.build();
        }

        @Override
        public String toString() {
            // Never print the Authorization header.
            return displayUrl;
        }
    }
}
