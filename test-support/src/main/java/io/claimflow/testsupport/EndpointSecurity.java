package io.claimflow.testsupport;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Checks a running service's endpoints against their {@code @PreAuthorize} rules, for every handler method the
 * application has, so that an endpoint added later is checked without anyone updating a list.
 *
 * <ul>
 *   <li>Every handler method of {@code requestMappingHandlerMapping} must carry {@code @PreAuthorize} (on the method
 *   or its class) made of {@code hasRole('X')} / {@code hasAnyRole('X', 'Y')} terms joined by {@code or}, unless it
 *   is a listed public endpoint (by default only Spring Boot's {@code /error}). Anything else fails: the test cannot
 *   tell who may call it.</li>
 *   <li>For every endpoint: without credentials 401; as each role not allowed 403; as each allowed role neither 401
 *   nor 403 (path variables get harmless placeholders, a body is {@code {}}: 400 or 404 are fine there).</li>
 *   <li>Actuator: {@code /actuator/health} open; {@code /actuator} and every other endpoint its discovery page lists
 *   ADMIN only.</li>
 * </ul>
 *
 * <p>Callers are the demo users (HTTP Basic, {@code demo-<name>} passwords), one per role: CODER {@code coder},
 * BILLER {@code biller}, PATIENT_ACCOUNTS {@code patient-accounts}, ADMIN {@code admin}, AUDITOR {@code auditor}.
 *
 * <pre>{@code
 * @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
 * @ClaimFlowInfrastructure(database = "claimflow_claim")
 * class ClaimServiceEndpointSecurityTest {   // services get this through ServiceContract
 *     @Autowired ApplicationContext context;
 *     @LocalServerPort int port;
 *
 *     @TestFactory
 *     Stream<DynamicNode> everyEndpointAnswersOnlyItsRoles() {
 *         return EndpointSecurity.of(context, port).tests();
 *     }
 * }
 * }</pre>
 */
public final class EndpointSecurity {

    /** The roles and their demo users. */
    public static final Map<String, String> DEMO_USERS = demoUsers();

    private static final Pattern TERM = Pattern.compile("(hasRole|hasAnyRole)\\(((?:[^()]|\\([^()]*\\))*)\\)");
    private static final Pattern ROLE =
            Pattern.compile("'(?:ROLE_)?([A-Z_]+)'|T\\(io\\.claimflow\\.platform\\.security\\.Roles\\)\\.([A-Z_]+)");
    private static final Pattern HREF = Pattern.compile("\"href\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{\\*?([^}:]+)(:[^}]*)?}");

    private final RequestMappingHandlerMapping mapping;
    private final String baseUrl;
    private final Set<String> publicPaths;
    private final Map<String, String> placeholders;
    private final Map<String, Set<String>> declaredRoles;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private EndpointSecurity(
            RequestMappingHandlerMapping mapping,
            String baseUrl,
            Set<String> publicPaths,
            Map<String, String> placeholders,
            Map<String, Set<String>> declaredRoles) {
        this.mapping = mapping;
        this.baseUrl = baseUrl;
        this.publicPaths = publicPaths;
        this.placeholders = placeholders;
        this.declaredRoles = declaredRoles;
    }

    /** The endpoints of {@code context}'s {@code requestMappingHandlerMapping}, served on localhost:{@code port}. */
    public static EndpointSecurity of(ApplicationContext context, int port) {
        return new EndpointSecurity(
                context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class),
                "http://localhost:" + port,
                Set.of("/error"),
                Map.of(),
                Map.of());
    }

    /** Also treats {@code path} (a mapping pattern, as declared) as public: callable without credentials. */
    public EndpointSecurity withPublicPath(String path) {
        Set<String> paths = new LinkedHashSet<>(publicPaths);
        paths.add(path);
        return new EndpointSecurity(mapping, baseUrl, Set.copyOf(paths), placeholders, declaredRoles);
    }

    /** Uses {@code value} for path variable {@code name} instead of {@code 0}. */
    public EndpointSecurity withPlaceholder(String name, String value) {
        Map<String, String> values = new LinkedHashMap<>(placeholders);
        values.put(name, value);
        return new EndpointSecurity(mapping, baseUrl, publicPaths, Map.copyOf(values), declaredRoles);
    }

    /**
     * States the roles of {@code method} {@code pattern} (as declared in the mapping) whose {@code @PreAuthorize}
     * is more than role terms, e.g. {@code hasRole('BILLER') and #claimId.startsWith('c-')}: the test cannot read
     * those, and the placeholders must then satisfy the rest of the rule for the allowed roles.
     */
    public EndpointSecurity withRoles(String method, String pattern, String... roles) {
        Map<String, Set<String>> values = new LinkedHashMap<>(declaredRoles);
        values.put(method + " " + pattern, Set.of(roles));
        return new EndpointSecurity(mapping, baseUrl, publicPaths, placeholders, Map.copyOf(values));
    }

    /** One endpoint: an HTTP method, a path pattern and the roles that may call it (empty for a public one). */
    public record Endpoint(
            String method, String pattern, Set<String> roles, boolean body, String contentType, String handler) {

        @Override
        public String toString() {
            return method + " " + pattern + " " + (roles.isEmpty() ? "(public)" : roles);
        }
    }

    /**
     * Every endpoint, sorted by path.
     *
     * @throws AssertionError naming every handler method without a usable {@code @PreAuthorize}
     */
    public List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
                mapping.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            HandlerMethod handler = entry.getValue();
            String handlerName =
                    handler.getBeanType().getName() + "#" + handler.getMethod().getName();
            Set<String> patterns = info.getPathPatternsCondition() != null
                    ? info.getPathPatternsCondition().getPatternValues()
                    : info.getPatternValues();
            List<String> methods = info.getMethodsCondition().getMethods().stream()
                    .map(Enum::name)
                    .sorted()
                    .toList();
            String method = methods.isEmpty() ? "GET" : methods.get(0);
            boolean body = hasRequestBody(handler.getMethod());
            String contentType = info.getConsumesCondition().getConsumableMediaTypes().stream()
                    .filter(type -> !type.isWildcardType())
                    .findFirst()
                    .map(MediaType::toString)
                    .orElse("application/json");
            for (String pattern : patterns) {
                if (publicPaths.contains(pattern)) {
                    endpoints.add(new Endpoint(method, pattern, Set.of(), body, contentType, handlerName));
                    continue;
                }
                PreAuthorize rule = rule(handler);
                if (rule == null) {
                    problems.add(method + " " + pattern + " (" + handlerName + ") has no @PreAuthorize");
                    continue;
                }
                Set<String> roles = declaredRoles.containsKey(method + " " + pattern)
                        ? declaredRoles.get(method + " " + pattern)
                        : roles(rule.value());
                if (roles == null) {
                    problems.add(method + " " + pattern + " (" + handlerName + "): cannot tell the roles from "
                            + "@PreAuthorize(\"" + rule.value() + "\"); use hasRole('X') / hasAnyRole('X', 'Y')");
                    continue;
                }
                Set<String> unknown = new TreeSet<>(roles);
                unknown.removeAll(DEMO_USERS.keySet());
                if (!unknown.isEmpty()) {
                    problems.add(method + " " + pattern + " (" + handlerName + ") names unknown roles " + unknown);
                    continue;
                }
                endpoints.add(new Endpoint(method, pattern, roles, body, contentType, handlerName));
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("Endpoints without a role rule:\n  " + String.join("\n  ", problems));
        }
        endpoints.sort(Comparator.comparing(Endpoint::pattern).thenComparing(Endpoint::method));
        return endpoints;
    }

    /**
     * The whole check as JUnit dynamic tests: first that every handler declares its roles, then per endpoint the
     * anonymous, wrong-role and right-role calls, then the actuator.
     */
    public Stream<DynamicNode> tests() {
        List<DynamicNode> nodes = new ArrayList<>();
        List<Endpoint> endpoints;
        try {
            endpoints = endpoints();
        } catch (AssertionError e) {
            return Stream.of(DynamicTest.dynamicTest("every handler method declares its roles", () -> {
                throw e;
            }));
        }
        nodes.add(DynamicTest.dynamicTest(
                "every handler method declares its roles (" + endpoints.size() + " endpoints)", () -> {}));
        for (Endpoint endpoint : endpoints) {
            nodes.add(DynamicContainer.dynamicContainer(endpoint.toString(), checks(endpoint)));
        }
        Endpoint health = new Endpoint("GET", "/actuator/health", Set.of(), false, null, "actuator");
        Stream<DynamicNode> actuator = Stream.concat(
                checks(health),
                actuatorPaths().stream()
                        .flatMap(path -> checks(new Endpoint("GET", path, Set.of("ADMIN"), false, null, "actuator"))));
        nodes.add(DynamicContainer.dynamicContainer("actuator", actuator));
        return nodes.stream();
    }

    // The actuator's discovery page lists what is exposed; everything there but health is for ADMIN.
    private List<String> actuatorPaths() {
        List<String> paths = new ArrayList<>();
        paths.add("/actuator");
        try {
            HttpResponse<String> links = call(
                    new Endpoint("GET", "/actuator", Set.of(), false, null, "actuator"),
                    "/actuator",
                    DEMO_USERS.get("ADMIN"));
            Matcher href = HREF.matcher(links.body());
            while (href.find()) {
                String path =
                        URI.create(href.group(1).replaceAll("\\{[^}]*}", "x")).getPath();
                if (!path.startsWith("/actuator/health") && !paths.contains(path)) {
                    paths.add(path);
                }
            }
        } catch (IOException | InterruptedException | IllegalArgumentException e) {
            throw new AssertionError("Could not read the actuator's discovery page: " + e, e);
        }
        return paths;
    }

    private Stream<DynamicTest> checks(Endpoint endpoint) {
        String path = concretePath(endpoint.pattern());
        List<DynamicTest> tests = new ArrayList<>();
        if (endpoint.roles().isEmpty()) {
            tests.add(DynamicTest.dynamicTest(
                    endpoint.method() + " " + path + " without credentials: not 401/403",
                    () -> expectAllowed(endpoint, path, null)));
            return tests.stream();
        }
        tests.add(DynamicTest.dynamicTest(
                endpoint.method() + " " + path + " without credentials: 401", () -> expect(endpoint, path, null, 401)));
        for (Map.Entry<String, String> role : DEMO_USERS.entrySet()) {
            if (endpoint.roles().contains(role.getKey())) {
                tests.add(DynamicTest.dynamicTest(
                        "as " + role.getKey() + ": allowed (not 401/403)",
                        () -> expectAllowed(endpoint, path, role.getValue())));
            } else {
                tests.add(DynamicTest.dynamicTest(
                        "as " + role.getKey() + ": 403", () -> expect(endpoint, path, role.getValue(), 403)));
            }
        }
        return tests.stream();
    }

    private void expect(Endpoint endpoint, String path, String user, int status) throws Exception {
        HttpResponse<String> response = call(endpoint, path, user);
        if (response.statusCode() != status) {
            throw new AssertionError(endpoint.method() + " " + path + " as " + (user == null ? "anonymous" : user)
                    + ": expected " + status + ", got " + response.statusCode() + " " + response.body());
        }
        if (!response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
            throw new AssertionError(endpoint.method() + " " + path + ": a " + status
                    + " must be a problem detail, Content-Type was "
                    + response.headers().firstValue("Content-Type").orElse("none"));
        }
    }

    private void expectAllowed(Endpoint endpoint, String path, String user) throws Exception {
        HttpResponse<String> response = call(endpoint, path, user);
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new AssertionError(endpoint.method() + " " + path + " as " + (user == null ? "anonymous" : user)
                    + ": expected to be let in, got " + response.statusCode() + " " + response.body());
        }
    }

    private HttpResponse<String> call(Endpoint endpoint, String path, String user)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json, application/problem+json, */*");
        if (user != null) {
            String credentials = user + ":demo-" + user;
            request.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        if (endpoint.body()) {
            request.header("Content-Type", endpoint.contentType());
            request.method(endpoint.method(), HttpRequest.BodyPublishers.ofString("{}"));
        } else {
            request.method(endpoint.method(), HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    String concretePath(String pattern) {
        Matcher matcher = PATH_VARIABLE.matcher(pattern);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(path, Matcher.quoteReplacement(placeholders.getOrDefault(matcher.group(1), "0")));
        }
        matcher.appendTail(path);
        return path.toString().replace("**", "x").replace("*", "x");
    }

    private static PreAuthorize rule(HandlerMethod handler) {
        PreAuthorize onMethod = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), PreAuthorize.class);
        return onMethod != null
                ? onMethod
                : AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), PreAuthorize.class);
    }

    /** The roles of an expression of hasRole / hasAnyRole terms joined by {@code or}; null if it is anything else. */
    static Set<String> roles(String expression) {
        Set<String> roles = new TreeSet<>();
        String rest = expression;
        Matcher term = TERM.matcher(expression);
        while (term.find()) {
            Matcher role = ROLE.matcher(term.group(2));
            int found = 0;
            while (role.find()) {
                roles.add(role.group(1) != null ? role.group(1) : role.group(2));
                found++;
            }
            String leftover = ROLE.matcher(term.group(2)).replaceAll("").replaceAll("[\\s,]", "");
            if (found == 0 || !leftover.isEmpty() || (term.group(1).equals("hasRole") && found != 1)) {
                return null;
            }
            rest = rest.replace(term.group(), " ");
        }
        // Only "or" may join the terms: "and", "!" or other functions would make the allowed set something else.
        String joiners = rest.replaceAll("\\bor\\b", "").replaceAll("[\\s()]", "");
        return roles.isEmpty() || !joiners.isEmpty() ? null : roles;
    }

    private static boolean hasRequestBody(Method method) {
        for (var annotations : method.getParameterAnnotations()) {
            for (var annotation : annotations) {
                if (annotation instanceof RequestBody) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Map<String, String> demoUsers() {
        Map<String, String> users = new LinkedHashMap<>();
        users.put("CODER", "coder");
        users.put("BILLER", "biller");
        users.put("PATIENT_ACCOUNTS", "patient-accounts");
        users.put("ADMIN", "admin");
        users.put("AUDITOR", "auditor");
        return java.util.Collections.unmodifiableMap(users);
    }
}
