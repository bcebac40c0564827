package io.claimflow.console.readmodel.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.claimflow.console.kpi.KpiCalculator;
import io.claimflow.console.readmodel.ArAsOf;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import io.claimflow.testsupport.Infrastructure;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The A/R at the end of a KPI period from the daily balance series (V30, kept by triggers) is exactly the A/R summed
 * from the claims and their payments at that moment (the query {@link JdbcReadModel#arAsOf} ran before V30, kept here
 * as {@link #SUMMED}), at every day's end over a varied read model: originals, replacements and voids of earlier claims
 * (a replacement submitted before or after the claim it replaces arrives), self-pay claims, claims without a date of
 * service, payments before and after submission, on a day's first instant, over- and under-payments and reversals,
 * resubmissions that move a claim's submission and charge, rows written one at a time and in bulk, and deleted; and
 * the migration's backfill gives the same series.
 */
@ClaimFlowInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArDailySeriesTest {

    /** The A/R as JdbcReadModel summed it before V30: the claims that can be open at :to, with their payments. */
    static final String SUMMED = """
            WITH candidate AS (
                SELECT claim_id FROM claim WHERE submitted_at < :to
                    AND total_charge - paid_amount - patient_responsibility - contractual_adjustment > 0
                UNION
                SELECT claim_id FROM timeline_event WHERE kind = 'PAYMENT_POSTED' AND occurred_at >= :to
                UNION
                SELECT replaced_claim_id FROM claim WHERE replaced_claim_id IS NOT NULL AND submitted_at >= :to)
            SELECT COALESCE(SUM(open), 0) AS open_ar,
                COALESCE(SUM(CASE WHEN service_date < :agedBefore THEN open ELSE 0 END), 0) AS over90
            FROM (SELECT GREATEST(c.total_charge - COALESCE(p.paid, 0) - COALESCE(p.patient, 0)
                        - COALESCE(p.contractual, 0), 0) AS open,
                    COALESCE(c.date_of_service, CAST(c.submitted_at AT TIME ZONE 'UTC' AS date)) AS service_date
                FROM candidate JOIN claim c ON c.claim_id = candidate.claim_id
                LEFT JOIN LATERAL (SELECT SUM(paid_amount) AS paid, SUM(patient_responsibility) AS patient,
                        SUM(contractual_adjustment) AS contractual
                    FROM timeline_event t WHERE t.kind = 'PAYMENT_POSTED' AND t.claim_id = c.claim_id
                        AND t.occurred_at < :to) p ON true
                WHERE c.submitted_at < :to AND c.frequency NOT IN ('VOID', 'SELF_PAY')
                  AND NOT EXISTS (SELECT 1 FROM claim r WHERE r.replaced_claim_id = c.claim_id
                                  AND r.submitted_at < :to)) live
            """;

    private static final LocalDate FIRST = LocalDate.parse("2025-01-01");
    private static final int DAYS = 60;

    private JdbcClient jdbc;
    private JdbcReadModel readModel;

    @BeforeAll
    void readModel() {
        Infrastructure infrastructure = Infrastructure.get();
        String url = infrastructure.migratedJdbcUrl("console_ar_series", "classpath:db/migration");
        // one session for every statement, as a service's pooled connection: ar_refresh's plan, made once per session
        // (V40), is reused by every later claim and payment
        jdbc = JdbcClient.create(
                new SingleConnectionDataSource(url, infrastructure.username(), infrastructure.password(), true));
        readModel = new JdbcReadModel(jdbc);
        fill(new Random(21));
    }

    @Test
    void theSeriesGivesTheSummedArAtEveryDaysEnd() {
        everyDayAgrees();
    }

    @Test
    void theMigrationsBackfillGivesTheSameSeries() {
        jdbc.sql("DELETE FROM ar_day").update();
        jdbc.sql("DELETE FROM ar_claim_step").update();
        assertThat(readModel.arAsOf(midnight(FIRST.plusDays(60)), FIRST).open()).isEqualByComparingTo("0");
        jdbc.sql("SELECT ar_refresh(ARRAY(SELECT claim_id FROM claim))").query().listOfRows();
        everyDayAgrees();
    }

    @Test
    void theArIsKeptPerUtcDay() {
        assertThatThrownBy(() -> readModel.arAsOf(Instant.parse("2025-02-01T10:00:00Z"), FIRST))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void everyDayAgrees() {
        long nonZero = 0;
        for (int d = -1; d <= DAYS + 30; d++) {
            LocalDate last = FIRST.plusDays(d);
            Instant to = midnight(last.plusDays(1));
            for (LocalDate agedBefore : List.of(KpiCalculator.agedBefore(last), last.minusDays(20))) {
                ArAsOf summed = jdbc.sql(SUMMED)
                        .param("to", Timestamp.from(to))
                        .param("agedBefore", agedBefore)
                        .query((rs, n) -> new ArAsOf(
                                rs.getBigDecimal("open_ar").setScale(2),
                                rs.getBigDecimal("over90").setScale(2)))
                        .single();
                assertThat(readModel.arAsOf(to, agedBefore))
                        .as("A/R at the end of %s, aged before %s", last, agedBefore)
                        .isEqualTo(summed);
                nonZero += summed.over90().signum() != 0 ? 1 : 0;
            }
        }
        // the data exercise the part over 90 days too
        assertThat(nonZero).isGreaterThan(20);
    }

    private static Instant midnight(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** A random instant within the days, a quarter of them on a day's first instant. */
    private static Instant at(Random random, int fromDay, int toDay) {
        Instant day = midnight(FIRST.plusDays(fromDay + random.nextInt(Math.max(1, toDay - fromDay))));
        return random.nextInt(4) == 0 ? day : day.plusSeconds(random.nextInt(86_400));
    }

    private void fill(Random random) {
        List<String> claims = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            String claim = "c" + i;
            int day = random.nextInt(DAYS);
            Instant submitted = at(random, day, day + 1);
            String frequency = random.nextInt(10) == 0 ? "SELF_PAY" : "ORIGINAL";
            String replaced = null;
            if (!claims.isEmpty() && random.nextInt(6) == 0) {
                // a replacement or a void of an earlier claim (which may itself arrive later: ids ahead too)
                replaced = random.nextInt(5) == 0
                        ? "c" + (i + 1 + random.nextInt(5))
                        : claims.get(random.nextInt(claims.size()));
                frequency = random.nextInt(3) == 0 ? "VOID" : "REPLACEMENT";
            }
            LocalDate dos = random.nextInt(8) == 0 ? null : FIRST.plusDays(day - random.nextInt(150));
            BigDecimal charge = BigDecimal.valueOf(50 + random.nextInt(900)).setScale(2);
            claims.add(claim);
            if (i % 40 == 0) {
                // a bulk statement, as a fixture writes
                jdbc.sql("""
                        INSERT INTO claim (claim_id, encounter_id, tenant_id, payer_id, payer_name, frequency,
                            coding_version, state, submitted_at, date_of_service, total_charge)
                        SELECT :claim || '-b' || n, 'e', 't', 'P1', 'Payer', 'ORIGINAL', 1, 'SUBMITTED',
                            CAST(:at AS timestamptz) + n * interval '7 hours', :dos, :charge + n
                        FROM generate_series(1, 20) n
                        """)
                        .param("claim", claim)
                        .param("at", Timestamp.from(submitted))
                        .param("dos", dos)
                        .param("charge", charge)
                        .update();
                jdbc.sql("""
                        INSERT INTO timeline_event (event_id, topic, kind, encounter_id, claim_id, tenant_id,
                            occurred_at, summary, paid_amount, patient_responsibility, contractual_adjustment)
                        SELECT :claim || '-p' || n, 'payments', 'PAYMENT_POSTED', 'e', :claim || '-b' || n, 't',
                            CAST(:at AS timestamptz) + n * interval '3 days', 'paid', 10 * n, 5, CASE WHEN n % 3 = 0
                            THEN NULL ELSE 2 END
                        FROM generate_series(1, 20) n
                        """)
                        .param("claim", claim)
                        .param("at", Timestamp.from(submitted))
                        .update();
            }
            // an answer can overtake its submission: some payments are written first
            boolean paymentsFirst = random.nextInt(5) == 0;
            if (!paymentsFirst) {
                insertClaim(claim, frequency, replaced, submitted, dos, charge);
            }
            int payments = random.nextInt(4);
            for (int p = 0; p < payments; p++) {
                Instant paidAt = at(random, day - 2, day + 60);
                int kind = random.nextInt(6);
                BigDecimal paid = switch (kind) {
                    case 0 -> charge.negate(); // a reversal
                    case 1 -> charge.add(BigDecimal.TEN); // an overpayment
                    default ->
                        charge.multiply(BigDecimal.valueOf(random.nextInt(60), 2))
                                .setScale(2, java.math.RoundingMode.HALF_UP);
                };
                jdbc.sql("""
                        INSERT INTO timeline_event (event_id, topic, kind, encounter_id, claim_id, tenant_id,
                            occurred_at, summary, paid_amount, patient_responsibility, contractual_adjustment)
                        VALUES (:id, 'payments', 'PAYMENT_POSTED', 'e', :claim, 't', :at, 'paid', :paid, :patient,
                            :contractual)
                        """)
                        .param("id", claim + "-pay" + p)
                        .param("claim", claim)
                        .param("at", Timestamp.from(paidAt))
                        .param("paid", paid)
                        .param("patient", BigDecimal.valueOf(random.nextInt(30)).setScale(2))
                        .param("contractual", random.nextInt(3) == 0 ? null : BigDecimal.valueOf(random.nextInt(80)))
                        .update();
                // a denial or other event is not a payment
                jdbc.sql("""
                        INSERT INTO timeline_event (event_id, topic, kind, encounter_id, claim_id, tenant_id,
                            occurred_at, summary, paid_amount)
                        VALUES (:id, 'denials', 'DENIED', 'e', :claim, 't', :at, 'denied', 999)
                        """)
                        .param("id", claim + "-den" + p)
                        .param("claim", claim)
                        .param("at", Timestamp.from(paidAt))
                        .update();
            }
            if (paymentsFirst) {
                insertClaim(claim, frequency, replaced, submitted, dos, charge);
            }
            // the claim's columns follow its payments, as ReadModelWriter keeps them
            jdbc.sql("""
                    UPDATE claim SET paid_amount = COALESCE(p.paid, 0), patient_responsibility = COALESCE(p.patient, 0),
                        contractual_adjustment = COALESCE(p.contractual, 0)
                    FROM (SELECT SUM(paid_amount) AS paid, SUM(patient_responsibility) AS patient,
                            SUM(contractual_adjustment) AS contractual
                        FROM timeline_event WHERE kind = 'PAYMENT_POSTED' AND claim_id = :claim) p
                    WHERE claim_id = :claim
                    """).param("claim", claim).update();
            if (random.nextInt(12) == 0) {
                // resubmitted: an earlier submission time and a new charge
                jdbc.sql("""
                        UPDATE claim SET submitted_at = submitted_at - interval '26 hours',
                            total_charge = total_charge + 15 WHERE claim_id = :claim
                        """).param("claim", claim).update();
            }
        }
        // rows removed again: a claim, and the payments of another
        jdbc.sql("DELETE FROM claim WHERE claim_id IN ('c7', 'c40-b3')").update();
        jdbc.sql("DELETE FROM timeline_event WHERE claim_id = 'c11' AND kind = 'PAYMENT_POSTED'")
                .update();
        jdbc.sql("UPDATE claim SET paid_amount = 0, patient_responsibility = 0, contractual_adjustment = 0"
                        + " WHERE claim_id = 'c11'")
                .update();
    }

    private void insertClaim(
            String claim, String frequency, String replaced, Instant submitted, LocalDate dos, BigDecimal charge) {
        jdbc.sql("""
                INSERT INTO claim (claim_id, encounter_id, tenant_id, payer_id, payer_name, frequency,
                    replaced_claim_id, coding_version, state, submitted_at, date_of_service, total_charge)
                VALUES (:claim, 'e', 't', 'P1', 'Payer', :frequency, :replaced, 1, 'SUBMITTED', :at, :dos, :charge)
                """)
                .param("claim", claim)
                .param("frequency", frequency)
                .param("replaced", replaced)
                .param("at", Timestamp.from(submitted))
                .param("dos", dos)
                .param("charge", charge)
                .update();
    }
}
