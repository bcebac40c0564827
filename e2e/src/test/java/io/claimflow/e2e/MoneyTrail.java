package io.claimflow.e2e;

import io.claimflow.e2e.demo.PipelineSnapshot;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * For people reading a failed end-to-end run: each named claim's (or encounter's) money as the three services hold
 * it, one line per posting (ids, codes and amounts only, never patient data), so a disagreement can be traced to
 * the service that posted differently.
 */
final class MoneyTrail {

    private MoneyTrail() {}

    /** The trail of every claim of the given claims' or encounters' visits, at most {@code limit} visits. */
    static String of(PipelineSnapshot.Databases databases, Collection<String> claimOrEncounterIds, int limit) {
        StringBuilder out = new StringBuilder();
        claimOrEncounterIds.stream().limit(limit).forEach(id -> {
            try {
                out.append(visit(databases, id));
            } catch (Exception e) {
                out.append(id).append(": ").append(e.getMessage()).append('\n');
            }
        });
        return out.toString();
    }

    private static String visit(PipelineSnapshot.Databases databases, String id) throws Exception {
        String quoted = "'" + id.replace("'", "''") + "'";
        String encounter =
                id.startsWith("enc-") ? quoted : "(SELECT encounter_id FROM claim WHERE claim_id = " + quoted + ")";
        StringBuilder out = new StringBuilder("== ").append(id).append('\n');
        Map<String, String> claims = FaultInvariants.rows(
                databases,
                FaultInvariants.CLAIM,
                "SELECT claim_id || ' ' || frequency || ' current=' || is_current, status || ' total '"
                        + " || total_charge || ' paid ' || paid_amount || ' patient ' || patient_responsibility || ' adjusted '"
                        + " || adjusted_amount || ' replaces ' || coalesce(replaced_claim_id, '-') || ' work '"
                        + " || coalesce((SELECT string_agg(w.queue || '/' || w.category || (CASE WHEN w.resolved_at IS NULL"
                        + " THEN '(open)' ELSE '' END), ',') FROM work_item w WHERE w.claim_id = claim.claim_id), '-')"
                        + " FROM claim WHERE encounter_id = " + encounter);
        claims.forEach((k, v) ->
                out.append("  claim-service ").append(k).append(": ").append(v).append('\n'));
        String ids = claims.keySet().stream()
                .map(k -> "'" + k.substring(0, k.indexOf(' ')) + "'")
                .collect(Collectors.joining(","));
        if (ids.isEmpty()) {
            return out.toString();
        }
        append(
                out,
                "    history",
                FaultInvariants.rows(
                        databases,
                        FaultInvariants.CLAIM,
                        "SELECT h.claim_id || ' #' || lpad(h.id::text, 7, '0'), coalesce(h.from_status, '-') || '>' || h.to_status"
                                + " FROM claim_status_history h WHERE h.claim_id IN (" + ids + ")"));
        append(
                out,
                "    claim_payment",
                FaultInvariants.rows(
                        databases,
                        FaultInvariants.CLAIM,
                        "SELECT claim_id || ' #' || lpad(id::text, 7, '0'), trace_number || ' clp02 ' || claim_status_code || ' charge '"
                                + " || charge_amount || ' paid ' || paid_amount || ' patient ' || patient_responsibility"
                                + " || ' adjusted ' || adjusted_amount || ' denied ' || denied_amount"
                                + " FROM claim_payment WHERE claim_id IN (" + ids + ")"));
        append(
                out,
                "    gateway",
                FaultInvariants.rows(
                        databases,
                        FaultInvariants.GATEWAY,
                        "SELECT o.claim_id || ' ' || o.status || ' subs ' || o.submissions, coalesce(string_agg(e.interchange_id"
                                + " || ':' || e.transaction_type || ':' || e.outcome, ' ' ORDER BY e.id), '-') FROM outbound_claim o"
                                + " LEFT JOIN claim_x12_event e ON e.claim_id = o.claim_id WHERE o.claim_id IN (" + ids
                                + ")"
                                + " GROUP BY o.claim_id, o.status, o.submissions"));
        append(
                out,
                "    remittance_claim",
                FaultInvariants.rows(
                        databases,
                        FaultInvariants.GATEWAY,
                        "SELECT r.claim_id || ' #' || lpad(r.id::text, 7, '0'), m.trace_number || ' clp02 ' || r.status_code || ' ' || r.outcome"
                                + " || ' charge ' || r.charge_amount || ' paid ' || r.paid_amount || ' patient '"
                                + " || r.patient_responsibility || ' overpaid ' || coalesce(r.overpaid_amount::text, '-')"
                                + " || ' by ' || coalesce(r.matched_by, '-') FROM remittance_claim r JOIN remittance m"
                                + " ON m.id = r.remittance_id WHERE r.claim_id IN (" + ids + ")"));
        append(
                out,
                "    ledger",
                FaultInvariants.rows(
                        databases,
                        FaultInvariants.PATIENT_BILLING,
                        "SELECT e.claim_id || ' #' || lpad(e.id::text, 7, '0'), e.kind || ' ' || coalesce(e.trace_number, '-') || ' '"
                                + " || coalesce(e.claim_status, '-') || ' ' || string_agg(l.ledger_account || ' ' || l.amount, ', '"
                                + " ORDER BY l.ledger_account) FROM journal_entry e JOIN journal_line l ON l.entry_id = e.id"
                                + " WHERE e.claim_id IN (" + ids + ") GROUP BY e.id"));
        return out.toString();
    }

    private static void append(StringBuilder out, String label, Map<String, String> rows) {
        rows.forEach((k, v) ->
                out.append(label).append(' ').append(k).append(": ").append(v).append('\n'));
    }
}
