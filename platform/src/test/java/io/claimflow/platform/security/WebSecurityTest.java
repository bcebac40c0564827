package io.claimflow.platform.security;

import static io.claimflow.platform.PlatformHttp.client;
import static io.claimflow.platform.PlatformHttp.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.platform.PlatformTest;
import io.claimflow.platform.audit.AuditQuery;
import io.claimflow.platform.audit.AuditRecord;
import io.claimflow.platform.audit.AuditRecords;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/** The platform's default security on a running service: who gets in, and how refusals look. */
@PlatformTest
class WebSecurityTest {

    @LocalServerPort
    int port;

    @Autowired
    AuditRecords auditRecords;

    @Autowired
    org.springframework.security.core.userdetails.UserDetailsService users;

    @Test
    void healthIsOpenAndOtherActuatorEndpointsAreForAdmins() {
        assertThat(get(client(port, null), "/actuator/health").getStatusCode().value())
                .isIn(200, 503);
        assertThat(get(client(port, null), "/actuator/health/liveness")
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
        assertThat(get(client(port, null), "/actuator").getStatusCode().value()).isEqualTo(401);
        assertThat(get(client(port, "biller"), "/actuator").getStatusCode().value())
                .isEqualTo(403);
        assertThat(get(client(port, "admin"), "/actuator").getStatusCode().value())
                .isEqualTo(200);
    }

    @Test
    void missingOrWrongCredentialsGet401AsProblemDetail() {
        ResponseEntity<Map<String, Object>> anonymous = get(client(port, null), "/test/claims/{id}", "c-1");
        assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
        assertThat(anonymous.getHeaders().getContentType()).hasToString("application/problem+json;charset=UTF-8");
        assertThat(anonymous.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
                .startsWith("Basic");
        assertThat(anonymous.getBody())
                .containsEntry("status", 401)
                .containsEntry("title", "Unauthorized")
                .containsEntry("instance", "/test/claims/c-1");

        RestClient wrongPassword = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> {})
                .defaultHeaders(headers -> headers.setBasicAuth("biller", "not-the-password"))
                .build();
        assertThat(get(wrongPassword, "/test/claims/{id}", "c-1")
                        .getStatusCode()
                        .value())
                .isEqualTo(401);
    }

    @Test
    void wrongRoleGets403AsProblemDetailAndIsAuditedAsDenied() {
        ResponseEntity<Map<String, Object>> denied = get(client(port, "auditor"), "/test/claims/{id}", "c-denied");

        assertThat(denied.getStatusCode().value()).isEqualTo(403);
        assertThat(denied.getHeaders().getContentType()).hasToString("application/problem+json;charset=UTF-8");
        assertThat(denied.getBody()).containsEntry("status", 403).containsEntry("title", "Forbidden");
        AuditRecord record = auditRecords
                .search(new AuditQuery("auditor", "endpoint", "GET /test/claims/c-denied", null, null, null, 0, 10))
                .records()
                .get(0);
        assertThat(record.outcome()).isEqualTo(AuditRecord.Outcome.DENIED);
        assertThat(record.roles()).containsExactly("AUDITOR");
        assertThat(record.action()).isEqualTo("access");
    }

    @Test
    void adminPathsNeedAdminEvenBeforeMethodSecurity() {
        ResponseEntity<Map<String, Object>> denied = get(client(port, "biller"), "/admin/anything");
        assertThat(denied.getStatusCode().value()).isEqualTo(403);
        assertThat(auditRecords
                        .search(new AuditQuery("biller", "endpoint", "GET /admin/anything", null, null, null, 0, 10))
                        .total())
                .isEqualTo(1);
    }

    @Test
    void methodSecurityChecksRulesOnArgumentsOfPackagePrivateHandlers() {
        assertThat(get(client(port, "biller"), "/test/claims/{id}/owned", "c-1")
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
        assertThat(get(client(port, "biller"), "/test/claims/{id}/owned", "x-1")
                        .getStatusCode()
                        .value())
                .isEqualTo(403);
        assertThat(get(client(port, "coder"), "/test/claims/{id}/owned", "c-1")
                        .getStatusCode()
                        .value())
                .isEqualTo(403);
    }

    @Test
    void stateless() {
        ResponseEntity<Map<String, Object>> response = get(client(port, "biller"), "/test/claims/{id}", "c-1");
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getHeaders().get(HttpHeaders.SET_COOKIE)).isNull();
    }

    @Test
    void postsNeedNoCsrfToken() {
        ResponseEntity<Map<String, Object>> response = io.claimflow.platform.PlatformHttp.post(
                client(port, "biller"), "{\"reason\":\"ok\",\"amount\":10.00}", "/test/claims/{id}/release", "c-csrf");
        assertThat(response.getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void aLoginKeepsItsHashAfterUse() {
        // Spring Security re-hashes a password whose bcrypt cost is below its encoder's on the first successful
        // login; at cost 10 every later request then pays a slow check (issue 22)
        String before = users.loadUserByUsername("auditor").getPassword();
        assertThat(get(client(port, "auditor"), "/actuator/health")
                        .getStatusCode()
                        .value())
                .isIn(200, 503);
        assertThat(get(client(port, "auditor"), "/test/claims/{id}", "c-hash")
                        .getStatusCode()
                        .value())
                .isIn(200, 403);
        assertThat(users.loadUserByUsername("auditor").getPassword()).isEqualTo(before);
    }
}
