package io.claimflow.console.services.adapter;

import io.claimflow.console.config.ConsoleProperties;
import io.claimflow.console.services.ServiceAnswer;
import io.claimflow.console.services.ServiceFile;
import io.claimflow.console.services.Services;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls the services with the caller's own credentials, so each service checks the caller's roles and writes the
 * caller into its audit trail: the Authorization header of an API caller is passed on as it is; a user logged in
 * through the console's form gets HTTP Basic with the credentials kept in the session's authentication. There is no
 * service account.
 */
@Component
class RestServices implements Services {

    private static final Logger LOG = LoggerFactory.getLogger(RestServices.class);
    private static final ParameterizedTypeReference<Object> JSON = new ParameterizedTypeReference<>() {};
    /** Answers are read with decimals as BigDecimal: money must never pass through a double. */
    private static final JsonMapper READER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final ConsoleProperties properties;
    private final RestClient calls;
    private final RestClient probes;
    // Probes side by side whatever the core count: the common pool has a single thread on 2 cores.
    private final ExecutorService probeThreads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "console-health-probe");
        thread.setDaemon(true);
        return thread;
    });
    // A page's calls side by side (getAll), each with the caller's credentials taken on the request's thread.
    private final ExecutorService callThreads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "console-service-call");
        thread.setDaemon(true);
        return thread;
    });
    /** java.net.http underneath: HttpURLConnection, under the other two, cannot send PATCH. */
    private final RestClient patches;

    RestServices(ConsoleProperties properties) {
        this.properties = properties;
        this.calls = RestClient.builder()
                .requestFactory(factory(properties.callTimeout().toMillis()))
                .build();
        this.probes = RestClient.builder()
                .requestFactory(factory(properties.healthTimeout().toMillis()))
                .build();
        JdkClientHttpRequestFactory jdk = new JdkClientHttpRequestFactory(java.net.http.HttpClient.newBuilder()
                .connectTimeout(java.time.Duration.ofMillis(
                        Math.min(properties.callTimeout().toMillis(), 2000)))
                .build());
        jdk.setReadTimeout(properties.callTimeout());
        this.patches = RestClient.builder().requestFactory(jdk).build();
    }

    @Override
    public List<String> names() {
        return new ArrayList<>(properties.services().keySet());
    }

    @Override
    public ServiceAnswer get(String service, String pathAndQuery) {
        return call(service, pathAndQuery, null, false, Map.of());
    }

    @Override
    public List<ServiceAnswer> getAll(String service, String... pathsAndQueries) {
        String authorization = authorization();
        List<CompletableFuture<ServiceAnswer>> others = new ArrayList<>();
        for (int i = 1; i < pathsAndQueries.length; i++) {
            String path = pathsAndQueries[i];
            others.add(CompletableFuture.supplyAsync(
                    () -> call(authorization, service, path, null, HttpMethod.GET, Map.of()), callThreads));
        }
        List<ServiceAnswer> answers = new ArrayList<>();
        if (pathsAndQueries.length > 0) {
            answers.add(call(authorization, service, pathsAndQueries[0], null, HttpMethod.GET, Map.of()));
        }
        others.forEach(other -> answers.add(other.join()));
        return answers;
    }

    @Override
    public ServiceAnswer post(String service, String path, Object jsonBody) {
        return call(service, path, jsonBody, true, Map.of());
    }

    @Override
    public ServiceAnswer post(String service, String path, Object jsonBody, Map<String, String> headers) {
        return call(service, path, jsonBody, true, headers);
    }

    @Override
    public ServiceFile file(String service, String pathAndQuery, String accept) {
        URI base = properties.services().get(service);
        if (base == null) {
            return new ServiceFile(0, null, null, "No URL configured for " + service);
        }
        String authorization = authorization();
        if (authorization == null) {
            return new ServiceFile(0, null, null, "No credentials to pass on to " + service);
        }
        try {
            var response = calls.get()
                    .uri(base.toString() + pathAndQuery)
                    .accept(MediaType.parseMediaType(accept), MediaType.APPLICATION_PROBLEM_JSON)
                    .header(HttpHeaders.AUTHORIZATION, authorization)
                    .retrieve()
                    .toEntity(byte[].class);
            MediaType type = response.getHeaders().getContentType();
            return new ServiceFile(
                    response.getStatusCode().value(),
                    response.getBody(),
                    type == null ? accept : type.toString(),
                    null);
        } catch (RestClientResponseException e) {
            return new ServiceFile(
                    e.getStatusCode().value(), null, null, refusal(service, e, parse(e.getResponseBodyAsString())));
        } catch (ResourceAccessException e) {
            LOG.info("{} did not answer GET {}", service, pathAndQuery.replaceAll("\\?.*", ""));
            return new ServiceFile(0, null, null, service + " does not answer");
        }
    }

    @Override
    public ServiceAnswer upload(String service, String path, byte[] content, String contentType) {
        URI base = properties.services().get(service);
        if (base == null) {
            return new ServiceAnswer(0, null, "No URL configured for " + service);
        }
        String authorization = authorization();
        if (authorization == null) {
            return new ServiceAnswer(0, null, "No credentials to pass on to " + service);
        }
        try {
            var response = calls.post()
                    .uri(base.toString() + path)
                    .contentType(MediaType.parseMediaType(contentType))
                    .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
                    .header(HttpHeaders.AUTHORIZATION, authorization)
                    .body(content)
                    .retrieve()
                    .toEntity(String.class);
            return new ServiceAnswer(response.getStatusCode().value(), parse(response.getBody()), null);
        } catch (RestClientResponseException e) {
            Object problem = parse(e.getResponseBodyAsString());
            return new ServiceAnswer(e.getStatusCode().value(), problem, refusal(service, e, problem));
        } catch (ResourceAccessException e) {
            LOG.info("{} did not answer POST {}", service, path);
            return new ServiceAnswer(0, null, service + " does not answer");
        }
    }

    @Override
    public ServiceAnswer put(String service, String path, Object jsonBody) {
        return call(service, path, jsonBody, HttpMethod.PUT, Map.of());
    }

    @Override
    public ServiceAnswer patch(String service, String path, Object jsonBody) {
        return call(service, path, jsonBody, HttpMethod.PATCH, Map.of());
    }

    private ServiceAnswer call(String service, String path, Object body, boolean post, Map<String, String> headers) {
        return call(service, path, body, post ? HttpMethod.POST : HttpMethod.GET, headers);
    }

    private ServiceAnswer call(
            String service, String path, Object body, HttpMethod method, Map<String, String> headers) {
        return call(authorization(), service, path, body, method, headers);
    }

    private ServiceAnswer call(
            String authorization,
            String service,
            String path,
            Object body,
            HttpMethod method,
            Map<String, String> headers) {
        boolean post = method != HttpMethod.GET;
        URI base = properties.services().get(service);
        if (base == null) {
            return new ServiceAnswer(0, null, "No URL configured for " + service);
        }
        if (authorization == null) {
            return new ServiceAnswer(0, null, "No credentials to pass on to " + service);
        }
        try {
            RestClient.RequestHeadersSpec<?> request = post
                    ? (method == HttpMethod.PATCH ? patches : calls)
                            .method(method)
                            .uri(base.toString() + path)
                            .contentType(MediaType.APPLICATION_JSON)
                            .body(body == null ? Map.of() : body)
                    : calls.get().uri(base.toString() + path);
            request.accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
                    .header(HttpHeaders.AUTHORIZATION, authorization);
            headers.forEach((name, value) -> request.header(name, value));
            var response = request.retrieve().toEntity(String.class);
            return new ServiceAnswer(response.getStatusCode().value(), parse(response.getBody()), null);
        } catch (RestClientResponseException e) {
            Object problem = parse(e.getResponseBodyAsString());
            return new ServiceAnswer(e.getStatusCode().value(), problem, refusal(service, e, problem));
        } catch (ResourceAccessException e) {
            LOG.info("{} did not answer {} {}", service, method, path.replaceAll("\\?.*", ""));
            return new ServiceAnswer(0, null, service + " does not answer");
        }
    }

    // the problem detail's "detail", or the status text when the answer is not a problem detail
    private static String refusal(String service, RestClientResponseException e, Object problem) {
        String detail = problem instanceof Map<?, ?> map && map.get("detail") != null
                ? String.valueOf(map.get("detail"))
                : e.getStatusText();
        return service + " answered " + e.getStatusCode().value() + ": " + detail;
    }

    private static Object parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return READER.readValue(body, Object.class);
        } catch (tools.jackson.core.JacksonException notJson) {
            return body;
        }
    }

    @Override
    public Map<String, String> health() {
        Map<String, CompletableFuture<String>> probesByService = new LinkedHashMap<>();
        properties
                .services()
                .forEach((name, base) ->
                        probesByService.put(name, CompletableFuture.supplyAsync(() -> probe(base), probeThreads)));
        Map<String, String> health = new LinkedHashMap<>();
        probesByService.forEach((name, probe) -> health.put(name, probe.join()));
        return health;
    }

    private String probe(URI base) {
        try {
            Object body = probes.get()
                    .uri(base.toString() + "/actuator/health")
                    .retrieve()
                    .body(JSON);
            return body instanceof Map<?, ?> map && map.get("status") != null
                    ? String.valueOf(map.get("status"))
                    : "UNKNOWN";
        } catch (RestClientResponseException e) {
            Object body = null;
            try {
                body = e.getResponseBodyAs(JSON);
            } catch (RuntimeException unreadable) {
                // fall through to the status code
            }
            return body instanceof Map<?, ?> map && map.get("status") != null
                    ? String.valueOf(map.get("status"))
                    : "HTTP " + e.getStatusCode().value();
        } catch (RuntimeException e) {
            return "UNREACHABLE";
        }
    }

    /**
     * The caller's credentials for a call to a service: a bearer token is relayed (JWT mode); an API caller's
     * header is passed on as it is; a LOCAL form-login user's password from the server-side session as Basic.
     */
    private static String authorization() {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller instanceof JwtAuthenticationToken jwt) {
            return "Bearer " + jwt.getToken().getTokenValue();
        }
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            String header = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (header != null) {
                return header;
            }
        }
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        if (who instanceof UsernamePasswordAuthenticationToken token && token.getCredentials() instanceof String pw) {
            return "Basic "
                    + java.util.Base64.getEncoder()
                            .encodeToString(
                                    (token.getName() + ":" + pw).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return null;
    }

    private static SimpleClientHttpRequestFactory factory(long timeoutMillis) {
        SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
        factory.setConnectTimeout((int) Math.min(timeoutMillis, 1000));
        factory.setReadTimeout((int) timeoutMillis);
        return factory;
    }
}
