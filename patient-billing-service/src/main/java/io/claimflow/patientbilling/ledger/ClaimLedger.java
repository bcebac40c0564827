package io.claimflow.patientbilling.ledger;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** Everything posted so far on one claim, oldest first. */
public record ClaimLedger(String claimId, List<PostedEntry> entries) {

    public ClaimLedger {
        entries = entries.stream().sorted(Comparator.comparingLong(PostedEntry::id)).toList();
    }

    public static ClaimLedger empty(String claimId) {
        return new ClaimLedger(claimId, List.of());
    }

    /** Remittances and denials still standing (not reversed or superseded). */
    public List<PostedEntry> standing(EntryKind kind) {
        return entries.stream().filter(e -> e.kind() == kind && !e.reversed()).toList();
    }

    /** The standing remittance with this trace number and status, if any. */
    public Optional<PostedEntry> remittance(String traceNumber, String claimStatus) {
        return entries.stream().filter(e -> e.kind() == EntryKind.REMITTANCE && e.traceNumber().equals(traceNumber)
                && e.claimStatus().equals(claimStatus)).findFirst();
    }

    /** What was charged for the claim and not reversed. */
    public BigDecimal charged() {
        return sum(l -> l.account() == LedgerAccount.GROSS_CHARGES).negate();
    }

    /** What the patient owes on the claim now, net of payments applied to it. */
    public BigDecimal patientBalance() {
        return sum(l -> l.account() == LedgerAccount.PATIENT_RECEIVABLE && l.claimId() != null
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
        return Money.sum(entries.stream().flatMap(e -> e.lines().stream()).filter(which)
                .map(JournalLine::amount).toList());
    }
}
