package io.claimflow.adjudication.response;

import io.claimflow.adjudication.claim.ClaimEvents;
import io.claimflow.adjudication.claim.ClaimIntake;
import io.claimflow.adjudication.claim.ClaimStatus;
import io.claimflow.adjudication.claim.DenialCategories;
import io.claimflow.adjudication.claim.Notices;
import io.claimflow.adjudication.claim.OutboundClaim;
import io.claimflow.adjudication.claim.OutboundClaims;
import io.claimflow.adjudication.claim.SentClaim;
import io.claimflow.adjudication.submission.Interchanges;
import io.claimflow.adjudication.x12.ProviderAdjustmentReasons;
import io.claimflow.adjudication.x12.Remittance;
import io.claimflow.codes.DenialCategory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Posts an 835 file: every transaction set must balance first ({@link Balancing}), else nothing of the file is
 * posted and it is quarantined. An ERA already posted (same payer, TRN03, and trace number, TRN02) posts nothing
 * when its content is the same, and quarantines the file, saying what differs, when it is not
 * ({@link #checkReusedTraces}). Each CLP is matched to a claim by patient control number (CLP01), else by the payer
 * claim number (CLP07) a 277CA gave, else by member id and date of service when exactly one claim has them; a CLP
 * matching nothing is kept as unmatched and posted when its claim becomes known ({@link #rematch}).
 *
 * <p>By claim status (CLP02): 4 gives a ClaimDenied; 22 (reversal) a PaymentPosted with negative amounts and the
 * claim REVERSED, once: a reversal with no posted payment left to reverse is recorded, not posted; 23 (forwarded)
 * and 25 (predetermination) a PaymentPosted with that status and the claim FORWARDED / PREDETERMINED, never PAID;
 * anything else a PaymentPosted (and a ClaimDenied for its fully denied lines). A payment for charges already
 * covered by posted payments (the same CLP under a new trace) is still posted (the money arrived) and recorded as an
 * OVERPAYMENT with its amount. The PLB adjustments are recorded per deposit. All in the caller's transaction.
 */
@Service
public class RemittancePosting {

    private static final Logger LOG = LoggerFactory.getLogger(RemittancePosting.class);
    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);
    /** CLP02 processed as primary, secondary or tertiary and forwarded to the next payer (crossover). */
    static final Set<String> FORWARDED_TO_NEXT_PAYER = Set.of("19", "20", "21");

    private final OutboundClaims claims;
    private final Remittances remittances;
    private final Interchanges interchanges;
    private final ClaimEvents events;

    public RemittancePosting(
            OutboundClaims claims, Remittances remittances, Interchanges interchanges, ClaimEvents events) {
        this.claims = claims;
        this.remittances = remittances;
        this.interchanges = interchanges;
        this.events = events;
    }

    /** Result: what happened to the file. */
    public record Result(String status, int posted, int duplicates, int unmatched) {}

    /**
     * Checks that every transaction set of the file balances.
     *
     * @throws QuarantineException naming the rules broken (not transactional on purpose: the caller's transaction
     *     goes on to quarantine the file)
     */
    public void check(List<Remittance> file) {
        List<String> problems = new ArrayList<>();
        for (Remittance remittance : file) {
            problems.addAll(Balancing.problems(remittance));
        }
        if (!problems.isEmpty()) {
            throw new QuarantineException("does not balance: "
                    + String.join("; ", problems.subList(0, Math.min(5, problems.size())))
                    + (problems.size() > 5 ? "; and " + (problems.size() - 5) + " more" : ""));
        }
    }

    /**
     * Checks that an ERA whose payer and trace number were posted before has the same content (then it is a
     * duplicate and posts nothing); a reused trace with other content is refused, saying what differs.
     *
     * @return the ERAs posted before (payer key and trace, {@link #eraKey}), for {@link #post} to skip
     * @throws QuarantineException naming the trace and the differences
     */
    public Set<String> checkReusedTraces(List<Remittance> file) {
        Set<String> postedBefore = new HashSet<>();
        for (Remittance remittance : file) {
            Optional<Remittances.Deposit> posted = remittances.find(remittance.payerKey(), remittance.traceNumber());
            if (posted.isEmpty()) {
                continue;
            }
            postedBefore.add(eraKey(remittance));
            List<String> differences = differences(posted.get(), remittance);
            if (!differences.isEmpty()) {
                throw new QuarantineException("trace " + remittance.traceNumber() + " of payer "
                        + remittance.payerKey() + " was posted before (deposit "
                        + posted.get().id() + ", file "
                        + posted.get().interchangeId() + ") with other content: " + String.join("; ", differences));
            }
        }
        return postedBefore;
    }

    private static List<String> differences(Remittances.Deposit posted, Remittance now) {
        List<String> differences = new ArrayList<>();
        BigDecimal payment = "D".equals(now.creditDebit()) ? now.paymentAmount().negate() : now.paymentAmount();
        if (posted.paymentAmount().compareTo(payment) != 0) {
            differences.add("BPR02 " + posted.paymentAmount() + ", now " + payment.setScale(2));
        }
        if (posted.paymentDate() != null && !posted.paymentDate().equals(now.paymentDate())) {
            differences.add("payment date " + posted.paymentDate() + ", now " + now.paymentDate());
        }
        if (!posted.paymentMethod().equals(paymentMethod(now.paymentMethod()))) {
            differences.add("payment method " + posted.paymentMethod() + ", now " + paymentMethod(now.paymentMethod()));
        }
        List<String> before = posted.claims().stream()
                .map(c -> clp(c.patientControlNumber(), c.statusCode(), c.charge(), c.paid()))
                .sorted()
                .toList();
        List<String> after = now.claims().stream()
                .map(c -> clp(c.patientControlNumber(), c.statusCode(), c.chargeAmount(), c.paidAmount()))
                .sorted()
                .toList();
        if (!before.equals(after)) {
            List<String> gone = new ArrayList<>(before);
            gone.removeAll(after);
            List<String> added = new ArrayList<>(after);
            added.removeAll(before);
            differences.add("claims (CLP01 status charge paid) " + before.size() + ", now " + after.size()
                    + (gone.isEmpty() ? "" : "; only before: " + gone)
                    + (added.isEmpty() ? "" : "; only now: " + added));
        }
        List<String> plbBefore = posted.providerAdjustments().stream()
                .map(p ->
                        p.reasonCode() + ":" + p.reference() + " " + p.amount().setScale(2))
                .sorted()
                .toList();
        List<String> plbAfter = now.providerAdjustments().stream()
                .map(p -> p.reason() + ":" + p.reference() + " " + p.amount().setScale(2))
                .sorted()
                .toList();
        if (!plbBefore.equals(plbAfter)) {
            differences.add("provider adjustments (PLB) " + plbBefore + ", now " + plbAfter);
        }
        return differences;
    }

    private static String clp(String pcn, String status, BigDecimal charge, BigDecimal paid) {
        return pcn + " " + status + " " + charge.setScale(2) + " " + paid.setScale(2);
    }

    /** An ERA's payer key and trace number, as one string. */
    private static String eraKey(Remittance remittance) {
        return remittance.payerKey() + "|" + remittance.traceNumber();
    }

    /**
     * Posts a file that {@link #check passed the check}, in the caller's transaction; {@code postedBefore} is what
     * {@link #checkReusedTraces} found for it in this transaction (not read again; the unique key on payer key and
     * trace stops a concurrent second posting of the same ERA).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Result post(List<Remittance> file, long interchangeId, Set<String> postedBefore) {
        // the claims the file's CLPs name by CLP01, and what their payments posted before cover, read once for the
        // file; its claims' statuses, X12 history and remittance rows written once at its end
        Map<String, SentClaim> byPcn = claims.byPatientControlNumbers(file.stream()
                .flatMap(r -> r.claims().stream())
                .map(Remittance.ClaimPayment::patientControlNumber)
                .filter(java.util.Objects::nonNull)
                .collect(Collectors.toSet()));
        FileWork work = new FileWork(
                byPcn,
                remittances.paidChargesCovered(
                        byPcn.values().stream().map(c -> c.claim().claimId()).collect(Collectors.toSet())));
        int posted = 0;
        int duplicates = 0;
        int unmatched = 0;
        Set<String> seenInFile = new LinkedHashSet<>();
        for (Remittance remittance : file) {
            String key = eraKey(remittance);
            if (!seenInFile.add(key) || postedBefore.contains(key)) {
                duplicates++;
                LOG.info(
                        "ERA trace {} of payer {} was posted before; nothing posted again",
                        remittance.traceNumber(),
                        remittance.payerKey());
                continue;
            }
            long remittanceId =
                    remittances.record(remittance, interchangeId, paymentMethod(remittance.paymentMethod()));
            for (Remittance.ProviderAdjustment adjustment : remittance.providerAdjustments()) {
                remittances.recordProviderAdjustment(
                        remittanceId, adjustment, ProviderAdjustmentReasons.kind(adjustment.reason()));
            }
            for (Remittance.ClaimPayment payment : remittance.claims()) {
                Optional<Match> match = match(payment, work);
                if (match.isEmpty()) {
                    unmatched++;
                    work.recordClaim(remittance, remittanceId, null, payment, "UNMATCHED", null, null);
                    LOG.warn(
                            "835 trace {}: CLP for a claim the gateway never sent kept as unmatched",
                            remittance.traceNumber());
                    continue;
                }
                Posted outcome = postClaim(remittance, payment, match.get().claim(), interchangeId, work);
                work.recordClaim(
                        remittance,
                        remittanceId,
                        match.get().claim().claim(),
                        payment,
                        outcome.outcome(),
                        outcome.overpaid(),
                        match.get().by());
                posted++;
            }
        }
        work.flush();
        String status = posted + unmatched > 0 ? "POSTED" : "DUPLICATE";
        return new Result(status, posted, duplicates, unmatched);
    }

    /**
     * Posts the CLPs kept unmatched that are these claims' ({@link #rematch(String)} each), with one read when none
     * can be (the usual case: a 277CA's accepted claims, a claim taken in); returns how many.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int rematch(Collection<String> claimIds) {
        if (claimIds.isEmpty() || !remittances.anyUnmatchedFor(claimIds)) {
            return 0;
        }
        int matched = 0;
        for (String claimId : new LinkedHashSet<>(claimIds)) {
            matched += rematch(claimId);
        }
        return matched;
    }

    /**
     * Posts the CLPs kept unmatched that are this claim's (same CLP01, its payer claim number in CLP07, or its member
     * id and a date of service of its lines), now that the claim is known; returns how many.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int rematch(String claimId) {
        Optional<SentClaim> found = claims.byClaimId(claimId);
        if (found.isEmpty()) {
            return 0;
        }
        SentClaim sent = found.get();
        OutboundClaim claim = sent.claim();
        int matched = 0;
        for (Remittances.UnmatchedPayment candidate : remittances.unmatchedCandidates(
                claim.patientControlNumber(),
                sent.payerClaimNumber(),
                claim.coverage().memberId())) {
            Remittance.ClaimPayment payment = candidate.payment();
            String by;
            if (claim.patientControlNumber().equals(payment.patientControlNumber())) {
                by = "CLP01";
            } else if (sent.payerClaimNumber() != null
                    && sent.payerClaimNumber().equals(payment.payerClaimNumber())) {
                by = "CLP07";
            } else if (sameMemberAndDate(claim, payment)) {
                by = "MEMBER_DATE_OF_SERVICE";
            } else {
                continue;
            }
            Posted outcome = postKept(candidate, claims.byClaimId(claimId).orElseThrow());
            remittances.matchLater(
                    candidate.remittanceClaimId(), claimId, outcome.outcome(), outcome.overpaid(), by + "_LATER");
            LOG.info(
                    "claim {}: a CLP of trace {} kept unmatched is posted now (matched by {})",
                    claimId,
                    candidate.deposit().traceNumber(),
                    by);
            matched++;
        }
        return matched;
    }

    /**
     * A claim taken in: the 835s that came first may pay it (not looked at again when the intake found none that
     * could).
     */
    @EventListener
    public void on(ClaimIntake.ClaimTaken taken) {
        if (taken.keptPaymentsMayMatch()) {
            rematch(List.of(taken.claimId()));
        }
    }

    /**
     * Posts a CLP kept unmatched to the claim now found for it (later, or by a person), exactly as a CLP matched when
     * its file came: events, the claim's status, its X12 history; the caller records the match.
     */
    Posted postKept(Remittances.UnmatchedPayment kept, SentClaim claim) {
        FileWork work = new FileWork(Map.of(), Map.of());
        Posted posted = postClaim(kept.deposit(), kept.payment(), claim, kept.interchangeId(), work);
        work.flush();
        return posted;
    }

    /**
     * A file's work on its claims: the claims its CLPs name by CLP01 and what their earlier payments cover, read
     * once; the claims' new statuses, X12 history and remittance rows, written once (in one statement each) at the
     * end, or before any other read of them, so that every read sees what the file changed before it.
     */
    private final class FileWork {

        private static final Set<String> COVERING = Set.of("PAID", "PARTIALLY_DENIED", "OVERPAYMENT", "REVERSED");

        private final Map<String, SentClaim> byPcn;
        private final Map<String, Map<String, BigDecimal>> covered;
        private final List<OutboundClaims.StatusChange> statuses = new ArrayList<>();
        private final List<Interchanges.NewClaimEvent> events = new ArrayList<>();
        private final List<Remittances.NewClaim> recorded = new ArrayList<>();

        FileWork(Map<String, SentClaim> byPcn, Map<String, Map<String, BigDecimal>> covered) {
            this.byPcn = byPcn;
            this.covered = new HashMap<>(covered);
        }

        Optional<SentClaim> byPatientControlNumber(String patientControlNumber) {
            // read for the whole file: a CLP01 not found then is no claim's (posting moves no claim into or out of
            // the send queue, which is all that read leaves out)
            return Optional.ofNullable(patientControlNumber == null ? null : byPcn.get(patientControlNumber));
        }

        BigDecimal paidChargeCovered(String claimId, String payerId) {
            Map<String, BigDecimal> byPayer = covered.get(claimId);
            if (byPayer == null) {
                flush();
                byPayer = new HashMap<>(
                        remittances.paidChargesCovered(List.of(claimId)).getOrDefault(claimId, Map.of()));
                covered.put(claimId, byPayer);
            }
            return byPayer.getOrDefault(payerId, BigDecimal.ZERO);
        }

        void status(String claimId, ClaimStatus status, String payerClaimNumber) {
            statuses.add(new OutboundClaims.StatusChange(claimId, status, payerClaimNumber));
        }

        void event(String claimId, long interchangeId, String outcome, String detail) {
            events.add(new Interchanges.NewClaimEvent(claimId, interchangeId, "835", outcome, detail));
        }

        void recordClaim(
                Remittance remittance,
                long remittanceId,
                OutboundClaim claim,
                Remittance.ClaimPayment payment,
                String outcome,
                BigDecimal overpaid,
                String matchedBy) {
            recorded.add(new Remittances.NewClaim(
                    remittanceId, claim == null ? null : claim.claimId(), payment, outcome, overpaid, matchedBy));
            Map<String, BigDecimal> byPayer = claim == null ? null : covered.get(claim.claimId());
            if (byPayer != null && COVERING.contains(outcome)) {
                // as the covered charge read would count it: by the deposit's payer (REF*2U), else the claim's
                String payerId = remittance.payerId() != null ? remittance.payerId() : claim.payerId();
                byPayer.merge(payerId, payment.chargeAmount(), BigDecimal::add);
            }
        }

        /** Writes what the file changed so far. */
        void flush() {
            claims.updateStatuses(statuses);
            interchanges.recordClaimEvents(events);
            remittances.recordClaims(recorded);
            statuses.clear();
            events.clear();
            recorded.clear();
        }
    }

    private record Match(SentClaim claim, String by) {}

    /** What became of a posted CLP (PAID, DENIED, OVERPAYMENT, ...) and the amount paid twice, if any. */
    record Posted(String outcome, BigDecimal overpaid) {}

    private Optional<Match> match(Remittance.ClaimPayment payment, FileWork work) {
        if ("22".equals(payment.statusCode()) && payment.payerClaimNumber() != null) {
            // a reversal names the payer claim number of the payment it takes back: the claim paid, even when a
            // replacement with the same patient control number was sent since
            work.flush();
            Optional<SentClaim> reversed = claims.byPayerClaimNumber(payment.payerClaimNumber());
            if (reversed.isPresent()) {
                return Optional.of(new Match(reversed.get(), "CLP07"));
            }
        }
        Optional<SentClaim> byPcn = work.byPatientControlNumber(payment.patientControlNumber());
        if (byPcn.isPresent()) {
            return Optional.of(new Match(byPcn.get(), "CLP01"));
        }
        if (payment.payerClaimNumber() != null) {
            work.flush();
            Optional<SentClaim> byPayerNumber = claims.byPayerClaimNumber(payment.payerClaimNumber());
            if (byPayerNumber.isPresent()) {
                return Optional.of(new Match(byPayerNumber.get(), "CLP07"));
            }
        }
        if (payment.memberId() != null && !payment.datesOfService().isEmpty()) {
            work.flush();
            List<SentClaim> candidates = claims.byMemberId(payment.memberId()).stream()
                    .filter(c -> sameMemberAndDate(c.claim(), payment))
                    .toList();
            if (candidates.size() == 1) {
                return Optional.of(new Match(candidates.get(0), "MEMBER_DATE_OF_SERVICE"));
            }
        }
        return Optional.empty();
    }

    private static boolean sameMemberAndDate(OutboundClaim claim, Remittance.ClaimPayment payment) {
        return payment.memberId() != null
                && payment.memberId().equals(claim.coverage().memberId())
                && claim.lines().stream().anyMatch(l -> payment.datesOfService().contains(l.dateOfService()));
    }

    private Posted postClaim(
            Remittance remittance, Remittance.ClaimPayment payment, SentClaim sent, long interchangeId, FileWork work) {
        OutboundClaim claim = sent.claim();
        Notices.ClaimRef ref = new Notices.ClaimRef(
                claim.claimId(),
                claim.encounterId(),
                claim.tenantId(),
                claim.submittedEventId(),
                claim.payerId(),
                claim.coverage().payerName(),
                claim.totalCharge());
        List<Notices.Line> lines =
                payment.lines().stream().map(l -> line(l, claim)).toList();
        List<Notices.Adjustment> claimAdjustments = payment.adjustments().stream()
                .map(RemittancePosting::adjustment)
                .toList();
        Notices.NextPayer paying = payingPayer(remittance, sent);
        String payerId = paying.payerId();
        String payerName = paying.payerName();
        // the next payer of a crossover pays on the same claim: the claim's payer claim number stays the billed one's
        String payerClaimNumber = payerId.equals(claim.payerId()) ? payment.payerClaimNumber() : null;
        Notices.NextPayer nextPayer = nextPayer(claim, payment, payerId);
        // a denial names the payer whose 835 denied: on a crossed-over claim the next payer, not the billed one
        Notices.ClaimRef deniedBy = new Notices.ClaimRef(
                claim.claimId(),
                claim.encounterId(),
                claim.tenantId(),
                claim.submittedEventId(),
                payerId,
                payerName,
                claim.totalCharge());
        // a claim not sent yet (an ERA that came first) keeps its way to the payer
        boolean moveState = sent.status() != ClaimStatus.QUEUED && sent.status() != ClaimStatus.BATCHED;
        String outcome;
        BigDecimal overpaid = null;
        String status = payment.statusCode();
        if ("4".equals(status)) {
            events.denied(denial(deniedBy, remittance, payment, claimAdjustments, lines, false));
            if (moveState) {
                work.status(claim.claimId(), ClaimStatus.DENIED, payerClaimNumber);
            }
            outcome = "DENIED";
        } else if ("22".equals(status)
                && work.paidChargeCovered(claim.claimId(), payerId).signum() <= 0) {
            // nothing posted is left to take back: this reversal was posted before (or pays nothing we posted)
            outcome = "REVERSAL_NOT_POSTED";
        } else {
            List<Notices.Adjustment> all = new ArrayList<>(claimAdjustments);
            lines.forEach(l -> all.addAll(l.adjustments()));
            Notices.PatientShare share = new Notices.PatientShare(
                    pr(all, "1"),
                    pr(all, "2"),
                    pr(all, "3"),
                    all.stream()
                            .filter(a -> a.groupCode().equals("PR")
                                    && !List.of("1", "2", "3").contains(a.reasonCode()))
                            .map(Notices.Adjustment::amount)
                            .reduce(ZERO, BigDecimal::add));
            BigDecimal contractual = all.stream()
                    .filter(a -> a.groupCode().equals("CO"))
                    .map(Notices.Adjustment::amount)
                    .reduce(ZERO, BigDecimal::add);
            events.paid(new Notices.Payment(
                    ref,
                    payment.patientControlNumber(),
                    payerId,
                    payerName,
                    payment.payerClaimNumber(),
                    remittance.paymentDate(),
                    remittance.traceNumber(),
                    paymentMethod(remittance.paymentMethod()),
                    status,
                    payment.chargeAmount(),
                    payment.paidAmount(),
                    share,
                    contractual,
                    claimAdjustments,
                    payment.remarkCodes(),
                    lines,
                    nextPayer));
            ClaimStatus next;
            switch (status) {
                case "22" -> {
                    outcome = "REVERSED";
                    next = ClaimStatus.REVERSED;
                }
                case "23" -> {
                    outcome = "FORWARDED";
                    next = ClaimStatus.FORWARDED;
                }
                case "25" -> {
                    outcome = "PREDETERMINATION";
                    next = ClaimStatus.PREDETERMINED;
                }
                default -> {
                    next = FORWARDED_TO_NEXT_PAYER.contains(status) ? ClaimStatus.CROSSED_OVER : ClaimStatus.PAID;
                    if (next == ClaimStatus.CROSSED_OVER && nextPayer != null) {
                        claims.recordCrossover(claim.claimId(), nextPayer.payerId(), nextPayer.payerName());
                    }
                    BigDecimal covered = work.paidChargeCovered(claim.claimId(), payerId);
                    List<Notices.Line> denied =
                            lines.stream().filter(RemittancePosting::deniedLine).toList();
                    if (payment.paidAmount().signum() > 0
                            && covered.add(payment.chargeAmount()).compareTo(claim.totalCharge()) > 0) {
                        // charges its earlier payments cover already: the payer paid the claim twice
                        outcome = "OVERPAYMENT";
                        overpaid = payment.paidAmount();
                    } else if (!denied.isEmpty()) {
                        // its payment above carries the claim's whole patient share, these lines' included
                        events.denied(denial(deniedBy, remittance, payment, List.of(), denied, true));
                        outcome = "PARTIALLY_DENIED";
                    } else {
                        outcome = "PAID";
                    }
                }
            }
            if (moveState) {
                work.status(claim.claimId(), next, payerClaimNumber);
            }
        }
        work.event(
                claim.claimId(),
                interchangeId,
                outcome,
                "trace " + remittance.traceNumber() + ", paid " + payment.paidAmount() + " of " + payment.chargeAmount()
                        + (overpaid == null ? "" : ", overpaid " + overpaid));
        if (overpaid != null) {
            LOG.warn(
                    "claim {}: trace {} pays charges paid before; posted as an overpayment of {}",
                    claim.claimId(),
                    remittance.traceNumber(),
                    overpaid);
        }
        return new Posted(outcome, overpaid);
    }

    /**
     * The payer of the remittance: its REF*2U; else the claim's payer (billed or other coverage) or crossover payer
     * whose name its N1*PR gives; else the claim's billed payer.
     */
    private Notices.NextPayer payingPayer(Remittance remittance, SentClaim sent) {
        OutboundClaim claim = sent.claim();
        String name = remittance.payerName();
        if (remittance.payerId() != null) {
            return new Notices.NextPayer(
                    remittance.payerId(),
                    name != null
                            ? name
                            : claim.paymentOrder().stream()
                                    .filter(c -> c.payerId().equals(remittance.payerId()))
                                    .map(OutboundClaim.Coverage::payerName)
                                    .findFirst()
                                    .orElse(claim.coverage().payerName()));
        }
        if (name != null) {
            Optional<OutboundClaim.Coverage> named = claim.paymentOrder().stream()
                    .filter(c -> c.payerName().equalsIgnoreCase(name))
                    .findFirst();
            if (named.isPresent()) {
                return new Notices.NextPayer(named.get().payerId(), name);
            }
            Optional<Notices.NextPayer> crossover = claims.crossoverPayer(claim.claimId());
            if (crossover.isPresent() && name.equalsIgnoreCase(crossover.get().payerName())) {
                return new Notices.NextPayer(crossover.get().payerId(), name);
            }
        }
        return new Notices.NextPayer(
                claim.payerId(), name != null ? name : claim.coverage().payerName());
    }

    /**
     * Who answers after this payer (coordination of benefits): for a claim processed and forwarded (CLP02 19-21,
     * crossover) the crossover carrier (NM1*TT), else the next coverage in the claim's payment order; nobody after a
     * reversal, a claim not the payer's (23) or a predetermination (25); else the next coverage after the paying
     * payer, null when it is the last.
     */
    static Notices.NextPayer nextPayer(OutboundClaim claim, Remittance.ClaimPayment payment, String payingPayerId) {
        String status = payment.statusCode();
        if (FORWARDED_TO_NEXT_PAYER.contains(status) && payment.crossoverCarrierId() != null) {
            String id = payment.crossoverCarrierId();
            String name = payment.crossoverCarrierName() != null
                    ? payment.crossoverCarrierName()
                    : claim.paymentOrder().stream()
                            .filter(c -> c.payerId().equals(id))
                            .map(OutboundClaim.Coverage::payerName)
                            .findFirst()
                            .orElse(id);
            return new Notices.NextPayer(id, name);
        }
        if (Set.of("22", "23", "25").contains(status)) {
            return null;
        }
        return claim.nextAfter(payingPayerId)
                .map(c -> new Notices.NextPayer(c.payerId(), c.payerName()))
                .orElse(null);
    }

    private static Notices.Denial denial(
            Notices.ClaimRef ref,
            Remittance remittance,
            Remittance.ClaimPayment payment,
            List<Notices.Adjustment> claimAdjustments,
            List<Notices.Line> lines,
            boolean paidInSameRemittance) {
        Set<String> carcs = new LinkedHashSet<>();
        Set<String> rarcs = new LinkedHashSet<>(payment.remarkCodes());
        claimAdjustments.stream()
                .map(Notices.Adjustment::reasonCode)
                .filter(c -> !DenialCategories.NOT_DENIALS.contains(c))
                .forEach(carcs::add);
        for (Notices.Line line : lines) {
            line.adjustments().stream()
                    .map(Notices.Adjustment::reasonCode)
                    .filter(c -> !DenialCategories.NOT_DENIALS.contains(c))
                    .forEach(carcs::add);
            rarcs.addAll(line.remarkCodes());
        }
        DenialCategory category = DenialCategories.ofRemittance(carcs, rarcs);
        String text = (carcs.isEmpty() ? "" : "CARC " + String.join(", ", carcs))
                + (rarcs.isEmpty() ? "" : (carcs.isEmpty() ? "" : "; ") + "RARC " + String.join(", ", rarcs));
        return new Notices.Denial(
                ref,
                payment.patientControlNumber(),
                Notices.Stage.ADJUDICATED,
                Notices.Source.X12_835,
                payment.payerClaimNumber(),
                remittance.traceNumber(),
                category,
                claimAdjustments,
                payment.remarkCodes(),
                lines,
                List.of(),
                text.isEmpty() ? null : text,
                paidInSameRemittance);
    }

    /** Paid nothing and adjusted for a reason other than the patient's share or the fee schedule. */
    private static boolean deniedLine(Notices.Line line) {
        return line.paidAmount().signum() == 0
                && line.adjustments().stream().anyMatch(a -> !DenialCategories.NOT_DENIALS.contains(a.reasonCode()));
    }

    private static Notices.Line line(Remittance.ServicePayment service, OutboundClaim claim) {
        Map<String, OutboundClaim.Line> byControl = claim.lines().stream()
                .collect(Collectors.toMap(OutboundClaim.Line::lineItemControlNumber, Function.identity(), (a, b) -> a));
        OutboundClaim.Line billed =
                service.lineItemControlNumber() == null ? null : byControl.get(service.lineItemControlNumber());
        return new Notices.Line(
                billed == null ? null : billed.lineNumber(),
                service.lineItemControlNumber(),
                service.procedureCode(),
                codeSystem(service.procedureCode()),
                service.modifiers(),
                service.dateOfService() != null
                        ? service.dateOfService()
                        : billed == null ? null : billed.dateOfService(),
                service.units(),
                service.chargeAmount(),
                service.allowedAmount(),
                service.paidAmount(),
                service.adjustments().stream()
                        .map(RemittancePosting::adjustment)
                        .toList(),
                service.remarkCodes());
    }

    /** CPT codes are five digits (or four and a letter for category II/III); HCPCS Level II start with a letter. */
    static String codeSystem(String code) {
        return code != null && !code.isEmpty() && Character.isLetter(code.charAt(0)) ? "HCPCS" : "CPT";
    }

    private static Notices.Adjustment adjustment(Remittance.Cas cas) {
        return new Notices.Adjustment(cas.group(), cas.reason(), cas.amount());
    }

    private static BigDecimal pr(List<Notices.Adjustment> adjustments, String carc) {
        return adjustments.stream()
                .filter(a -> a.groupCode().equals("PR") && a.reasonCode().equals(carc))
                .map(Notices.Adjustment::amount)
                .reduce(ZERO, BigDecimal::add);
    }

    static String paymentMethod(String bpr04) {
        return switch (bpr04 == null ? "" : bpr04) {
            case "CHK" -> "CHECK";
            case "ACH", "FWT", "BOP" -> "EFT";
            case "NON" -> "NON_PAYMENT";
            default -> "OTHER";
        };
    }
}
