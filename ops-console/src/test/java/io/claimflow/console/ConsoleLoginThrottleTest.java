package io.claimflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.platform.audit.AuditQuery;
import io.claimflow.platform.audit.AuditRecords;
import io.claimflow.platform.security.LoginThrottle;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import io.claimflow.testsupport.LogCapture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The platform's login throttling holds for the console's own chains too (issue 19, item 7): failed form logins
 * (which end in a redirect, not a 401) and failed Basic logins count per user name and client address with the same
 * {@link LoginThrottle}; while locked out even the right password is refused, the login page says why (no 500); every
 * failure and refusal is logged and audited with ids only, a name that is no configured user only as a digest.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_console")
class ConsoleLoginThrottleTest {

    private static final String WRONG = "Wr0ngPassw0rd-5518";

    @LocalServerPort
    int port;

    @Autowired
    LoginThrottle throttle;

    @Autowired
    AuditRecords auditRecords;

    @BeforeEach
    @AfterEach
    void forgetFailures() {
        for (String key : List.of(
                "address:127.0.0.1", "address:0:0:0:0:0:0:0:1", "user:biller", "user:coder", "user:janepatient1950")) {
            throttle.succeeded(key);
        }
    }

    @Test
    void wrongPasswordsOnTheLoginFormLockTheUserOutEvenForTheRightOneWithAClearMessage() throws Exception {
        BrowserSession browser = new BrowserSession(port);
        try (LogCapture logs = LogCapture.start()) {
            for (int i = 0; i < 5; i++) {
                assertThat(browser.login("biller", WRONG)
                                .headers()
                                .firstValue("Location")
                                .orElse(""))
                        .contains("/login?");
            }
            HttpResponse<String> right = browser.login("biller", "demo-biller");
            assertThat(right.statusCode()).isEqualTo(302);
            assertThat(right.headers().firstValue("Location").orElse("")).endsWith("/login?locked");
            assertThat(browser.get("/kpis").statusCode()).as("not logged in").isEqualTo(302);
            HttpResponse<String> page = browser.get("/login?locked");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Too many failed logins");

            assertThat(logs.eventsContaining("failed login: user biller")).hasSize(5);
            assertThat(logs.eventsContaining("Login refused while locked out: user biller"))
                    .hasSize(1);
            logs.assertNoneContain(List.of(WRONG, "demo-biller"));
        }
        assertThat(auditRecords
                        .search(new AuditQuery(null, "user", "biller", "login-failed", null, null, 0, 50))
                        .records())
                .hasSizeGreaterThanOrEqualTo(5);
        assertThat(auditRecords
                        .search(new AuditQuery(null, "user", "biller", "login-throttled", null, null, 0, 50))
                        .records())
                .isNotEmpty();
    }

    @Test
    void wrongBasicPasswordsLockTheUserOutOfTheApiChain() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 5; i++) {
            assertThat(http.send(api("coder", WRONG), HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .isEqualTo(401);
        }
        HttpResponse<String> right = http.send(api("coder", "demo-coder"), HttpResponse.BodyHandlers.ofString());
        assertThat(right.statusCode()).isEqualTo(429);
        assertThat(right.headers().firstValue("Retry-After")).isPresent();
        assertThat(right.body()).contains("Too many failed logins");
    }

    @Test
    void aNameThatIsNoUserIsLoggedOnlyAsADigestAndAudited() throws Exception {
        BrowserSession browser = new BrowserSession(port);
        try (LogCapture logs = LogCapture.start()) {
            browser.login("JanePatient1950", WRONG);
            assertThat(logs.eventsContaining("failed login: user unknown#")).hasSize(1);
            logs.assertNoneContain(List.of("janepatient", "JanePatient", WRONG));
        }
        assertThat(auditRecords
                        .search(new AuditQuery(null, "user", "janepatient1950", "login-failed", null, null, 0, 50))
                        .records())
                .isNotEmpty();
    }

    private HttpRequest api(String user, String password) {
        String basic =
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(uri("/kpis"))
                .header("Accept", "application/json")
                .header("Authorization", basic)
                .build();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
