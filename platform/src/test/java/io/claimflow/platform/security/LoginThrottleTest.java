package io.claimflow.platform.security;

import static io.claimflow.platform.PlatformHttp.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.platform.PlatformTest;
import io.claimflow.platform.audit.AuditQuery;
import io.claimflow.platform.audit.AuditRecord;
import io.claimflow.platform.audit.AuditRecords;
import io.claimflow.testsupport.LogCapture;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;

/**
 * Failed logins are throttled per user name and per client address (issue 19, item 7): 30 wrong passwords and then
 * the right one no longer gets in; every 401 is logged and audited with ids only, never the password.
 */
@PlatformTest
@TestPropertySource(
        properties = {
            "claimflow.security.login-throttle.max-failures=5",
            "claimflow.security.login-throttle.max-failures-per-address=12",
            "claimflow.security.login-throttle.first-lockout=30s"
        })
class LoginThrottleTest {

    static final String WRONG_PASSWORD = "Wr0ngPassw0rd-7731";

    @LocalServerPort
    int port;

    @Autowired
    AuditRecords auditRecords;

    @Autowired
    LoginThrottle throttle;

    @BeforeEach
    void forgetEarlierFailures() {
        for (String key : List.of("address:127.0.0.1", "address:0:0:0:0:0:0:0:1", "user:coder")) {
            throttle.succeeded(key);
        }
    }

    RestClient as(String user, String password) {
        return RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> {})
                .defaultHeaders(headers -> headers.setBasicAuth(user, password))
                .build();
    }

    @Test
    void wrongPasswordsLockTheUserOutEvenForTheRightOneAndAreLoggedAndAudited() {
        try (LogCapture logs = LogCapture.start()) {
            for (int i = 0; i < 5; i++) {
                assertThat(get(as("coder", WRONG_PASSWORD), "/test/claims/{id}", "c-1")
                                .getStatusCode()
                                .value())
                        .isEqualTo(401);
            }
            ResponseEntity<Map<String, Object>> right = get(as("coder", "demo-coder"), "/test/claims/{id}", "c-1");

            assertThat(right.getStatusCode().value()).isEqualTo(429);
            assertThat(Long.parseLong(right.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)))
                    .isBetween(1L, 30L);
            assertThat(right.getBody()).containsEntry("status", 429).containsEntry("title", "Too many failed logins");
            assertThat(logs.eventsContaining("401 failed login: user coder")).hasSize(5);
            logs.assertNoneContain(List.of(WRONG_PASSWORD, "demo-coder"));
        }
        List<AuditRecord> failures = auditRecords
                .search(new AuditQuery(null, "user", "coder", "login-failed", null, null, 0, 50))
                .records();
        assertThat(failures).hasSize(5).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(AuditRecord.Outcome.DENIED));
        assertThat(auditRecords
                        .search(new AuditQuery(null, "user", "coder", "login-throttled", null, null, 0, 50))
                        .records())
                .hasSize(1);
        // another user from the same address still gets in (below the address limit)
        assertThat(get(as("biller", "demo-biller"), "/test/claims/{id}", "c-1")
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
    }

    @Test
    void manyUserNamesFromOneAddressLockTheAddressOut() {
        for (int i = 0; i < 12; i++) {
            get(as("nobody-" + i, WRONG_PASSWORD), "/test/claims/{id}", "c-1");
        }
        assertThat(get(as("auditor", "demo-auditor"), "/test/claims/{id}", "c-1")
                        .getStatusCode()
                        .value())
                .isEqualTo(429);
        // without credentials nothing is tried, so nothing is throttled: still the 401 challenge
        assertThat(get(
                                RestClient.builder()
                                        .baseUrl("http://localhost:" + port)
                                        .defaultStatusHandler(status -> true, (request, response) -> {})
                                        .build(),
                                "/test/claims/{id}",
                                "c-1")
                        .getStatusCode()
                        .value())
                .isEqualTo(401);
    }

    @Test
    void theLockoutGrowsWithEachFurtherFailureUpToTheMaximum() {
        MutableClock clock = new MutableClock();
        LoginThrottle local = new LoginThrottle(
                new LoginThrottleProperties(
                        true, 3, 20, Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofMinutes(15), 1000),
                clock);

        assertThat(local.failed("user:x", 3)).isZero();
        assertThat(local.failed("user:x", 3)).isZero();
        assertThat(local.failed("user:x", 3)).isEqualTo(Duration.ofSeconds(10));
        assertThat(local.failed("user:x", 3)).isEqualTo(Duration.ofSeconds(20));
        assertThat(local.failed("user:x", 3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(local.failed("user:x", 3)).isEqualTo(Duration.ofSeconds(60));
        clock.now = clock.now.plusSeconds(59);
        assertThat(local.lockedFor("user:x")).isEqualTo(Duration.ofSeconds(1));
        clock.now = clock.now.plusSeconds(1);
        assertThat(local.lockedFor("user:x")).isZero();
        local.succeeded("user:x");
        assertThat(local.failed("user:x", 3)).isZero();
    }

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-03-10T09:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
