package io.claimflow.patientbilling.ledger;

import io.claimflow.platform.money.Money;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Everything posted so far on one claim, oldest first. An entry stands unless an entry that still stands reversed
 * or superseded it: a denial superseded by a remittance stands again once that remittance is reversed.
 *
 * @param supersededBy the claim that replaced or voided this one (frequency 7 or 8), null while it is current
 */
public record ClaimLedger(String claimId, List<PostedEntry> entries, String supersededBy) {

    public ClaimLedger {
        entries = entries.stream()
                .sorted(Comparator.comparingLong(PostedEntry::id))
                .toList();
    }

    public ClaimLedger(String claimId, List<PostedEntry> entries) {
        this(claimId, entries, null);
    }

    /** Whether a later claim replaced or voided this one: it no longer charges anyone. */
    public boolean superseded() {
        return supersededBy != null;
    }

    /** What insurance still has to settle on the claim (its charge less what payers and denials settled). */
    public BigDecimal insuranceReceivable() {
        return sum(l -> l.account() == LedgerAccount.INSURANCE_RECEIVABLE && claimId.equals(l.claimId()));
    }

    /**
     * The patient's share an earlier payer left that is pending with the next payer (coordination of benefits): not
     * the patient's to pay until the last payer answered.
     */
    public BigDecimal pendingWithOtherInsurance() {
        return sum(l -> l.account() == LedgerAccount.OTHER_INSURANCE_RECEIVABLE);
    }

    /** Payer money held on the claim that is not the payer's to keep (owed back, positive). */
    public BigDecimal insuranceCredit() {
        return sum(l -> l.account() == LedgerAccount.INSURANCE_CREDIT).negate();
    }

    /** Ids of the entries that stand. Reversing entries are always newer, so newest first settles each in turn. */
    public java.util.Set<Long> standingIds() {
        java.util.Set<Long> standing = new java.util.HashSet<>();
        for (int i = entries.size() - 1; i >= 0; i--) {
            PostedEntry entry = entries.get(i);
            if (entry.reversedBy().stream().noneMatch(standing::contains)) {
                standing.add(entry.id());
            }
        }
        return standing;
    }

    /**
     * The ledger as it reads once {@code posting} is written as entry {@code entryId}: the posting is one of its
     * entries when it posts on this claim (without the trace number and claim status, which a posting does not
     * carry), and the entries it reverses name it.
     */
    public ClaimLedger plus(long entryId, Posting posting) {
        if (!claimId.equals(posting.claimId())) {
            return this;
        }
        List<PostedEntry> after = new java.util.ArrayList<>(entries.size() + 1);
        for (PostedEntry entry : entries) {
            if (posting.reverses().contains(entry.id())) {
                List<Long> reversedBy = new java.util.ArrayList<>(entry.reversedBy());
                reversedBy.add(entryId);
                entry = new PostedEntry(
                        entry.id(),
                        entry.kind(),
                        entry.traceNumber(),
                        entry.claimStatus(),
                        entry.effectiveDate(),
                        reversedBy,
                        entry.lines());
            }
            after.add(entry);
        }
        after.add(new PostedEntry(
                entryId, posting.kind(), null, null, posting.effectiveDate(), List.of(), posting.lines()));
        return new ClaimLedger(claimId, after, supersededBy);
    }

    public static ClaimLedger empty(String claimId) {
        return new ClaimLedger(claimId, List.of(), null);
    }

    /** Remittances and denials still standing (not reversed or superseded). */
    public List<PostedEntry> standing(EntryKind kind) {
        java.util.Set<Long> standing = standingIds();
        return entries.stream()
                .filter(e -> e.kind() == kind && standing.contains(e.id()))
                .toList();
    }

    /** Whether a remittance (or reversal) with this trace number and claim status was posted: its natural key. */
    public boolean hasRemittance(String traceNumber, String claimStatus) {
        return entries.stream()
                .anyMatch(e -> (e.kind() == EntryKind.REMITTANCE || e.kind() == EntryKind.REMITTANCE_REVERSAL)
                        && traceNumber.equals(e.traceNumber())
                        && claimStatus.equals(e.claimStatus()));
    }

    /** What was charged for the claim and not reversed. */
    public BigDecimal charged() {
        return sum(l -> l.account() == LedgerAccount.GROSS_CHARGES).negate();
    }

    /** What the patient owes on the claim now, net of payments applied to it. */
    public BigDecimal patientBalance() {
        return sum(l -> l.account() == LedgerAccount.PATIENT_RECEIVABLE
                && l.claimId() != null
                && l.claimId().equals(claimId));
    }

    /** The patient's responsibility on the claim by kind, before payments. */
    public PatientShare patientShare() {
        Map<ResponsibilityKind, BigDecimal> byKind = new EnumMap<>(ResponsibilityKind.class);
        for (PostedEntry entry : entries) {
            for (JournalLine line : entry.lines()) {
                if (line.kind() != null) {
                    byKind.merge(line.kind(), line.amount(), BigDecimal::add);
                }
            }
        }
        return PatientShare.of(byKind);
    }

    private BigDecimal sum(Predicate<JournalLine> which) {
        return Money.sum(entries.stream()
                .flatMap(e -> e.lines().stream())
                .filter(which)
                .map(JournalLine::amount)
                .toList());
    }
}
