package io.claimflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * How the console calls a service: as the logged-in user (form login: HTTP Basic with that user's credentials;
 * API caller: its own Authorization header), on the service's documented paths, and how it shows the answer. The
 * far side is a recording HTTP endpoint that answers like claim-service's {@code /work-lists/held/search} and
 * {@code /claims/{id}/release}; it checks the console's side of the contract only, not claim-service.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_console")
class ServiceCallsTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final List<String> CALLS = new CopyOnWriteArrayList<>();
    private static final HttpServer CLAIM_SERVICE = FakeServices.serve(ServiceCallsTest::answer);

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void claimServiceUrl(DynamicPropertyRegistry registry) {
        registry.add(
                "claimflow.console.services.claim-service",
                () -> "http://localhost:" + CLAIM_SERVICE.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        CLAIM_SERVICE.stop(0);
    }

    @BeforeEach
    void clear() {
        CALLS.clear();
    }

    @Test
    void aFormLoginUserIsPassedOnAsThatUserAndSeesTheAnswer() throws Exception {
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String token = csrf(browser, "/login");
        post(browser, "/login", "username=biller&password=demo-biller&_csrf=" + enc(token));

        HttpResponse<String> held = get(browser, "/work/held");
        assertThat(held.statusCode()).isEqualTo(200);
        assertThat(held.body()).contains("clm-held-1", "NPI_CHECK_DIGIT", "Release");
        // side by side (Services.getAll), each with the caller's credentials
        assertThat(CALLS)
                .containsExactlyInAnyOrder(
                        "GET /work-lists/held/search?page=0&size=25 " + basic("biller"),
                        "GET /work-lists/held/rules " + basic("biller"));

        String formToken = csrf(browser, "/work/held");
        CALLS.clear();
        HttpResponse<String> release = post(browser, "/work/held/clm-held-1/release", "_csrf=" + enc(formToken));
        assertThat(release.headers().firstValue("Location").orElse("")).endsWith("/work/held");
        assertThat(CALLS).containsExactly("POST /claims/clm-held-1/release " + basic("biller"));
        assertThat(get(browser, "/work/held").body()).contains("Claim clm-held-1 released");

        post(browser, "/work/held/clm-refused/release", "_csrf=" + enc(csrf(browser, "/work/held")));
        assertThat(get(browser, "/work/held").body())
                .contains("claim-service answered 422: Claim clm-refused still fails the scrubber");
    }

    @Test
    void anApiCallersOwnAuthorizationHeaderIsPassedOnAsItIs() throws Exception {
        HttpResponse<String> held = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(uri("/work/held"))
                                .header("Authorization", basic("biller"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(held.statusCode()).isEqualTo(200);
        // side by side (Services.getAll), each with the caller's credentials
        assertThat(CALLS)
                .containsExactlyInAnyOrder(
                        "GET /work-lists/held/search?page=0&size=25 " + basic("biller"),
                        "GET /work-lists/held/rules " + basic("biller"));
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().toString();
        CALLS.add(exchange.getRequestMethod() + " " + path + " "
                + exchange.getRequestHeaders().getFirst("Authorization"));
        int status;
        String body;
        String type = "application/json";
        if (path.equals("/work-lists/held/rules")) {
            status = 200;
            body = "[{\"ruleId\":\"NPI_CHECK_DIGIT\",\"claims\":1}]";
        } else if (path.startsWith("/work-lists/held/search")) {
            status = 200;
            body = "{\"page\":0,\"size\":25,\"total\":1,\"items\":[{\"claim\":{\"claimId\":\"clm-held-1\","
                    + "\"encounterId\":\"enc-held-1\",\"status\":\"HELD\"},\"reasons\":[{\"ruleId\":"
                    + "\"NPI_CHECK_DIGIT\",\"message\":\"billing NPI fails its check digit\"}]}]}";
        } else if (path.equals("/claims/clm-held-1/release")) {
            status = 200;
            body = "{\"claimId\":\"clm-held-1\",\"status\":\"SUBMITTED\"}";
        } else {
            status = 422;
            type = "application/problem+json";
            body =
                    "{\"title\":\"Unprocessable\",\"status\":422,\"detail\":\"Claim clm-refused still fails the scrubber\"}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":demo-" + user).getBytes(StandardCharsets.UTF_8));
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private String csrf(HttpClient browser, String path) throws Exception {
        Matcher m = CSRF.matcher(get(browser, path).body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private HttpResponse<String> get(HttpClient browser, String path) throws Exception {
        return browser.send(
                HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(HttpClient browser, String path, String form) throws Exception {
        return browser.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Accept", "text/html")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
