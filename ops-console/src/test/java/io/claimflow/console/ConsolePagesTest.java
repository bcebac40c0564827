package io.claimflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.testsupport.ClaimFlowInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The pages as a browser uses them: form login with a session and CSRF tokens, the right pages for each role and a
 * refusal for the others, a login redirect for a browser that is not logged in and a 401 problem detail for anything
 * else. The services the console calls are not running here, which the pages must say rather than fail.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_console")
class ConsolePagesTest {

    @LocalServerPort
    int port;

    @Test
    void aBrowserThatIsNotLoggedInIsSentToTheLoginPageAndAnyOtherCallerGets401() throws Exception {
        HttpClient anonymous = HttpClient.newHttpClient();
        HttpResponse<String> page = anonymous.send(html("/kpis").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElse("")).endsWith("/login");
        HttpResponse<String> api = anonymous.send(
                HttpRequest.newBuilder(uri("/kpis"))
                        .header("Accept", "application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        HttpResponse<String> login = anonymous.send(html("/login").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("script-src 'self'");
        assertThat(anonymous
                        .send(html("/webjars/htmx.org/dist/htmx.min.js").build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(200);
        assertThat(anonymous
                        .send(html("/webjars/chart.js/dist/chart.umd.js").build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void anHtmxPollAfterTheSessionEndedGetsHxRedirectAndNoBasicChallenge() throws Exception {
        HttpResponse<String> poll = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(uri("/pipeline/status"))
                                .header("HX-Request", "true")
                                .header("Accept", "*/*")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(poll.statusCode()).isEqualTo(401);
        assertThat(poll.headers().firstValue("HX-Redirect")).hasValue("/login");
        assertThat(poll.headers().firstValue("WWW-Authenticate")).isEmpty();
        HttpResponse<String> api = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(uri("/kpis"))
                                .header("Accept", "application/json")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(api.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void aCrossSiteFormPostWithBasicCredentialsAndNoTokenIsRefused() throws Exception {
        String basic = "Basic "
                + java.util.Base64.getEncoder().encodeToString("biller:demo-biller".getBytes(StandardCharsets.UTF_8));
        HttpClient client = HttpClient.newHttpClient();

        HttpResponse<String> forged = client.send(
                HttpRequest.newBuilder(uri("/work/held/c-1/release"))
                        .header("Authorization", basic)
                        .header("Origin", "https://elsewhere.example")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("claimId=c-1"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> formWithoutOrigin = client.send(
                HttpRequest.newBuilder(uri("/work/held/c-1/release"))
                        .header("Authorization", basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(""))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(formWithoutOrigin.statusCode()).isEqualTo(403);
        // the same credentials still read (no state change, no CSRF involved)
        assertThat(client.send(
                                HttpRequest.newBuilder(uri("/kpis"))
                                        .header("Authorization", basic)
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void aWrongPasswordStaysOnTheLoginPage() throws Exception {
        BrowserSession session = new BrowserSession(port);
        HttpResponse<String> answer = session.login("biller", "not-the-password");
        assertThat(answer.headers().firstValue("Location").orElse("")).endsWith("/login?error");
        assertThat(session.get("/kpis").statusCode()).isEqualTo(302);
    }

    @Test
    void aBillerWorksOnClaimsAndKpisButNotOnDeadLetters() throws Exception {
        BrowserSession biller = new BrowserSession(port);
        assertThat(biller.login("biller", "demo-biller")
                        .headers()
                        .firstValue("Location")
                        .orElse(""))
                .doesNotContain("error");
        HttpResponse<String> home = biller.get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("Held claims", "KPIs").doesNotContain("Dead letters", "Coder queue");
        assertThat(biller.get("/kpis").body()).contains("Revenue-cycle KPIs", "Clean claim rate");
        assertThat(biller.get("/pipeline").body())
                .contains("claim-service", "UNREACHABLE", "hx-get=\"/pipeline/status\"");
        HttpResponse<String> held = biller.get("/work/held");
        assertThat(held.statusCode()).isEqualTo(200);
        assertThat(held.body()).contains("claim-service does not answer");
        HttpResponse<String> refused = biller.get("/dead-letters");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("Not allowed");
        assertThat(biller.get("/work/coder").statusCode()).isEqualTo(403);

        // a form post needs the session's CSRF token
        assertThat(biller.post("/work/held/c-1/release", "").statusCode()).isEqualTo(403);
        String token = biller.csrfOf("/work/held");
        HttpResponse<String> release = biller.post("/work/held/c-1/release", "_csrf=" + BrowserSession.enc(token));
        assertThat(release.statusCode()).isEqualTo(302);
        assertThat(biller.get("/work/held").body()).contains("claim-service does not answer");

        HttpResponse<String> logout = biller.post("/logout", "_csrf=" + BrowserSession.enc(biller.csrfOf("/")));
        assertThat(logout.headers().firstValue("Location").orElse("")).endsWith("/login?logout");
        assertThat(biller.get("/kpis").statusCode()).isEqualTo(302);
    }

    @Test
    void aCoderHasTheCoderQueueAndTimelinesButNoKpis() throws Exception {
        BrowserSession coder = new BrowserSession(port);
        coder.login("coder", "demo-coder");
        assertThat(coder.get("/work/coder").body()).contains("Coder queue", "coding-service does not answer");
        assertThat(coder.get("/encounters").statusCode()).isEqualTo(200);
        assertThat(coder.get("/kpis").statusCode()).isEqualTo(403);
        assertThat(coder.get("/pipeline").statusCode()).isEqualTo(403);
    }

    @Test
    void anAdminSeesDeadLettersPipelineAndQuarantineButNoPatientData() throws Exception {
        BrowserSession admin = new BrowserSession(port);
        admin.login("admin", "demo-admin");
        assertThat(admin.get("/dead-letters").body()).contains("claimflow.encounter.documented.v1");
        assertThat(admin.get("/dead-letters?service=claim-service&topic=claimflow.claim.denied.v1")
                        .body())
                .contains("claim-service does not answer");
        assertThat(admin.get("/dead-letters?service=claim-service&topic=nope").statusCode())
                .isEqualTo(400);
        assertThat(admin.get("/pipeline/status").body()).contains("claimflow.payment.posted.v1", "UNREACHABLE");
        assertThat(admin.get("/work/quarantine").statusCode()).isEqualTo(200);
        assertThat(admin.get("/encounters").statusCode()).isEqualTo(403);
        assertThat(admin.get("/patients").statusCode()).isEqualTo(403);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpRequest.Builder html(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
    }
}
