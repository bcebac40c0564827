package io.claimflow.claim.model;

import io.claimflow.codes.Frequency;
import io.claimflow.platform.money.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A professional claim for one encounter and its state. State changes go through {@link #transitionTo}, which refuses
 * what {@link ClaimStatus} does not allow and records who made the change and why; the repository stores those
 * entries with the claim.
 */
public final class Claim {

    private final String claimId;
    private final String encounterId;
    private final String tenantId;
    private final int codingVersion;
    private final Frequency frequency;
    private final String patientControlNumber;
    private final String replacedClaimId;
    private final String replacedPayerClaimNumber;
    private final LocalDate dateOfService;
    private final String placeOfService;
    private final String patientMrn;
    private final List<Diagnosis> diagnoses;
    private final String sourceEventId;
    private final byte[] snapshot;
    private final Instant createdAt;
    private final int payerSequence;
    private final String priorPayerClaimId;
    private final List<PriorAdjudication> priorAdjudications;

    private ClaimStatus status;
    private boolean current;
    private String payerClaimNumber;
    private String priorAuthorizationNumber;
    private ProviderRef billing;
    private ProviderRef rendering;
    private ProviderRef referring;
    private CoverageRef coverage;
    private List<ClaimLine> lines;
    /** Whether the lines were re-priced or edited since the claim was built or restored. */
    private boolean linesChanged;

    private BigDecimal totalCharge;
    private BigDecimal paidAmount;
    private BigDecimal patientResponsibility;
    private BigDecimal adjustedAmount;
    private Instant submittedAt;
    private String delayReasonCode;
    private String claimNote;
    private final List<StatusChange> pendingChanges = new ArrayList<>();
    /** Whether the claim had no payment posted when read and none was recorded since; false when not known. */
    private boolean noPayments;
    /** Whether the claim had no open work item when read and none was opened through it since; false when unknown. */
    private boolean noOpenWork;

    private Claim(Builder b) {
        this.claimId = require(b.claimId, "claimId");
        this.encounterId = require(b.encounterId, "encounterId");
        this.tenantId = require(b.tenantId, "tenantId");
        this.codingVersion = b.codingVersion;
        this.frequency = Objects.requireNonNull(b.frequency, "frequency");
        this.patientControlNumber = require(b.patientControlNumber, "patientControlNumber");
        this.replacedClaimId = b.replacedClaimId;
        this.replacedPayerClaimNumber = b.replacedPayerClaimNumber;
        this.dateOfService = Objects.requireNonNull(b.dateOfService, "dateOfService");
        this.placeOfService = b.placeOfService;
        this.patientMrn = require(b.patientMrn, "patientMrn");
        this.diagnoses = List.copyOf(b.diagnoses);
        this.sourceEventId = require(b.sourceEventId, "sourceEventId");
        this.snapshot = b.snapshot;
        this.createdAt = Objects.requireNonNull(b.createdAt, "createdAt");
        if (b.payerSequence < 1 || b.payerSequence > 3) {
            throw new IllegalArgumentException("payerSequence must be 1-3, was " + b.payerSequence);
        }
        this.payerSequence = b.payerSequence;
        this.priorPayerClaimId = b.priorPayerClaimId;
        this.priorAdjudications = List.copyOf(b.priorAdjudications);
        this.status = Objects.requireNonNull(b.status, "status");
        this.current = b.current;
        this.payerClaimNumber = b.payerClaimNumber;
        this.priorAuthorizationNumber = b.priorAuthorizationNumber;
        this.billing = b.billing;
        this.rendering = b.rendering;
        this.referring = b.referring;
        this.coverage = b.coverage;
        this.lines = sorted(b.lines);
        this.totalCharge = b.totalCharge != null ? b.totalCharge : sumOfLines(this.lines);
        this.paidAmount = b.paidAmount;
        this.patientResponsibility = b.patientResponsibility;
        this.adjustedAmount = b.adjustedAmount;
        this.submittedAt = b.submittedAt;
        this.delayReasonCode = b.delayReasonCode;
        this.claimNote = b.claimNote;
        this.noPayments = b.noPaymentsWhenRead;
        this.noOpenWork = b.noOpenWorkWhenRead;
    }

    /** A new claim in state CREATED; its first timeline entry says who created it. */
    public static Claim create(Builder builder, Actor actor, String reason, Instant at) {
        builder.status = ClaimStatus.CREATED;
        builder.current = true;
        builder.createdAt = at;
        // a new claim has no payment and no work item yet
        builder.noPaymentsWhenRead = true;
        builder.noOpenWorkWhenRead = true;
        Claim claim = new Claim(builder);
        claim.pendingChanges.add(new StatusChange(null, ClaimStatus.CREATED, at, actor, reason, claim.sourceEventId));
        return claim;
    }

    /** A claim as stored (no pending changes). */
    public static Claim restore(Builder builder) {
        return new Claim(builder);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The next payer's claim for this visit (coordination of benefits): the same lines, charges, diagnoses and
     * parties, billed to {@code coverage}, carrying every earlier payer's adjudication ({@code priors}, in payment
     * order, this claim's payer last), linked to this claim. An original claim, unless it replaces the next payer's
     * earlier claim the payer adjudicated already ({@code replaced}, e.g. after this visit's primary claim was
     * corrected): then a replacement carrying that payer's claim number.
     */
    public Claim forNextPayer(
            String newClaimId,
            String newPatientControlNumber,
            CoverageRef coverage,
            List<PriorAdjudication> priors,
            Claim replaced,
            Actor actor,
            String causeEventId,
            Instant at) {
        if (payerSequence >= 3) {
            throw new IllegalStateException("claim " + claimId + " bills the third payer already; no fourth is billed");
        }
        Builder b = new Builder()
                .claimId(newClaimId)
                .encounterId(encounterId)
                .tenantId(tenantId)
                .codingVersion(codingVersion)
                .frequency(replaced == null ? Frequency.ORIGINAL : Frequency.REPLACEMENT)
                .patientControlNumber(newPatientControlNumber)
                .replacedClaimId(replaced == null ? null : replaced.claimId())
                .replacedPayerClaimNumber(replaced == null ? null : replaced.payerClaimNumber())
                .dateOfService(dateOfService)
                .placeOfService(placeOfService)
                .patientMrn(patientMrn)
                .diagnoses(diagnoses)
                .sourceEventId(sourceEventId)
                .snapshot(snapshot)
                .priorAuthorizationNumber(priorAuthorizationNumber)
                .billing(billing)
                .rendering(rendering)
                .referring(referring)
                .coverage(Objects.requireNonNull(coverage, "coverage"))
                // the same services and charges; line item control numbers of its own, as every claim's (REF*6R)
                .lines(lines.stream()
                        .map(l -> l.withControlNumber(newClaimId + "-" + l.lineNumber()))
                        .toList())
                .totalCharge(totalCharge)
                .payerSequence(payerSequence + 1)
                .priorPayerClaimId(claimId)
                .priorAdjudications(priors);
        b.status = ClaimStatus.CREATED;
        b.current = true;
        b.createdAt = at;
        b.noPaymentsWhenRead = true;
        b.noOpenWorkWhenRead = true;
        Claim next = new Claim(b);
        next.pendingChanges.add(new StatusChange(
                null,
                ClaimStatus.CREATED,
                at,
                actor,
                PriorAdjudication.responsibilityOf(payerSequence + 1).toLowerCase(java.util.Locale.ROOT)
                        + " claim for payer " + coverage.payerId() + " after claim " + claimId + " was adjudicated",
                causeEventId));
        return next;
    }

    /**
     * Moves the claim to {@code next}, recording who and why.
     *
     * @throws IllegalTransitionException when the state machine does not allow it
     */
    public void transitionTo(ClaimStatus next, Actor actor, String reason, String causeEventId, Instant at) {
        if (!status.canBecome(next)) {
            throw new IllegalTransitionException(claimId, status, next);
        }
        pendingChanges.add(new StatusChange(status, next, at, actor, reason, causeEventId));
        status = next;
        if (next == ClaimStatus.SUBMITTED && submittedAt == null) {
            submittedAt = at;
        }
        if (next.isSuperseded()) {
            current = false;
        }
    }

    /** Records something on the timeline that does not change the state. */
    public void note(Actor actor, String reason, String causeEventId, Instant at) {
        pendingChanges.add(new StatusChange(status, status, at, actor, reason, causeEventId));
    }

    /** Re-prices the lines (for example after the fee schedule was fixed) and recomputes the total. */
    public void reprice(List<ClaimLine> repriced) {
        this.lines = sorted(repriced);
        this.linesChanged = true;
        this.totalCharge = sumOfLines(this.lines);
    }

    /** A biller's correction of the claim's data before it is released. */
    public void correct(Correction correction) {
        if (status != ClaimStatus.HELD && status != ClaimStatus.REJECTED) {
            throw new IllegalTransitionException(
                    "Claim " + claimId + " is " + status + "; only a HELD or REJECTED claim can be corrected");
        }
        if (correction.billingNpi() != null) {
            billing = billing.withNpi(correction.billingNpi());
        }
        if (correction.billingTaxId() != null) {
            billing = billing.withTaxId(correction.billingTaxId());
        }
        if (correction.renderingNpi() != null) {
            rendering = rendering == null
                    ? new ProviderRef(correction.renderingNpi(), null, null, false)
                    : rendering.withNpi(correction.renderingNpi());
        }
        if (correction.referringNpi() != null) {
            referring = referring == null
                    ? new ProviderRef(correction.referringNpi(), null, null, false)
                    : referring.withNpi(correction.referringNpi());
        }
        if (correction.memberId() != null && coverage == null) {
            // nothing would be saved: a self-pay claim has no coverage whose member id could change
            throw new IllegalTransitionException("Claim " + claimId + " is self-pay (no coverage): add coverage with "
                    + "its payer and member id, or bill the patient");
        }
        if (correction.memberId() != null) {
            coverage = coverage.withMemberId(correction.memberId());
        }
        if (correction.priorAuthorizationNumber() != null) {
            priorAuthorizationNumber = correction.priorAuthorizationNumber();
        }
    }

    /**
     * Adds coverage to a held or rejected self-pay claim, or replaces its coverage (another payer, member id): the
     * claim goes to that payer when released.
     */
    public void changeCoverage(CoverageRef newCoverage) {
        if (status == ClaimStatus.BILLED_TO_PATIENT) {
            throw new IllegalTransitionException("The claim was billed to the patient (self-pay); coverage is not added"
                    + " to it. If the patient has coverage for the visit, have the visit recoded with it: its new claim"
                    + " goes to the payer and the patient's self-pay charge is taken off");
        }
        if (status != ClaimStatus.HELD && status != ClaimStatus.REJECTED) {
            throw new IllegalTransitionException(
                    "Claim " + claimId + " is " + status + "; only a HELD or REJECTED claim's coverage can change");
        }
        coverage = java.util.Objects.requireNonNull(newCoverage, "coverage");
    }

    /**
     * Bills a held self-pay claim (no coverage) to the patient: the whole charge becomes the patient's responsibility,
     * nothing is left to collect from a payer, and the claim is BILLED_TO_PATIENT.
     *
     * @throws IllegalTransitionException when the claim is not HELD, has coverage, or has a line without a price
     */
    public void billToPatient(Actor actor, String reason, Instant at) {
        if (status != ClaimStatus.HELD) {
            throw new IllegalTransitionException("The claim is " + status
                    + "; only a HELD self-pay claim (no coverage) can be billed to the patient");
        }
        if (coverage != null) {
            throw new IllegalTransitionException("The claim has coverage (payer " + coverage.payerId()
                    + "): it is billed to its payer, not to the patient; fix what holds it and release it");
        }
        if (lines.stream().anyMatch(l -> !l.priced())) {
            throw new IllegalTransitionException(
                    "The claim has a line without a price: add the fee-schedule price " + "before billing the patient");
        }
        patientResponsibility = patientResponsibility.add(balance());
        transitionTo(ClaimStatus.BILLED_TO_PATIENT, actor, "billed to the patient: " + reason, null, at);
    }

    /**
     * A biller's change of line charges and units on a held or rejected claim; the total is the sum of the lines
     * again. A line given units only is priced at its unit price times the new units; a line given a charge keeps it
     * (its unit price becomes charge / units, to the cent, for reading only). Release prices nothing it was given.
     *
     * @return per changed line what it was and is (line number, units, charge), and the total before and after
     * @throws IllegalTransitionException in any other state
     * @throws IllegalArgumentException for a line the claim does not have, a line given twice, or nothing to change
     */
    public List<String> editCharges(List<LineCharge> changes) {
        if (status != ClaimStatus.HELD && status != ClaimStatus.REJECTED) {
            throw new IllegalTransitionException(
                    "Claim " + claimId + " is " + status + "; only a HELD or REJECTED claim's charges can be edited");
        }
        java.util.Map<Integer, LineCharge> byLine = new java.util.HashMap<>();
        for (LineCharge change : changes) {
            if (change.charge() == null && change.units() == null) {
                throw new IllegalArgumentException("each line needs a charge or units to change");
            }
            if (byLine.put(change.lineNumber(), change) != null) {
                throw new IllegalArgumentException("a line is given more than once");
            }
            if (lines.stream().noneMatch(l -> l.lineNumber() == change.lineNumber())) {
                throw new IllegalArgumentException("a line number the claim does not have");
            }
        }
        if (byLine.isEmpty()) {
            throw new IllegalArgumentException("no line to change");
        }
        List<String> done = new ArrayList<>();
        BigDecimal totalBefore = totalCharge;
        List<ClaimLine> edited = new ArrayList<>();
        for (ClaimLine line : lines) {
            LineCharge change = byLine.get(line.lineNumber());
            if (change == null) {
                edited.add(line);
                continue;
            }
            ClaimLine after = line.edited(change.charge(), change.units());
            edited.add(after);
            if (after.units() != line.units() || !Objects.equals(after.charge(), line.charge())) {
                done.add("line " + line.lineNumber() + ": units " + line.units() + " -> " + after.units() + ", charge "
                        + (line.charge() == null ? "none" : line.charge().toPlainString()) + " -> "
                        + (after.charge() == null ? "none" : after.charge().toPlainString()));
            }
        }
        this.lines = sorted(edited);
        this.linesChanged = true;
        this.totalCharge = sumOfLines(this.lines);
        if (!done.isEmpty()) {
            done.add("total " + totalBefore.toPlainString() + " -> " + totalCharge.toPlainString());
        }
        return done;
    }

    /**
     * States why a held or rejected claim past the payer's timely-filing limit is filed late: the delay reason code
     * (CLM20) and the note to the payer with the proof (NTE*ADD). The scrubber then passes its timely-filing rule for
     * this claim (its other rules still apply).
     */
    public void fileLate(String reasonCode, String note) {
        if (status != ClaimStatus.HELD && status != ClaimStatus.REJECTED) {
            throw new IllegalTransitionException("Claim " + claimId + " is " + status
                    + "; only a HELD or REJECTED claim is released with a delay reason");
        }
        this.delayReasonCode = java.util.Objects.requireNonNull(reasonCode, "reasonCode");
        this.claimNote = note;
    }

    /**
     * Posts a later payer's remittance on a claim an earlier payer adjudicated already (a crossover: the earlier payer
     * forwarded the claim): the later payer works on what the patient owed, so the patient's share is restated to
     * its figure, its payment added, and the rest of what the patient owed before is adjusted (written off).
     *
     * @return the adjustment posted: patient share before less the later payer's payment and patient share
     */
    public BigDecimal addLaterPayerPayment(BigDecimal paid, BigDecimal patientAfter) {
        BigDecimal adjusted = patientResponsibility.subtract(paid).subtract(patientAfter);
        paidAmount = paidAmount.add(paid);
        adjustedAmount = adjustedAmount.add(adjusted);
        patientResponsibility = patientAfter;
        return adjusted;
    }

    /** Adds a posted remittance to the claim's money. */
    public void addPayment(BigDecimal paid, BigDecimal patient, BigDecimal adjusted) {
        paidAmount = paidAmount.add(paid);
        patientResponsibility = patientResponsibility.add(patient);
        adjustedAmount = adjustedAmount.add(adjusted);
    }

    /** What is still expected from the payer: charge less paid, patient responsibility and contractual adjustments. */
    public BigDecimal balance() {
        return totalCharge.subtract(paidAmount).subtract(patientResponsibility).subtract(adjustedAmount);
    }

    public void payerClaimNumber(String number) {
        if (number != null && !number.isBlank()) {
            this.payerClaimNumber = number;
        }
    }

    /** Sorted, comma-separated procedure codes with modifiers: what the duplicate check compares. */
    public String serviceKey() {
        return lines.stream()
                .map(l -> l.procedureCode() + (l.modifiers().isEmpty() ? "" : "-" + String.join("-", l.modifiers()))
                        + "x" + l.units())
                .sorted()
                .collect(Collectors.joining(","));
    }

    /** Timeline entries not yet stored; the repository drains them. */
    public List<StatusChange> drainPendingChanges() {
        List<StatusChange> drained = List.copyOf(pendingChanges);
        pendingChanges.clear();
        return drained;
    }

    public List<StatusChange> pendingChanges() {
        return List.copyOf(pendingChanges);
    }

    private static List<ClaimLine> sorted(List<ClaimLine> lines) {
        return lines.stream()
                .sorted(Comparator.comparingInt(ClaimLine::lineNumber))
                .toList();
    }

    private static BigDecimal sumOfLines(List<ClaimLine> lines) {
        return Money.sum(
                lines.stream().filter(ClaimLine::priced).map(ClaimLine::charge).toList());
    }

    private static String require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    public String claimId() {
        return claimId;
    }

    public String encounterId() {
        return encounterId;
    }

    public String tenantId() {
        return tenantId;
    }

    public int codingVersion() {
        return codingVersion;
    }

    public Frequency frequency() {
        return frequency;
    }

    public String patientControlNumber() {
        return patientControlNumber;
    }

    public String replacedClaimId() {
        return replacedClaimId;
    }

    public String replacedPayerClaimNumber() {
        return replacedPayerClaimNumber;
    }

    public LocalDate dateOfService() {
        return dateOfService;
    }

    public String placeOfService() {
        return placeOfService;
    }

    public String patientMrn() {
        return patientMrn;
    }

    public List<Diagnosis> diagnoses() {
        return diagnoses;
    }

    public String sourceEventId() {
        return sourceEventId;
    }

    /** The coded encounter the claim was built from, as the adapter stored it (opaque here; never modify it). */
    public byte[] snapshot() {
        return snapshot;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public ClaimStatus status() {
        return status;
    }

    public boolean current() {
        return current;
    }

    public String payerClaimNumber() {
        return payerClaimNumber;
    }

    public String priorAuthorizationNumber() {
        return priorAuthorizationNumber;
    }

    public ProviderRef billing() {
        return billing;
    }

    public ProviderRef rendering() {
        return rendering;
    }

    public ProviderRef referring() {
        return referring;
    }

    public CoverageRef coverage() {
        return coverage;
    }

    public List<ClaimLine> lines() {
        return lines;
    }

    /**
     * Whether the lines' prices, charges or units may differ from what was stored: they were re-priced or edited
     * since the claim was built or read (a payment or a status change leaves them as they were).
     */
    public boolean linesChanged() {
        return linesChanged;
    }

    public BigDecimal totalCharge() {
        return totalCharge;
    }

    public BigDecimal paidAmount() {
        return paidAmount;
    }

    public BigDecimal patientResponsibility() {
        return patientResponsibility;
    }

    public BigDecimal adjustedAmount() {
        return adjustedAmount;
    }

    public Instant submittedAt() {
        return submittedAt;
    }

    /** The delay reason code (CLM20) of a claim filed after the payer's timely-filing limit; null when in time. */
    public String delayReasonCode() {
        return delayReasonCode;
    }

    /** The note to the payer (NTE*ADD, at most 80 characters), e.g. a late claim's proof of timely filing. */
    public String claimNote() {
        return claimNote;
    }

    /**
     * Whether the claim is known to have no payment posted: none was when it was read in this transaction and none
     * was recorded through {@link #paymentRecorded()} since, so its earlier payments need not be read (issue 22).
     * False when not known.
     */
    public boolean knownToHaveNoPayments() {
        return noPayments;
    }

    /** A payment was recorded for this claim: {@link #knownToHaveNoPayments()} no longer holds. */
    public void paymentRecorded() {
        noPayments = false;
    }

    /**
     * Whether the claim is known to have no open work item: none was open when it was read in this transaction and
     * none was opened through {@link #workItemOpened()} since, so there is nothing to resolve (issue 22). False when
     * not known.
     */
    public boolean knownToHaveNoOpenWork() {
        return noOpenWork;
    }

    /** A work item was opened for this claim: {@link #knownToHaveNoOpenWork()} no longer holds. */
    public void workItemOpened() {
        noOpenWork = false;
    }

    /** The claim's place in the visit's payment order: 1 primary, 2 secondary, 3 tertiary. */
    public int payerSequence() {
        return payerSequence;
    }

    /** The claim of the payer before this one in the visit's payment order; null on a primary claim. */
    public String priorPayerClaimId() {
        return priorPayerClaimId;
    }

    /** Every earlier payer's adjudication of the visit, in payment order; empty on a primary claim. */
    public List<PriorAdjudication> priorAdjudications() {
        return priorAdjudications;
    }

    /** What a biller may correct on a held or rejected claim; null fields stay as they are. */
    public record Correction(
            String billingNpi,
            String billingTaxId,
            String renderingNpi,
            String referringNpi,
            String memberId,
            String priorAuthorizationNumber) {}

    /** A biller's new charge and / or units for one line; null fields stay as they are. */
    public record LineCharge(int lineNumber, BigDecimal charge, Integer units) {}

    /** Builds a claim; for new claims use {@link Claim#create}, for stored ones {@link Claim#restore}. */
    public static final class Builder {
        private String claimId;
        private String encounterId;
        private String tenantId;
        private int codingVersion;
        private Frequency frequency = Frequency.ORIGINAL;
        private String patientControlNumber;
        private String replacedClaimId;
        private String replacedPayerClaimNumber;
        private LocalDate dateOfService;
        private String placeOfService;
        private String patientMrn;
        private List<Diagnosis> diagnoses = List.of();
        private String sourceEventId;
        private byte[] snapshot;
        private Instant createdAt;
        private ClaimStatus status;
        private boolean current;
        private String payerClaimNumber;
        private String priorAuthorizationNumber;
        private ProviderRef billing;
        private ProviderRef rendering;
        private ProviderRef referring;
        private CoverageRef coverage;
        private List<ClaimLine> lines = List.of();
        private BigDecimal totalCharge;
        private BigDecimal paidAmount = Money.ZERO;
        private BigDecimal patientResponsibility = Money.ZERO;
        private BigDecimal adjustedAmount = Money.ZERO;
        private Instant submittedAt;
        private int payerSequence = 1;
        private String priorPayerClaimId;
        private List<PriorAdjudication> priorAdjudications = List.of();
        private String delayReasonCode;
        private String claimNote;
        private boolean noPaymentsWhenRead;
        private boolean noOpenWorkWhenRead;

        private Builder() {}

        /** As stored: whether the claim had no payment posted when read ({@link Claim#knownToHaveNoPayments()}). */
        public Builder noPaymentsWhenRead(boolean v) {
            noPaymentsWhenRead = v;
            return this;
        }

        /** As stored: whether the claim had no open work item when read ({@link Claim#knownToHaveNoOpenWork()}). */
        public Builder noOpenWorkWhenRead(boolean v) {
            noOpenWorkWhenRead = v;
            return this;
        }

        public Builder delayReasonCode(String v) {
            delayReasonCode = v;
            return this;
        }

        public Builder claimNote(String v) {
            claimNote = v;
            return this;
        }

        public Builder payerSequence(int v) {
            payerSequence = v;
            return this;
        }

        public int payerSequence() {
            return payerSequence;
        }

        public Builder priorPayerClaimId(String v) {
            priorPayerClaimId = v;
            return this;
        }

        public Builder priorAdjudications(List<PriorAdjudication> v) {
            priorAdjudications = v;
            return this;
        }

        public Builder claimId(String v) {
            claimId = v;
            return this;
        }

        public String claimId() {
            return claimId;
        }

        public Builder encounterId(String v) {
            encounterId = v;
            return this;
        }

        public Builder tenantId(String v) {
            tenantId = v;
            return this;
        }

        public Builder codingVersion(int v) {
            codingVersion = v;
            return this;
        }

        public Builder frequency(Frequency v) {
            frequency = v;
            return this;
        }

        public Builder patientControlNumber(String v) {
            patientControlNumber = v;
            return this;
        }

        public Builder replacedClaimId(String v) {
            replacedClaimId = v;
            return this;
        }

        public Builder replacedPayerClaimNumber(String v) {
            replacedPayerClaimNumber = v;
            return this;
        }

        public Builder dateOfService(LocalDate v) {
            dateOfService = v;
            return this;
        }

        public Builder placeOfService(String v) {
            placeOfService = v;
            return this;
        }

        public Builder patientMrn(String v) {
            patientMrn = v;
            return this;
        }

        public Builder diagnoses(List<Diagnosis> v) {
            diagnoses = v;
            return this;
        }

        public Builder sourceEventId(String v) {
            sourceEventId = v;
            return this;
        }

        public Builder snapshot(byte[] v) {
            snapshot = v;
            return this;
        }

        public Builder createdAt(Instant v) {
            createdAt = v;
            return this;
        }

        public Builder status(ClaimStatus v) {
            status = v;
            return this;
        }

        public Builder current(boolean v) {
            current = v;
            return this;
        }

        public Builder payerClaimNumber(String v) {
            payerClaimNumber = v;
            return this;
        }

        public Builder priorAuthorizationNumber(String v) {
            priorAuthorizationNumber = v;
            return this;
        }

        public Builder billing(ProviderRef v) {
            billing = v;
            return this;
        }

        public Builder rendering(ProviderRef v) {
            rendering = v;
            return this;
        }

        public Builder referring(ProviderRef v) {
            referring = v;
            return this;
        }

        public Builder coverage(CoverageRef v) {
            coverage = v;
            return this;
        }

        public Builder lines(List<ClaimLine> v) {
            lines = v;
            return this;
        }

        public Builder totalCharge(BigDecimal v) {
            totalCharge = v;
            return this;
        }

        public Builder paidAmount(BigDecimal v) {
            paidAmount = v;
            return this;
        }

        public Builder patientResponsibility(BigDecimal v) {
            patientResponsibility = v;
            return this;
        }

        public Builder adjustedAmount(BigDecimal v) {
            adjustedAmount = v;
            return this;
        }

        public Builder submittedAt(Instant v) {
            submittedAt = v;
            return this;
        }
    }
}
