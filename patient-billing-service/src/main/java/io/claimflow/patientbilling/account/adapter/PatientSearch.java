package io.claimflow.patientbilling.account.adapter;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Patient accounts found by name (the start of each word typed matches the start of a word of the name), date of
 * birth, MRN (its start), account number ({@code <tenant>-<id>}) or statement number, in one tenant or all, sorted,
 * paged and counted by the database.
 */
@Repository
class PatientSearch {

    static final List<String> SORTS = List.of("name", "-balance", "balance", "mrn", "-id", "id");

    /** Criteria; null ones do not restrict. */
    record Criteria(
            String tenantId,
            String name,
            LocalDate birthDate,
            String mrn,
            String accountNumber,
            Long statementId,
            String sort,
            int page,
            int size) {}

    /** One account found. Name and birth date are protected health information: shown to staff, never logged. */
    record Match(
            long id,
            String tenantId,
            String accountNumber,
            String patientRef,
            String name,
            LocalDate birthDate,
            BigDecimal balance) {}

    record Found(List<Match> items, int page, int size, long total) {}

    private final JdbcClient jdbc;

    PatientSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    Found find(Criteria c) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        if (c.tenantId() != null) {
            where.append(" AND a.tenant_id = :tenant");
            params.put("tenant", c.tenantId());
        }
        if (c.name() != null) {
            int i = 0;
            for (String word : c.name().toLowerCase(Locale.ROOT).split("[\\s,]+")) {
                if (!word.isEmpty()) {
                    where.append(" AND (lower(a.guarantor_name) LIKE :w")
                            .append(i)
                            .append(" ESCAPE '\\'")
                            .append(" OR lower(a.guarantor_name) LIKE :ww")
                            .append(i)
                            .append(" ESCAPE '\\')");
                    params.put("w" + i, escape(word) + "%");
                    params.put("ww" + i, "% " + escape(word) + "%");
                    i++;
                }
            }
        }
        if (c.birthDate() != null) {
            where.append(" AND a.birth_date = :birthDate");
            params.put("birthDate", c.birthDate());
        }
        if (c.mrn() != null) {
            where.append(" AND a.patient_ref LIKE :mrn ESCAPE '\\'");
            params.put("mrn", escape(c.mrn()) + "%");
        }
        if (c.accountNumber() != null) {
            int dash = c.accountNumber().lastIndexOf('-');
            String id = c.accountNumber().substring(dash + 1);
            where.append(" AND a.id = :accountId");
            params.put("accountId", id.matches("[0-9]{1,18}") ? Long.parseLong(id) : -1L);
            if (dash > 0) {
                where.append(" AND a.tenant_id = :accountTenant");
                params.put("accountTenant", c.accountNumber().substring(0, dash));
            }
        }
        if (c.statementId() != null) {
            where.append(" AND a.id = (SELECT s.account_id FROM statement s WHERE s.id = :statementId)");
            params.put("statementId", c.statementId());
        }
        long total = jdbc.sql("SELECT count(*) FROM patient_account a" + where)
                .params(params)
                .query(Long.class)
                .single();
        String order = switch (c.sort() == null ? "id" : c.sort()) {
            case "name" -> "lower(a.guarantor_name), a.id";
            case "-balance" -> "balance DESC, a.id";
            case "balance" -> "balance, a.id";
            case "mrn" -> "a.patient_ref, a.id";
            case "-id" -> "a.id DESC";
            default -> "a.id";
        };
        List<Match> items = new ArrayList<>(jdbc.sql("""
                SELECT a.id, a.tenant_id, a.patient_ref, a.guarantor_name, a.birth_date,
                    COALESCE((SELECT sum(l.amount) FROM journal_entry e JOIN journal_line l ON l.entry_id = e.id
                        WHERE e.account_id = a.id AND l.ledger_account IN ('PATIENT_RECEIVABLE', 'PATIENT_CREDIT')),
                        0) AS balance
                FROM patient_account a""" + where + " ORDER BY " + order + " LIMIT :size OFFSET :offset")
                .params(params)
                .param("size", c.size())
                .param("offset", (long) c.page() * c.size())
                .query((rs, n) -> new Match(
                        rs.getLong("id"),
                        rs.getString("tenant_id"),
                        rs.getString("tenant_id") + "-" + rs.getLong("id"),
                        rs.getString("patient_ref"),
                        rs.getString("guarantor_name"),
                        rs.getObject("birth_date", LocalDate.class),
                        rs.getBigDecimal("balance").setScale(2)))
                .list());
        return new Found(items, c.page(), c.size(), total);
    }

    /** The tenants that have patient accounts. */
    @Transactional(readOnly = true)
    List<String> tenants() {
        // a skip scan through the index on (tenant_id, patient_ref): one probe per tenant, not every account
        return jdbc.sql("""
                WITH RECURSIVE t (tenant_id) AS (
                    SELECT min(tenant_id) FROM patient_account
                    UNION ALL
                    SELECT (SELECT min(a.tenant_id) FROM patient_account a WHERE a.tenant_id > t.tenant_id)
                    FROM t WHERE t.tenant_id IS NOT NULL)
                SELECT tenant_id FROM t WHERE tenant_id IS NOT NULL ORDER BY tenant_id""").query(String.class).list();
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
