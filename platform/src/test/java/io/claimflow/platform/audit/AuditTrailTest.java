package io.claimflow.platform.audit;

import static io.claimflow.platform.PlatformHttp.client;
import static io.claimflow.platform.PlatformHttp.get;
import static io.claimflow.platform.PlatformHttp.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.claimflow.platform.PlatformTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** The audit trail: written for reads, changes and refusals, searchable by AUDITOR only, append-only. */
@PlatformTest
class AuditTrailTest {

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    AuditTrail auditTrail;

    @Test
    void theRealTrailIsTheJdbcOne() {
        assertThat(auditTrail).isInstanceOf(JdbcAuditTrail.class);
    }

    @Test
    void aClaimReadByABillerIsFoundByTheAuditor() {
        String claimId = "c-" + UUID.randomUUID();
        Instant before = Instant.now().minusSeconds(1);
        assertThat(get(client(port, "biller"), "/test/claims/{id}", claimId)
                        .getStatusCode()
                        .value())
                .isEqualTo(200);

        ResponseEntity<Map<String, Object>> found = get(
                client(port, "auditor"),
                "/audit/records?resourceType=claim&resourceId={id}&user=biller&action=read&from={from}",
                claimId,
                before);

        assertThat(found.getStatusCode().value()).isEqualTo(200);
        assertThat(found.getBody())
                .containsEntry("total", 1)
                .containsEntry("page", 0)
                .containsEntry("size", 50);
        @SuppressWarnings("unchecked")
        Map<String, Object> record =
                ((List<Map<String, Object>>) found.getBody().get("records")).get(0);
        assertThat(record)
                .containsEntry("username", "biller")
                .containsEntry("roles", List.of("BILLER"))
                .containsEntry("action", "read")
                .containsEntry("resourceType", "claim")
                .containsEntry("resourceId", claimId)
                .containsEntry("outcome", "SUCCESS")
                .containsEntry("service", "platform-test");
        assertThat(Instant.parse((String) record.get("occurredAt"))).isAfter(before);
    }

    @Test
    void aChangeIsRecordedWithItsAction() {
        String claimId = "c-" + UUID.randomUUID();
        assertThat(post(
                                client(port, "biller"),
                                "{\"reason\":\"checked\",\"amount\":120.50}",
                                "/test/claims/{id}/release",
                                claimId)
                        .getStatusCode()
                        .value())
                .isEqualTo(200);

        AuditPage page = new AuditRecords(new JdbcTemplate(dataSource))
                .search(new AuditQuery(null, "claim", claimId, null, null, null, 0, 10));
        assertThat(page.records()).extracting(AuditRecord::action).containsExactly("claim.released");
    }

    @Test
    void readsInsideReadOnlyTransactionsAreRecordedToo() {
        String claimId = "c-" + UUID.randomUUID();
        org.springframework.transaction.support.TransactionTemplate readOnly =
                new org.springframework.transaction.support.TransactionTemplate(
                        new org.springframework.jdbc.datasource.DataSourceTransactionManager(dataSource));
        readOnly.setReadOnly(true);
        readOnly.executeWithoutResult(status -> auditTrail.read("claim", claimId));

        assertThat(new AuditRecords(new JdbcTemplate(dataSource))
                        .search(new AuditQuery(null, "claim", claimId, "read", null, null, 0, 10))
                        .records())
                .extracting(AuditRecord::username)
                .containsExactly("system");
    }

    @Test
    void aPageOfReadsInsideAReadOnlyTransactionIsOneRecordPerResource() {
        String first = "c-" + UUID.randomUUID();
        String second = "c-" + UUID.randomUUID();
        org.springframework.transaction.support.TransactionTemplate readOnly =
                new org.springframework.transaction.support.TransactionTemplate(
                        new org.springframework.jdbc.datasource.DataSourceTransactionManager(dataSource));
        readOnly.setReadOnly(true);
        readOnly.executeWithoutResult(status -> auditTrail.readAll("claim", List.of(first, second)));
        auditTrail.readAll("claim", List.of());

        for (String claimId : List.of(first, second)) {
            assertThat(new AuditRecords(new JdbcTemplate(dataSource))
                            .search(new AuditQuery(null, "claim", claimId, "read", null, null, 0, 10))
                            .records())
                    .extracting(AuditRecord::username, AuditRecord::outcome, AuditRecord::service)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(
                            "system", AuditRecord.Outcome.SUCCESS, "platform-test"));
        }
    }

    @Test
    void aChangeRolledBackLeavesNoRecord() {
        String claimId = "c-" + UUID.randomUUID();
        org.springframework.transaction.support.TransactionTemplate transaction =
                new org.springframework.transaction.support.TransactionTemplate(
                        new org.springframework.jdbc.datasource.DataSourceTransactionManager(dataSource));
        transaction.executeWithoutResult(status -> {
            auditTrail.changed("claim.released", "claim", claimId);
            status.setRollbackOnly();
        });

        assertThat(new AuditRecords(new JdbcTemplate(dataSource))
                        .search(new AuditQuery(null, "claim", claimId, null, null, null, 0, 10))
                        .total())
                .isZero();
    }

    @Test
    void searchFiltersByTimeAndPages() {
        String claimId = "c-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            get(client(port, "coder"), "/test/claims/{id}", claimId);
        }
        AuditRecords records = new AuditRecords(new JdbcTemplate(dataSource));
        AuditPage first = records.search(new AuditQuery("coder", "claim", claimId, "read", null, null, 0, 2));
        AuditPage second = records.search(new AuditQuery("coder", "claim", claimId, "read", null, null, 1, 2));
        assertThat(first.total()).isEqualTo(3);
        assertThat(first.records()).hasSize(2);
        assertThat(second.records()).hasSize(1);
        assertThat(first.records().get(0).id())
                .isGreaterThan(first.records().get(1).id());
        assertThat(records.search(new AuditQuery(
                                null, "claim", claimId, null, Instant.now().plusSeconds(60), null, 0, 10))
                        .total())
                .isZero();
    }

    @Test
    void onlyTheAuditorSearchesAndBadParametersAreProblems() {
        assertThat(get(client(port, "biller"), "/audit/records").getStatusCode().value())
                .isEqualTo(403);
        assertThat(get(client(port, "admin"), "/audit/records").getStatusCode().value())
                .isEqualTo(403);
        assertThat(get(client(port, null), "/audit/records").getStatusCode().value())
                .isEqualTo(401);

        ResponseEntity<Map<String, Object>> badSize = get(client(port, "auditor"), "/audit/records?size=0");
        assertThat(badSize.getStatusCode().value()).isEqualTo(400);
        assertThat(badSize.getBody()).containsEntry("detail", "size must be between 1 and 500");
        ResponseEntity<Map<String, Object>> badTime = get(client(port, "auditor"), "/audit/records?from=yesterday");
        assertThat(badTime.getStatusCode().value()).isEqualTo(400);
        assertThat(badTime.getBody()).containsEntry("detail", "'from' must be a valid Instant");
    }

    // the application's role has no UPDATE, DELETE or TRUNCATE privilege (DatabaseRolesTest); the owner's triggers
    // refuse them too
    static final String REFUSED = "(?s).*(append-only|permission denied).*";

    @Test
    void theDatabaseRefusesUpdateDeleteAndTruncate() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        String claimId = "c-" + UUID.randomUUID();
        get(client(port, "biller"), "/test/claims/{id}", claimId);
        String table = "claimflow_platform.audit_record";

        assertThatThrownBy(() ->
                        jdbc.update("UPDATE " + table + " SET username = 'someone' WHERE resource_id = ?", claimId))
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageMatching(REFUSED);
        assertThatThrownBy(() -> jdbc.update("DELETE FROM " + table + " WHERE resource_id = ?", claimId))
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageMatching(REFUSED);
        assertThatThrownBy(() -> jdbc.execute("TRUNCATE " + table))
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageMatching(REFUSED);
        assertThat(jdbc.queryForObject(
                        "SELECT username FROM " + table + " WHERE resource_id = ?", String.class, claimId))
                .isEqualTo("biller");
    }
}
