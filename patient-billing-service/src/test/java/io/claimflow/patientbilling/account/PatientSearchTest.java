package io.claimflow.patientbilling.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.testsupport.ClaimFlowInfrastructure;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/**
 * Finding a patient's account as staff are asked (issue 21 item 1): by name (any word's start, in any order), date of
 * birth, MRN, account number and statement number, with paging and a total, across tenants or in one; the tenants
 * that have accounts; bad input a 400. A tenant of its own, so other tests' accounts do not count.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_patient_billing")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PatientSearchTest {

    private static final String TENANT = "ps-" + UUID.randomUUID().toString().substring(0, 8);
    private static final ParameterizedTypeReference<Map<String, Object>> PAGE = new ParameterizedTypeReference<>() {};

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    RestClient http;
    long maria;
    long statement;

    @BeforeAll
    void accounts() {
        http = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultHeaders(h -> h.setBasicAuth("patient-accounts", "demo-patient-accounts"))
                .build();
        maria = account("MRN-100", "Maria Lopez Garcia", "1961-07-22");
        account("MRN-101", "Mario Lopez", "1970-01-01");
        account("MRN-200", "Ana Maria Smith", "1961-07-22");
        for (int i = 0; i < 30; i++) {
            account("MRN-3" + String.format("%02d", i), "Patient Number" + i, null);
        }
        statement = jdbc.sql("""
                INSERT INTO statement (tenant_id, account_id, statement_date, due_date, previous_balance,
                    payments_since, credit, balance, minimum_due) VALUES (?, ?, '2026-02-28', '2026-03-21', 0, 0, 0,
                    45.00, 25.00) RETURNING id""").params(TENANT, maria).query(Long.class).single();
    }

    @Test
    void byNameWordsInAnyOrderDateOfBirthMrnAccountAndStatementNumber() {
        assertThat(names(find("name=lopez mar"))).containsExactlyInAnyOrder("Maria Lopez Garcia", "Mario Lopez");
        assertThat(names(find("name=MARIA"))).containsExactlyInAnyOrder("Maria Lopez Garcia", "Ana Maria Smith");
        assertThat(names(find("name=aria"))).isEmpty();
        assertThat(names(find("birthDate=1961-07-22")))
                .containsExactlyInAnyOrder("Maria Lopez Garcia", "Ana Maria Smith");
        assertThat(names(find("birthDate=1961-07-22&name=smith"))).containsExactly("Ana Maria Smith");
        assertThat(names(find("mrn=MRN-10"))).containsExactlyInAnyOrder("Maria Lopez Garcia", "Mario Lopez");
        assertThat(names(find("accountNumber=" + TENANT + "-" + maria))).containsExactly("Maria Lopez Garcia");
        assertThat(names(find("accountNumber=other-tenant-" + maria))).isEmpty();
        assertThat(names(find("statementId=" + statement))).containsExactly("Maria Lopez Garcia");
    }

    @Test
    void pagedSortedAndCounted() {
        Map<String, Object> page = find("mrn=MRN-3&sort=-id&size=10&page=1");
        assertThat(page.get("total")).isEqualTo(30);
        assertThat(names(page)).hasSize(10).first().isEqualTo("Patient Number19");
        assertThat(http.get()
                        .uri("/patient-accounts/tenants")
                        .retrieve()
                        .body(new ParameterizedTypeReference<List<String>>() {}))
                // every practice once, in order (a skip scan through the index, not a DISTINCT over every account)
                .contains(TENANT)
                .doesNotHaveDuplicates()
                .isSorted();
    }

    @Test
    void badInputIsA400() {
        for (String query :
                List.of("name=<script>", "birthDate=1850-01-01", "sort=guarantor_name", "size=201", "statementId=-1")) {
            int status = http.get()
                    .uri("/patient-accounts/search?" + query)
                    .exchange((request, response) -> response.getStatusCode().value());
            assertThat(status).as(query).isEqualTo(400);
        }
    }

    private Map<String, Object> find(String query) {
        return http.get()
                .uri("/patient-accounts/search?tenantId=" + TENANT + "&" + query)
                .retrieve()
                .body(PAGE);
    }

    @SuppressWarnings("unchecked")
    private static List<String> names(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("items"))
                .stream().map(m -> (String) m.get("name")).toList();
    }

    private long account(String mrn, String name, String birthDate) {
        return jdbc.sql("INSERT INTO patient_account (tenant_id, patient_ref, guarantor_name, birth_date)"
                        + " VALUES (?, ?, ?, CAST(? AS date)) RETURNING id")
                .params(TENANT, mrn, name, birthDate)
                .query(Long.class)
                .single();
    }
}
