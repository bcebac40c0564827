package io.claimflow.patientbilling.claim.adapter;

import io.claimflow.patientbilling.claim.KnownClaims;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The claims this service knows from ClaimSubmitted, and the patient account each belongs to. One account per
 * patient (MRN) per tenant; the patient is the guarantor who receives statements.
 */
@Repository
public class ClaimRegistry implements KnownClaims {

    /** What ClaimSubmitted tells about a claim and its patient. */
    record Registration(
            String tenantId,
            String claimId,
            String encounterId,
            String patientControlNumber,
            String patientRef,
            String guarantorName,
            String addressLine1,
            String addressLine2,
            String city,
            String state,
            String postalCode,
            LocalDate serviceFrom,
            LocalDate serviceTo,
            String billingProvider,
            String renderingProvider,
            String payerName,
            java.math.BigDecimal totalCharge,
            java.time.Instant submittedAt,
            java.util.List<String> procedureCodes,
            LocalDate birthDate) {}

    private final JdbcClient jdbc;
    // the key of the current transaction's Poll (pollLockKeys), bound to the transaction until it completes
    private final Object pollResource = new Object();

    ClaimRegistry(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A poll's claims in its transaction: their lock keys ("" unknown), then the known ones with accounts locked. */
    private static final class Poll {
        final Set<ClaimKey> claims;
        final Map<ClaimKey, String> lockKeys;
        Map<ClaimKey, ClaimRef> locked; // null until the transaction's first findAndLockAccount of one of them

        Poll(Set<ClaimKey> claims, Map<ClaimKey, String> lockKeys) {
            this.claims = claims;
            this.lockKeys = lockKeys;
        }
    }

    /**
     * Serializes, for the rest of the transaction, everything that concerns one claim before it is known: the
     * registration of a claim and the parking of an answer that arrived before it take this lock first, so an
     * answer is either parked before the registration looks for parked answers, or sees the registered claim.
     */
    public void lockClaimKey(String tenantId, String claimId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(? || '/' || ?, 0))")
                .params(tenantId, claimId)
                .query((rs, n) -> 1)
                .list();
    }

    /**
     * The lock key of a patient account ({@code TransactionalBatches}): batches that post to one account take it in
     * the same order. Tenant and patient reference, as the account's unique key; in memory only, never logged.
     */
    public static String accountLockKey(String tenantId, String patientRef) {
        return tenantId + "/" + patientRef;
    }

    /** The lock key of the account a known claim posts to; empty for an unknown claim (its answer is parked). */
    public String accountLockKeyOfClaim(String tenantId, String claimId) {
        return jdbc.sql("SELECT a.tenant_id, a.patient_ref FROM claim c JOIN patient_account a ON a.id = c.account_id "
                        + "WHERE c.tenant_id = ? AND c.claim_id = ?")
                .params(tenantId, claimId)
                .query((rs, n) -> accountLockKey(rs.getString(1), rs.getString(2)))
                .optional()
                .orElse("");
    }

    @Override
    public Function<ClaimKey, String> pollLockKeys(Collection<ClaimKey> claims) {
        Set<ClaimKey> all = new LinkedHashSet<>(claims);
        return key -> {
            Poll poll = poll(all);
            String lockKey = poll == null ? null : poll.lockKeys.get(key);
            return lockKey != null ? lockKey : accountLockKeyOfClaim(key.tenantId(), key.claimId());
        };
    }

    // the transaction's Poll of these claims, read (lock keys, one statement) and bound at the first call; null
    // without a transaction
    private Poll poll(Set<ClaimKey> claims) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        Poll poll = (Poll) TransactionSynchronizationManager.getResource(pollResource);
        if (poll != null && poll.claims == claims) {
            return poll;
        }
        if (poll == null) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(pollResource);
                }
            });
        } else {
            TransactionSynchronizationManager.unbindResource(pollResource);
        }
        Map<ClaimKey, String> lockKeys = new HashMap<>();
        claims.forEach(c -> lockKeys.put(c, ""));
        jdbc.sql(POLL_LOCK_KEYS).params(tenants(claims), claimIds(claims)).query((RowCallbackHandler)
                rs -> lockKeys.put(
                        new ClaimKey(rs.getString(1), rs.getString(2)),
                        accountLockKey(rs.getString(3), rs.getString(4))));
        poll = new Poll(claims, lockKeys);
        TransactionSynchronizationManager.bindResource(pollResource, poll);
        return poll;
    }

    // the lock keys of a poll's known claims (tenant, claim, then the account's tenant and patient)
    private static final String POLL_LOCK_KEYS = """
            SELECT k.tenant_id, k.claim_id, a.tenant_id, a.patient_ref
            FROM unnest(CAST(? AS text[]), CAST(? AS text[])) AS k (tenant_id, claim_id)
            JOIN claim c ON c.tenant_id = k.tenant_id AND c.claim_id = k.claim_id
            JOIN patient_account a ON a.id = c.account_id""";

    // the poll's claims known when their lock keys were read (the transaction holds their accounts' advisory locks)
    // with their accounts locked, in account order: one statement. One not known then is read alone, as before.
    private Map<ClaimKey, ClaimRef> lockPoll(Poll poll) {
        Set<ClaimKey> claims = new LinkedHashSet<>();
        poll.lockKeys.forEach((claim, lockKey) -> {
            if (!lockKey.isEmpty()) {
                claims.add(claim);
            }
        });
        Map<ClaimKey, ClaimRef> locked = new HashMap<>();
        if (claims.isEmpty()) {
            return locked;
        }
        jdbc.sql("SELECT " + CLAIM_REF
                        + " FROM claim c JOIN patient_account a ON a.id = c.account_id"
                        + " WHERE (c.tenant_id, c.claim_id) IN"
                        + " (SELECT * FROM unnest(CAST(? AS text[]), CAST(? AS text[])))"
                        + " ORDER BY a.id FOR UPDATE OF a")
                .params(tenants(claims), claimIds(claims))
                .query((RowCallbackHandler) rs -> {
                    ClaimRef ref = claimRef(rs);
                    locked.put(new ClaimKey(ref.tenantId(), ref.claimId()), ref);
                });
        return locked;
    }

    private static String[] tenants(Set<ClaimKey> claims) {
        return claims.stream().map(ClaimKey::tenantId).toArray(String[]::new);
    }

    private static String[] claimIds(Set<ClaimKey> claims) {
        return claims.stream().map(ClaimKey::claimId).toArray(String[]::new);
    }

    /**
     * The claim, with its patient account locked for the rest of the transaction, so that postings to one account
     * happen one at a time. A claim of the transaction's poll ({@link #pollLockKeys}) is read with the poll's other
     * claims, once.
     */
    @Override
    public Optional<ClaimRef> findAndLockAccount(String tenantId, String claimId) {
        Poll poll = TransactionSynchronizationManager.isSynchronizationActive()
                ? (Poll) TransactionSynchronizationManager.getResource(pollResource)
                : null;
        ClaimKey key = new ClaimKey(tenantId, claimId);
        if (poll != null && poll.claims.contains(key)) {
            if (poll.locked == null) {
                poll.locked = lockPoll(poll);
            }
            ClaimRef known = poll.locked.get(key);
            if (known != null) {
                return Optional.of(known);
            }
        }
        // not known when the poll was read: read now (it may have registered since, under its claim's key lock)
        return findAndLockAccountAgain(tenantId, claimId);
    }

    @Override
    public List<ClaimKey> pollLedgers() {
        Poll poll = TransactionSynchronizationManager.isSynchronizationActive()
                ? (Poll) TransactionSynchronizationManager.getResource(pollResource)
                : null;
        if (poll == null || poll.locked == null) {
            return List.of();
        }
        // a later payer's claim's visit ledger only when its claim is one of the poll's too (its account locked)
        return poll.locked.values().stream()
                .filter(ref -> ref.ledgerClaimId() != null)
                .map(ref -> new ClaimKey(ref.tenantId(), ref.ledgerClaimId()))
                .filter(poll.locked::containsKey)
                .distinct()
                .toList();
    }

    @Override
    public Optional<ClaimRef> findAndLockAccountAgain(String tenantId, String claimId) {
        Optional<ClaimRef> found = jdbc.sql("SELECT " + CLAIM_REF + " FROM claim c "
                        + "JOIN patient_account a ON a.id = c.account_id WHERE c.tenant_id = ? AND c.claim_id = ? "
                        + "FOR UPDATE OF a")
                .params(tenantId, claimId)
                .query((rs, n) -> claimRef(rs))
                .optional();
        Poll poll = TransactionSynchronizationManager.isSynchronizationActive()
                ? (Poll) TransactionSynchronizationManager.getResource(pollResource)
                : null;
        if (poll != null && poll.locked != null && found.isPresent()) {
            poll.locked.computeIfPresent(new ClaimKey(tenantId, claimId), (k, old) -> found.get());
        }
        return found;
    }

    // a ClaimRef's columns: the ledger claim null while a later payer's claim waits for a primary claim of its visit
    private static final String CLAIM_REF = "c.tenant_id, c.claim_id, c.encounter_id, c.account_id,"
            + " CASE WHEN c.awaiting_primary_claim THEN NULL ELSE coalesce(c.ledger_claim_id, c.claim_id) END";

    private static ClaimRef claimRef(ResultSet rs) throws SQLException {
        return new ClaimRef(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5));
    }

    @Override
    public void pendingWith(String tenantId, String claimId, String payerName) {
        jdbc.sql("UPDATE claim SET pending_payer_name = ? WHERE tenant_id = ? AND claim_id = ?")
                .params(payerName, tenantId, claimId)
                .update();
    }

    /**
     * A later payer's claim (secondary, tertiary: it carries earlier payers' adjudications) posts on the ledger of
     * the visit's current primary claim; false when no primary claim of the encounter is known here.
     */
    public boolean linkToVisitLedger(String tenantId, String claimId, String encounterId) {
        return jdbc.sql("""
                        UPDATE claim SET awaiting_primary_claim = false, ledger_claim_id = (SELECT p.claim_id FROM claim p
                            WHERE p.tenant_id = :tenant AND p.encounter_id = :encounter AND p.claim_id <> :claim
                              AND p.ledger_claim_id IS NULL AND p.superseded_by IS NULL AND NOT p.awaiting_primary_claim
                            ORDER BY p.submitted_at DESC LIMIT 1)
                        WHERE tenant_id = :tenant AND claim_id = :claim
                          AND EXISTS (SELECT 1 FROM claim p WHERE p.tenant_id = :tenant AND p.encounter_id = :encounter
                              AND p.claim_id <> :claim AND p.ledger_claim_id IS NULL AND p.superseded_by IS NULL
                              AND NOT p.awaiting_primary_claim)""")
                        .param("tenant", tenantId)
                        .param("claim", claimId)
                        .param("encounter", encounterId)
                        .update()
                == 1;
    }

    /**
     * Marks a later payer's claim that found no primary claim of its visit (its ClaimSubmitted overtook the primary's):
     * its answers wait until {@link #linkClaimsAwaitingPrimary} links it to the visit's ledger.
     */
    public void awaitPrimaryClaim(String tenantId, String claimId) {
        jdbc.sql("UPDATE claim SET awaiting_primary_claim = true WHERE tenant_id = ? AND claim_id = ?"
                        + " AND ledger_claim_id IS NULL")
                .params(tenantId, claimId)
                .update();
    }

    /**
     * Records that {@code byClaimId} replaced or voided the claim; false when the claim is not known here or was
     * superseded already.
     */
    public boolean markSuperseded(String tenantId, String claimId, String byClaimId) {
        return jdbc.sql("UPDATE claim SET superseded_by = ? WHERE tenant_id = ? AND claim_id = ? "
                                + "AND superseded_by IS NULL")
                        .params(byClaimId, tenantId, claimId)
                        .update()
                == 1;
    }

    /** Marks the claim as a self-pay visit billed to the patient (ClaimBilledToPatient). */
    void markBilledToPatient(String tenantId, String claimId) {
        jdbc.sql("UPDATE claim SET billed_to_patient = true WHERE tenant_id = ? AND claim_id = ?")
                .params(tenantId, claimId)
                .update();
    }

    /**
     * The visit's other claims, not superseded, registered from an event no later than {@code at} (oldest first):
     * the ones a later claim of the visit takes over. With {@code billedToPatientOnly}, only self-pay claims billed to
     * the patient.
     */
    java.util.List<String> earlierClaimsOfVisit(
            String tenantId, String encounterId, String claimId, java.time.Instant at, boolean billedToPatientOnly) {
        return jdbc.sql("SELECT claim_id FROM claim WHERE tenant_id = :tenant AND encounter_id = :encounter"
                        + " AND claim_id <> :claim AND superseded_by IS NULL AND submitted_at <= :at"
                        + (billedToPatientOnly ? " AND billed_to_patient" : "")
                        + " ORDER BY submitted_at, claim_id")
                .param("tenant", tenantId)
                .param("encounter", encounterId)
                .param("claim", claimId)
                .param("at", java.sql.Timestamp.from(at))
                .query(String.class)
                .list();
    }

    /**
     * A claim of the visit registered from an event later than {@code at} (the newest), which a claim billed to the
     * patient at {@code at} arrives after: that claim carries the visit already.
     */
    Optional<String> laterClaimOfVisit(String tenantId, String encounterId, String claimId, java.time.Instant at) {
        return jdbc.sql("SELECT claim_id FROM claim WHERE tenant_id = :tenant AND encounter_id = :encounter"
                        + " AND claim_id <> :claim AND submitted_at > :at ORDER BY submitted_at DESC, claim_id LIMIT 1")
                .param("tenant", tenantId)
                .param("encounter", encounterId)
                .param("claim", claimId)
                .param("at", java.sql.Timestamp.from(at))
                .query(String.class)
                .optional();
    }

    /**
     * A registered claim: its patient account, the visit's earlier claims billed to the patient, the later payers'
     * claims that waited for a primary claim of the visit and now post on this one's ledger (oldest first; only for a
     * primary claim), and whether answers wait for the claim in {@code awaiting_claim} (read under the claim's key
     * lock, so no answer can park for it after).
     */
    record Registered(
            long accountId,
            java.util.List<String> earlierBilledToPatient,
            java.util.List<String> laterPayersLinked,
            boolean answersWaiting) {}

    /**
     * Takes the claim's key lock ({@link #lockClaimKey}) for the rest of the transaction, opens the patient's account
     * if needed (keeping its mailing address current) and records the claim once. The same claim sent again after a
     * front-end rejection, its charges edited by a biller, takes the new total, procedures and dates while nothing has
     * posted on it yet; once something has, the first registration stands. Two statements (issue 22: the key lock is
     * taken by the first; the second returns {@link #earlierClaimsOfVisit} billed to the patient, links the visit's
     * later payers' claims that waited for a primary claim when {@code primary}, and tells whether answers wait for
     * the claim: those were four statements more, two of them asked for every claim and almost never finding a row).
     * The second runs after the first took the key lock, so it sees every answer parked for the claim.
     *
     * @param primary whether the claim is a primary payer's (no earlier payer's adjudication): it takes over the
     *     visit's later payers' claims that overtook it
     */
    Registered register(Registration r, boolean primary) {
        long accountId = jdbc.sql("""
                WITH claim_key AS (SELECT pg_advisory_xact_lock(hashtextextended(:tenant || '/' || :claim, 0)))
                INSERT INTO patient_account (tenant_id, patient_ref, guarantor_name, address_line1, address_line2,
                    city, state, postal_code, birth_date)
                SELECT CAST(:tenant AS text), CAST(:patient AS text), CAST(:name AS text), CAST(:line1 AS text),
                    CAST(:line2 AS text), CAST(:city AS text), CAST(:state AS text), CAST(:zip AS text),
                    CAST(:birthDate AS date)
                FROM claim_key
                ON CONFLICT (tenant_id, patient_ref) DO UPDATE SET guarantor_name = excluded.guarantor_name,
                    birth_date = COALESCE(excluded.birth_date, patient_account.birth_date),
                    address_line1 = excluded.address_line1, address_line2 = excluded.address_line2,
                    city = excluded.city, state = excluded.state, postal_code = excluded.postal_code
                RETURNING id""")
                .param("tenant", r.tenantId())
                .param("claim", r.claimId())
                .param("patient", r.patientRef())
                .param("name", r.guarantorName())
                .param("line1", r.addressLine1())
                .param("line2", r.addressLine2())
                .param("city", r.city())
                .param("state", r.state())
                .param("zip", r.postalCode())
                .param("birthDate", r.birthDate())
                .query(Long.class)
                .single();
        List<String> earlierBilledToPatient = new java.util.ArrayList<>();
        List<String> laterPayersLinked = new java.util.ArrayList<>();
        boolean[] answersWaiting = {false};
        jdbc.sql("""
                WITH registered AS (
                INSERT INTO claim (tenant_id, claim_id, encounter_id, account_id, patient_control_number, service_from,
                    service_to, billing_provider, rendering_provider, payer_name, total_charge, submitted_at, procedure_codes)
                VALUES (:tenant, :claim, :encounter, :account, :pcn, :from, :to, :billing, :rendering, :payer, :charge,
                    :submitted, string_to_array(:procedures, ','))
                ON CONFLICT (tenant_id, claim_id) DO UPDATE SET total_charge = excluded.total_charge,
                    procedure_codes = excluded.procedure_codes, service_from = excluded.service_from,
                    service_to = excluded.service_to, submitted_at = excluded.submitted_at
                WHERE claim.total_charge <> excluded.total_charge
                  AND NOT EXISTS (SELECT 1 FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id
                                  WHERE e.tenant_id = claim.tenant_id AND l.claim_id = claim.claim_id)),
                linked AS (
                UPDATE claim SET ledger_claim_id = :claim, awaiting_primary_claim = false
                WHERE CAST(:primary AS boolean) AND tenant_id = :tenant AND encounter_id = :encounter
                  AND awaiting_primary_claim AND claim_id <> :claim
                RETURNING claim_id, submitted_at)
                SELECT 'billed' AS what, claim_id, submitted_at FROM claim WHERE tenant_id = :tenant
                  AND encounter_id = :encounter AND claim_id <> :claim AND superseded_by IS NULL
                  AND submitted_at <= :submitted AND billed_to_patient
                UNION ALL SELECT 'linked', claim_id, submitted_at FROM linked
                UNION ALL SELECT 'waiting', NULL, NULL WHERE EXISTS (SELECT 1 FROM awaiting_claim
                  WHERE tenant_id = :tenant AND claim_id = :claim AND refused_reason IS NULL)
                ORDER BY what, submitted_at, claim_id""")
                .param("tenant", r.tenantId())
                .param("claim", r.claimId())
                .param("encounter", r.encounterId())
                .param("account", accountId)
                .param("pcn", r.patientControlNumber())
                .param("from", r.serviceFrom())
                .param("to", r.serviceTo())
                .param("billing", r.billingProvider())
                .param("rendering", r.renderingProvider())
                .param("payer", r.payerName())
                .param("charge", r.totalCharge())
                .param("submitted", java.sql.Timestamp.from(r.submittedAt()))
                .param("procedures", String.join(",", r.procedureCodes()))
                .param("primary", primary)
                .query((org.springframework.jdbc.core.RowCallbackHandler) rs -> {
                    switch (rs.getString(1)) {
                        case "billed" -> earlierBilledToPatient.add(rs.getString(2));
                        case "linked" -> laterPayersLinked.add(rs.getString(2));
                        default -> answersWaiting[0] = true;
                    }
                });
        // each kind oldest first (then by claim id)
        return new Registered(accountId, earlierBilledToPatient, laterPayersLinked, answersWaiting[0]);
    }
}
