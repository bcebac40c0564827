package io.claimflow.console.web.adapter;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A patient ledger as people read it: one row per journal entry (not its double-entry lines), in words, with what
 * was charged, what insurance paid and adjusted, what the entry did to what the patient owes, and the balance after
 * it. Built from patient-billing-service's ledger lines, newest first, and the account's balance now.
 */
final class LedgerView {

    /** One entry as a row. */
    record Row(
            long entryId,
            String effectiveDate,
            String what,
            String description,
            String claimIds,
            BigDecimal charged,
            BigDecimal insurancePaid,
            BigDecimal adjusted,
            BigDecimal patientChange,
            BigDecimal balanceAfter) {}

    private static final Map<String, String> WORDS = Map.of(
            "REMITTANCE", "Insurance paid",
            "REMITTANCE_REVERSAL", "Insurance took its payment back",
            "DENIAL_RESPONSIBILITY", "Insurance denied: the patient is responsible",
            "PATIENT_PAYMENT", "Payment received",
            "PATIENT_PAYMENT_REVERSAL", "Payment reversed",
            "PATIENT_REFUND", "Refund to the patient",
            "WRITE_OFF", "Written off",
            "CLAIM_VOID", "Claim replaced or voided",
            "BALANCE_DECISION", "Balance decided after a lost appeal");
    private static final Set<String> PATIENT = Set.of("PATIENT_RECEIVABLE", "PATIENT_CREDIT");
    private static final Set<String> ADJUSTMENTS =
            Set.of("CONTRACTUAL_ADJUSTMENT", "OTHER_ADJUSTMENT", "PATIENT_ADJUSTMENT");

    private LedgerView() {}

    /**
     * The rows, newest first.
     *
     * @param lines the ledger's lines, newest entry first, as the service lists them
     * @param complete false when the service may have cut the list short: the oldest entry is then left out, since
     *     some of its lines may be missing
     */
    static List<Row> of(List<Map<String, Object>> lines, BigDecimal balanceNow, boolean complete) {
        Map<Long, List<Map<String, Object>>> entries = new LinkedHashMap<>();
        for (Map<String, Object> line : lines) {
            entries.computeIfAbsent(((Number) line.get("entryId")).longValue(), id -> new ArrayList<>())
                    .add(line);
        }
        List<List<Map<String, Object>>> grouped = new ArrayList<>(entries.values());
        if (!complete && !grouped.isEmpty()) {
            grouped.remove(grouped.size() - 1);
        }
        List<Row> rows = new ArrayList<>();
        BigDecimal balance = balanceNow;
        for (List<Map<String, Object>> entry : grouped) {
            Map<String, Object> first = entry.get(0);
            BigDecimal charged = BigDecimal.ZERO.setScale(2);
            BigDecimal insurance = BigDecimal.ZERO.setScale(2);
            BigDecimal adjusted = BigDecimal.ZERO.setScale(2);
            BigDecimal patient = BigDecimal.ZERO.setScale(2);
            List<String> claims = new ArrayList<>();
            for (Map<String, Object> line : entry) {
                String account = String.valueOf(line.get("ledgerAccount"));
                BigDecimal amount = new BigDecimal(String.valueOf(line.get("amount")));
                if ("GROSS_CHARGES".equals(account)) {
                    charged = charged.subtract(amount);
                } else if ("INSURANCE_CASH".equals(account)) {
                    insurance = insurance.add(amount);
                } else if (ADJUSTMENTS.contains(account)) {
                    adjusted = adjusted.add(amount);
                } else if (PATIENT.contains(account)) {
                    patient = patient.add(amount);
                }
                Object claim = line.get("claimId");
                if (claim != null && !claims.contains(String.valueOf(claim))) {
                    claims.add(String.valueOf(claim));
                }
            }
            String kind = String.valueOf(first.get("kind"));
            rows.add(new Row(
                    ((Number) first.get("entryId")).longValue(),
                    String.valueOf(first.get("effectiveDate")),
                    WORDS.getOrDefault(kind, kind),
                    String.valueOf(first.get("description")),
                    String.join(", ", claims),
                    charged,
                    insurance,
                    adjusted,
                    patient,
                    balance));
            balance = balance.subtract(patient);
        }
        return rows;
    }
}
