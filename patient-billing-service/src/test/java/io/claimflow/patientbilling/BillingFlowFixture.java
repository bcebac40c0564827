package io.claimflow.patientbilling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.client.RestClient;

/**
 * What the service's flow tests ({@link PatientBillingFlowTest}, {@link SelfPayBillingFlowTest}) share: a tenant and
 * an encounter of each test's own (so tests and classes do not see each other's data), events published keyed by the
 * encounter, a patient-accounts client, and the ledger read back.
 */
abstract class BillingFlowFixture {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    JdbcClient jdbc;

    RestClient http;
    String tenant;
    String encounter;

    @BeforeEach
    void newTenantAndEncounter() {
        http = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultHeaders(h -> h.setBasicAuth("patient-accounts", "demo-patient-accounts"))
                .build();
        tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        encounter = "enc-" + UUID.randomUUID();
    }

    void publish(String topic, Object event) {
        try {
            kafka.send(topic, encounter, event).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The patient account of {@code claimId}, once the service has registered the claim. */
    long awaitAccount(String claimId) {
        return await().atMost(WAIT)
                .until(
                        () -> jdbc.sql("SELECT account_id FROM claim WHERE tenant_id = ? AND claim_id = ?")
                                .params(tenant, claimId)
                                .query(Long.class)
                                .optional()
                                .orElse(null),
                        id -> id != null);
    }

    /** The account's balance over REST, written with its two decimals. */
    BigDecimal balance(long account) {
        String body =
                http.get().uri("/patient-accounts/{id}", account).retrieve().body(String.class);
        // the service writes amounts with their two decimals; the client's generic JSON reader would drop them
        assertThat(body).containsPattern("\"balance\":-?[0-9]+\\.[0-9]{2}[,}]");
        return money(http.get()
                .uri("/patient-accounts/{id}", account)
                .retrieve()
                .body(JSON)
                .get("balance"));
    }

    static BigDecimal money(Object amount) {
        return new BigDecimal(amount.toString());
    }

    /** Sum of the lines on {@code ledgerAccount} of every claim of this test's encounter. */
    BigDecimal visitTotal(String ledgerAccount) {
        return jdbc.sql(
                        "SELECT coalesce(sum(l.amount), 0) FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id "
                                + "JOIN claim c ON c.tenant_id = e.tenant_id AND c.claim_id = e.claim_id "
                                + "WHERE e.tenant_id = ? AND c.encounter_id = ? AND l.ledger_account = ?")
                .params(tenant, encounter, ledgerAccount)
                .query(BigDecimal.class)
                .single();
    }

    /** Sum of the lines on {@code ledgerAccount} of {@code claimId}. */
    BigDecimal claimTotal(String claimId, String ledgerAccount) {
        return jdbc.sql("SELECT coalesce(sum(l.amount), 0) FROM journal_line l JOIN journal_entry e "
                        + "ON e.id = l.entry_id WHERE e.tenant_id = ? AND e.claim_id = ? AND l.ledger_account = ?")
                .params(tenant, claimId, ledgerAccount)
                .query(BigDecimal.class)
                .single();
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
