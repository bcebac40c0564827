package io.claimflow.e2e;

import io.claimflow.testsupport.Infrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

/**
 * The console's lists at a practice's volume, for {@link ConsoleListsBenchmark} and the browser test of every role:
 * fills, with SQL set operations in each service's own database (seconds for 100,000 claims), what the list and KPI
 * pages read:
 *
 * <ul>
 *   <li>the console's read model ({@code /encounters}, {@code /kpis}, the payer and practice filters): {@code n}
 *   encounters, {@code n} claims, and their events (all submitted, 62 % paid, 18 % denied or rejected);
 *   <li>claim-service ({@code /claims}, {@code /work/held}, {@code /work/denials}): {@code n} claims, 3 % held with a
 *   scrubber finding each, 11 % with open denial or rejection work;
 *   <li>patient-billing-service ({@code /patients}): {@code 0.4 n} patient accounts with names and birth dates.
 * </ul>
 *
 * The spread: four practices, eight payers (unevenly), dates of service over the past year, charges 45 to 745; 55 %
 * paid, 7 % partly paid, 15 % waiting for the payer, 8 % denied, 3 % rejected, 3 % held, 2 % appealed, 2 % written
 * off, 5 % closed. Claims are {@code clm-bm-0000001} onwards (encounters {@code enc-bm-...}), patients
 * {@code MRN000001} onwards: ids no workload generates.
 */
final class ConsoleVolume {

    private ConsoleVolume() {}

    /** Fills the three databases with {@code claims} claims; returns the milliseconds it took. */
    static long fill(Infrastructure infrastructure, int claims) throws Exception {
        long began = System.nanoTime();
        fill(infrastructure, Pipeline.CONSOLE.database(), consoleReadModel(), claims);
        fill(infrastructure, Pipeline.CLAIM.database(), claimService(), claims);
        fill(infrastructure, Pipeline.PATIENT_BILLING.database(), patientAccounts(), claims);
        return (System.nanoTime() - began) / 1_000_000;
    }

    /** The claim number of the {@code i}th claim filled (1-based). */
    static String claimId(int i) {
        return String.format("clm-bm-%07d", i);
    }

    private static void fill(Infrastructure infrastructure, String database, List<String> statements, int claims)
            throws Exception {
        try (Connection connection = DriverManager.getConnection(
                        infrastructure.jdbcUrl(database), infrastructure.username(), infrastructure.password());
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql.replace("#N#", Integer.toString(claims)));
            }
        }
    }

    /**
     * As autovacuum leaves a table that has settled: statistics, and the visibility map that lets an index-only scan
     * (a count, a deep page's keys) answer from the index without visiting each row.
     */
    private static final String SETTLED = "VACUUM ANALYZE";

    // ---- the spread, in SQL over generate_series(1, n) as i ----

    /** Four practices. */
    private static final String TENANT =
            "(ARRAY['riverside-fm','lakeside-peds','northgate-im','harbor-ortho'])[1 + i % 4]";

    /** Eight payers, the first ones more often (i*i spreads them unevenly). */
    private static final String PAYER_INDEX = "(1 + (i::bigint * i) % 8)";

    private static final String PAYER_ID =
            "(ARRAY['BKHP1','AETNA1','CIGNA1','UHC1','MCR-OH','MCD-OH','HUMANA1'," + "'ANTHEM1'])[" + PAYER_INDEX + "]";
    private static final String PAYER_NAME = "(ARRAY['Buckeye Health Plan','Aetna','Cigna','UnitedHealthcare',"
            + "'Medicare Ohio','Medicaid Ohio','Humana','Anthem'])[" + PAYER_INDEX + "]";

    /** Dates of service over the past year. */
    private static final String DOS = "(current_date - (i % 365))";

    /** claim-service's status: most paid, then waiting, denied, rejected, held and closed ones. */
    private static final String STATUS = "CASE WHEN i % 100 < 55 THEN 'PAID' WHEN i % 100 < 62 THEN 'PARTIALLY_PAID'"
            + " WHEN i % 100 < 72 THEN 'SUBMITTED' WHEN i % 100 < 77 THEN 'ACKNOWLEDGED' WHEN i % 100 < 85 THEN"
            + " 'DENIED' WHEN i % 100 < 88 THEN 'REJECTED' WHEN i % 100 < 91 THEN 'HELD' WHEN i % 100 < 93 THEN"
            + " 'APPEALED' WHEN i % 100 < 95 THEN 'WRITTEN_OFF' ELSE 'CLOSED' END";

    /** Charges from 45.00 to about 745.00. */
    private static final String CHARGE = "(45 + (i * 37) % 700)::numeric(12,2)";

    private static final String SERIES = " FROM generate_series(1, #N#) AS i";

    private static List<String> consoleReadModel() {
        return List.of(
                "INSERT INTO encounter (encounter_id, tenant_id, date_of_service, documented_at, coding_version,"
                        + " first_paid_at) SELECT 'enc-bm-' || lpad(i::text, 7, '0'), " + TENANT + ", " + DOS + ","
                        + " " + DOS + " + time '18:00' + interval '1 day', 1,"
                        + " CASE WHEN i % 100 < 62 THEN " + DOS + " + interval '25 days' END" + SERIES,
                "INSERT INTO claim (claim_id, encounter_id, tenant_id, patient_control_number, payer_id, payer_name,"
                        + " frequency, coding_version, state, submitted_at, date_of_service, total_charge, paid_amount,"
                        + " patient_responsibility, contractual_adjustment, denial_count, front_end_rejected,"
                        + " last_denial_category, last_denial_carcs, first_answer_at, last_paid_at)"
                        + " SELECT 'clm-bm-' || lpad(i::text, 7, '0'), 'enc-bm-' || lpad(i::text, 7, '0'), " + TENANT
                        + ", 'BM' || lpad(i::text, 9, '0'), " + PAYER_ID + ", " + PAYER_NAME + ", 'ORIGINAL', 1,"
                        + " CASE WHEN i % 100 < 55 THEN 'PAID' WHEN i % 100 < 62 THEN 'PARTIALLY_PAID'"
                        + " WHEN i % 100 < 77 THEN 'SUBMITTED' WHEN i % 100 < 85 THEN 'DENIED'"
                        + " WHEN i % 100 < 88 THEN 'REJECTED' ELSE 'SUBMITTED' END,"
                        + " " + DOS + " + interval '2 days', " + DOS + ", " + CHARGE + ","
                        + " CASE WHEN i % 100 < 62 THEN round(" + CHARGE + " * 0.6, 2) ELSE 0 END,"
                        + " CASE WHEN i % 100 < 62 THEN round(" + CHARGE + " * 0.1, 2) ELSE 0 END,"
                        + " CASE WHEN i % 100 < 62 THEN " + CHARGE + " - round(" + CHARGE + " * 0.6, 2) - round("
                        + CHARGE + " * 0.1, 2) ELSE 0 END,"
                        + " CASE WHEN i % 100 BETWEEN 55 AND 61 OR i % 100 BETWEEN 77 AND 87 THEN 1 ELSE 0 END,"
                        + " i % 100 BETWEEN 85 AND 87,"
                        + " CASE WHEN i % 100 BETWEEN 77 AND 84 THEN 'MISSING_INFORMATION' END,"
                        + " CASE WHEN i % 100 BETWEEN 77 AND 84 THEN 'CO-16 M119' END,"
                        + " CASE WHEN i % 100 < 88 AND i % 100 >= 77 OR i % 100 < 62 THEN " + DOS
                        + " + interval '20 days' END,"
                        + " CASE WHEN i % 100 < 62 THEN " + DOS + " + interval '25 days' END" + SERIES,
                "INSERT INTO timeline_event (event_id, topic, kind, encounter_id, claim_id, tenant_id, occurred_at,"
                        + " summary, coding_version, frequency, payer_id, charge_amount)"
                        + " SELECT 'bm-sub-' || i, 'claims.submitted', 'SUBMITTED', 'enc-bm-' || lpad(i::text, 7, '0'),"
                        + " 'clm-bm-' || lpad(i::text, 7, '0'), " + TENANT + ", " + DOS + " + interval '2 days',"
                        + " 'Claim submitted', 1, 'ORIGINAL', " + PAYER_ID + ", " + CHARGE + SERIES,
                "INSERT INTO timeline_event (event_id, topic, kind, encounter_id, claim_id, tenant_id, occurred_at,"
                        + " summary, payer_id, charge_amount, paid_amount, patient_responsibility,"
                        + " contractual_adjustment)"
                        + " SELECT 'bm-pay-' || i, 'payments.posted', 'PAYMENT_POSTED',"
                        + " 'enc-bm-' || lpad(i::text, 7, '0'), 'clm-bm-' || lpad(i::text, 7, '0'), " + TENANT + ", "
                        + DOS + " + interval '25 days', 'Payment posted', " + PAYER_ID + ", " + CHARGE + ","
                        + " round(" + CHARGE + " * 0.6, 2), round(" + CHARGE + " * 0.1, 2), " + CHARGE + " - round("
                        + CHARGE + " * 0.6, 2) - round(" + CHARGE + " * 0.1, 2)" + SERIES + " WHERE i % 100 < 62",
                "INSERT INTO timeline_event (event_id, topic, kind, encounter_id, claim_id, tenant_id, occurred_at,"
                        + " summary, denial_stage, denial_category, carcs, payer_id)"
                        + " SELECT 'bm-den-' || i, 'claims.denied', 'DENIED', 'enc-bm-' || lpad(i::text, 7, '0'),"
                        + " 'clm-bm-' || lpad(i::text, 7, '0'), " + TENANT + ", " + DOS + " + interval '20 days',"
                        + " 'Claim denied', CASE WHEN i % 100 >= 85 THEN 'FRONT_END_REJECTION' ELSE 'ADJUDICATED'"
                        + " END, 'MISSING_INFORMATION', 'CO-16 M119', " + PAYER_ID + SERIES
                        + " WHERE i % 100 BETWEEN 55 AND 61 OR i % 100 BETWEEN 77 AND 87",
                SETTLED);
    }

    private static List<String> claimService() {
        return List.of(
                "INSERT INTO claim (claim_id, encounter_id, tenant_id, coding_version, frequency, status, is_current,"
                        + " patient_control_number, date_of_service, place_of_service, patient_mrn, payer_id,"
                        + " payer_name, member_id, billing_npi, billing_has_address, total_charge, paid_amount,"
                        + " patient_responsibility, adjusted_amount, service_key, source_event_id,"
                        + " encounter_snapshot, created_at, submitted_at, updated_at)"
                        + " SELECT 'clm-bm-' || lpad(i::text, 7, '0'), 'enc-bm-' || lpad(i::text, 7, '0'), " + TENANT
                        + ", 1, 'ORIGINAL', " + STATUS + ", true, 'BM' || lpad(i::text, 9, '0'), " + DOS + ", '11',"
                        + " 'MRN' || lpad((i % 40000)::text, 6, '0'),"
                        + " CASE WHEN i % 100 = 89 THEN NULL ELSE " + PAYER_ID + " END,"
                        + " CASE WHEN i % 100 = 89 THEN NULL ELSE " + PAYER_NAME + " END,"
                        + " 'M' || i, '1847362914', true, " + CHARGE + ","
                        + " CASE WHEN i % 100 < 62 THEN round(" + CHARGE + " * 0.6, 2) ELSE 0 END,"
                        + " CASE WHEN i % 100 < 62 THEN round(" + CHARGE + " * 0.1, 2) ELSE 0 END,"
                        + " CASE WHEN i % 100 < 62 THEN " + CHARGE + " - round(" + CHARGE + " * 0.6, 2) - round("
                        + CHARGE + " * 0.1, 2) ELSE 0 END,"
                        + " 'bm-' || i, 'bm-coded-' || i, '{}', " + DOS + " + time '20:00' + interval '1 day',"
                        + " CASE WHEN i % 100 BETWEEN 88 AND 90 THEN NULL ELSE " + DOS + " + interval '2 days' END,"
                        + " " + DOS + " + interval '25 days'" + SERIES,
                "INSERT INTO claim_scrub_finding (claim_id, rule_id, message, found_at)"
                        + " SELECT 'clm-bm-' || lpad(i::text, 7, '0'),"
                        + " (ARRAY['SELF-PAY','FEE-SCHEDULE-MISSING','TIMELY-FILING'])[1 + i % 3],"
                        + " 'held by the scrubber', " + DOS + " + interval '1 day'" + SERIES
                        + " WHERE i % 100 BETWEEN 88 AND 90",
                "INSERT INTO work_item (claim_id, queue, category, reasons, created_at)"
                        + " SELECT 'clm-bm-' || lpad(i::text, 7, '0'),"
                        + " CASE WHEN i % 100 BETWEEN 85 AND 87 THEN 'REJECTION' WHEN i % 100 = 84 THEN 'APPEAL'"
                        + " ELSE 'DENIAL' END,"
                        + " CASE WHEN i % 100 = 84 THEN 'MEDICAL_NECESSITY' ELSE 'MISSING_INFORMATION' END,"
                        + " CASE WHEN i % 100 = 84 THEN 'CO-50: not medically necessary'"
                        + " ELSE 'CO-16 M119: NDC missing' END, " + DOS + " + interval '20 days'" + SERIES
                        + " WHERE i % 100 BETWEEN 77 AND 87",
                SETTLED);
    }

    private static List<String> patientAccounts() {
        return List.of(
                "INSERT INTO patient_account (tenant_id, patient_ref, guarantor_name, birth_date)"
                        + " SELECT " + TENANT + ", 'MRN' || lpad(i::text, 6, '0'),"
                        + " (ARRAY['Ana','Ben','Carla','Dev','Eli','Fatima','Gus','Hana','Ivan','June'])[1 + i % 10]"
                        + " || ' ' || (ARRAY['Garcia','Smith','Nguyen','Okafor','Miller','Kowalski','Haddad',"
                        + "'Johnson','Lee','Brown','Garner','Patel'])[1 + (i / 10) % 12],"
                        + " date '1940-01-01' + (i * 13) % 29000"
                        + " FROM generate_series(1, greatest(#N# * 2 / 5, 1)) AS i",
                SETTLED);
    }
}
