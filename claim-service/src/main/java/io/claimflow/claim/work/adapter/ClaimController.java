package io.claimflow.claim.work.adapter;

import io.claimflow.claim.denial.DenialHandling;
import io.claimflow.claim.model.Actor;
import io.claimflow.claim.model.Claim;
import io.claimflow.claim.model.ClaimLine;
import io.claimflow.claim.model.ClaimStatus;
import io.claimflow.claim.model.Diagnosis;
import io.claimflow.claim.model.PriorAdjudication;
import io.claimflow.claim.model.ScrubFinding;
import io.claimflow.claim.model.StatusChange;
import io.claimflow.claim.payment.Payments;
import io.claimflow.claim.payment.VisitMoney;
import io.claimflow.claim.work.ClaimDetail;
import io.claimflow.claim.work.ClaimQueries;
import io.claimflow.claim.work.ClaimSearch;
import io.claimflow.claim.work.ClaimSummary;
import io.claimflow.claim.work.ClaimWork;
import io.claimflow.claim.workitem.Page;
import io.claimflow.claim.workitem.PageRequest;
import io.claimflow.claim.workitem.WorkItems;
import io.claimflow.claim.workitem.WorkQueue;
import io.claimflow.platform.audit.AuditTrail;
import io.claimflow.platform.security.CurrentUser;
import io.claimflow.platform.validation.DateWithin;
import io.claimflow.platform.validation.Identifier;
import io.claimflow.platform.validation.InvalidInputException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Billers' REST API on claims: search, detail with timeline, correct and release held claims, void, appeal, write
 * off, follow-up notes, and the work lists (denials, held, follow-up) and the aging report. Detail reads and every
 * change go to the audit trail.
 */
@RestController
class ClaimController {

    private final ClaimWork work;
    private final io.claimflow.claim.work.LateFiling lateFiling;
    private final DenialHandling denials;
    private final AuditTrail auditTrail;
    private final Clock clock;

    ClaimController(
            ClaimWork work,
            io.claimflow.claim.work.LateFiling lateFiling,
            DenialHandling denials,
            AuditTrail auditTrail,
            Clock clock) {
        this.work = work;
        this.lateFiling = lateFiling;
        this.denials = denials;
        this.auditTrail = auditTrail;
        this.clock = clock;
    }

    @GetMapping("/claims")
    @PreAuthorize("hasAnyRole('BILLER', 'PATIENT_ACCOUNTS', 'AUDITOR')")
    Page<ClaimSummary> search(
            @RequestParam(required = false) String status,
            @RequestParam(required = false) @Identifier String payerId,
            @RequestParam(required = false) @Identifier String patientMrn,
            @RequestParam(required = false) @Identifier String encounterId,
            @RequestParam(required = false)
                    @DateWithin(yearsBack = 100, yearsAhead = 10)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                    LocalDate serviceFrom,
            @RequestParam(required = false)
                    @DateWithin(yearsBack = 100, yearsAhead = 10)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                    LocalDate serviceTo,
            @RequestParam(required = false)
                    @DateWithin(yearsBack = 100, yearsAhead = 10)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                    LocalDate submittedFrom,
            @RequestParam(required = false)
                    @DateWithin(yearsBack = 100, yearsAhead = 10)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                    LocalDate submittedTo,
            @RequestParam(defaultValue = "false") boolean currentOnly,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size,
            @RequestParam(required = false) @Identifier String claimIdPrefix,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) @Identifier String after,
            @RequestParam(required = false) @Identifier String before) {
        if (status != null
                && Arrays.stream(ClaimStatus.values()).noneMatch(s -> s.name().equals(status))) {
            throw new InvalidInputException("status must be one of " + Arrays.toString(ClaimStatus.values()));
        }
        Page<ClaimSummary> found = work.search(new ClaimSearch(
                status,
                payerId,
                patientMrn,
                encounterId,
                serviceFrom,
                serviceTo,
                submittedFrom,
                submittedTo,
                currentOnly,
                claimIdPrefix,
                new PageRequest(sort, page, size, after, before)));
        if (patientMrn != null) {
            // a search by patient identifier discloses that patient's claims: audited like a read
            auditTrail.changed("search", "patient", patientMrn);
        }
        return found;
    }

    @GetMapping("/claims/{claimId}")
    @PreAuthorize("hasAnyRole('BILLER', 'PATIENT_ACCOUNTS', 'AUDITOR')")
    ClaimView detail(@PathVariable String claimId) {
        ClaimView view = ClaimView.of(work.detail(claimId));
        auditTrail.read("claim", claimId);
        return view;
    }

    @PatchMapping("/claims/{claimId}")
    @PreAuthorize("hasRole('BILLER')")
    ClaimView correct(@PathVariable String claimId, @Valid @RequestBody CorrectionRequest request) {
        ClaimView view = ClaimView.of(work.correct(
                claimId,
                new Claim.Correction(
                        request.billingNpi(),
                        request.billingTaxId(),
                        request.renderingNpi(),
                        request.referringNpi(),
                        request.memberId(),
                        request.priorAuthorizationNumber()),
                Actor.user(CurrentUser.name())));
        auditTrail.changed("claim.corrected", "claim", claimId);
        return view;
    }

    /**
     * Adds coverage to a held self-pay claim or changes a held or rejected claim's coverage. Coverage added to a
     * self-pay claim has the patient as its subscriber (SELF): a dependant's coverage comes with the encounter.
     */
    @PutMapping("/claims/{claimId}/coverage")
    @PreAuthorize("hasRole('BILLER')")
    ClaimView changeCoverage(@PathVariable String claimId, @Valid @RequestBody CoverageRequest request) {
        ClaimView view = ClaimView.of(work.changeCoverage(
                claimId, request.payerId(), request.payerName(), request.memberId(), Actor.user(CurrentUser.name())));
        auditTrail.changed("claim.coverage-changed", "claim", claimId);
        return view;
    }

    @PostMapping("/claims/{claimId}/release")
    @PreAuthorize("hasRole('BILLER')")
    ClaimView release(@PathVariable String claimId) {
        ClaimView view = ClaimView.of(work.release(claimId, Actor.user(CurrentUser.name())));
        auditTrail.changed("claim.released", "claim", claimId);
        return view;
    }

    @PostMapping("/claims/{claimId}/void")
    @PreAuthorize("hasRole('BILLER')")
    ClaimView voidClaim(@PathVariable String claimId, @Valid @RequestBody ReasonRequest request) {
        ClaimView view = ClaimView.of(work.voidClaim(claimId, request.reason(), Actor.user(CurrentUser.name())));
        auditTrail.changed("claim.voided", "claim", claimId);
        return view;
    }

    @PostMapping("/claims/{claimId}/appeals")
    @PreAuthorize("hasRole('BILLER')")
    ClaimView appeal(@PathVariable String claimId, @Valid @RequestBody AppealRequest request) {
        // a timely-filing denial's appeal carries the proof of timely filing (given, or assembled from the history)
        ClaimView view = ClaimView.of(lateFiling.appeal(
                claimId, request.notes(), request.timelyFilingProof(), Actor.user(CurrentUser.name())));
        auditTrail.changed("claim.appealed", "claim", claimId);
        return view;
    }

    @PatchMapping("/claims/{claimId}/appeals/{appealId}")
    @PreAuthorize("hasRole('BILLER')")
    ClaimView decideAppeal(
            @PathVariable String claimId,
            @PathVariable long appealId,
            @Valid @RequestBody AppealOutcomeRequest request) {
        ClaimWork.AppealOutcome outcome = Arrays.stream(ClaimWork.AppealOutcome.values())
                .filter(o -> o.name().equals(request.outcome()))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException(
                        "outcome must be one of " + Arrays.toString(ClaimWork.AppealOutcome.values())));
        ClaimView view = ClaimView.of(work.decideAppeal(claimId, appealId, outcome, Actor.user(CurrentUser.name())));
        auditTrail.changed("claim.appeal-decided", "claim", claimId);
        return view;
    }

    @PostMapping("/claims/{claimId}/recode")
    @PreAuthorize("hasRole('BILLER')")
    ClaimView recode(@PathVariable String claimId, @Valid @RequestBody RecodeRequestBody request) {
        denials.requestRecode(claimId, request.instructions(), Actor.user(CurrentUser.name()));
        auditTrail.changed("claim.recode-requested", "claim", claimId);
        return ClaimView.of(work.detail(claimId));
    }

    @PostMapping("/claims/{claimId}/write-off")
    @PreAuthorize("hasRole('BILLER')")
    ClaimView writeOff(@PathVariable String claimId, @Valid @RequestBody ReasonRequest request) {
        ClaimView view = ClaimView.of(work.writeOff(claimId, request.reason(), Actor.user(CurrentUser.name())));
        auditTrail.changed("claim.written-off", "claim", claimId);
        return view;
    }

    @PostMapping("/claims/{claimId}/lost-appeal-decision")
    @PreAuthorize("hasRole('BILLER')")
    ClaimView decideLostAppeal(@PathVariable String claimId, @Valid @RequestBody BalanceDecisionRequest request) {
        ClaimWork.BalanceDecision decision = Arrays.stream(ClaimWork.BalanceDecision.values())
                .filter(d -> d.name().equals(request.decision()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "decision must be one of " + Arrays.toString(ClaimWork.BalanceDecision.values())));
        ClaimView view = ClaimView.of(
                work.decideLostAppeal(claimId, decision, request.reason(), Actor.user(CurrentUser.name())));
        auditTrail.changed("claim.lost-appeal-decided", "claim", claimId);
        return view;
    }

    @GetMapping("/work-lists/unworked-balances")
    @PreAuthorize("hasRole('BILLER')")
    List<ClaimSummary> unworkedBalances(@RequestParam(defaultValue = "500") int size) {
        checkPaging(0, size);
        return work.openBalancesWithoutWorkItem(size);
    }

    @PostMapping("/claims/{claimId}/follow-ups")
    @PreAuthorize("hasRole('BILLER')")
    ClaimView followUp(@PathVariable String claimId, @Valid @RequestBody FollowUpRequest request) {
        ClaimView view = ClaimView.of(
                work.addFollowUp(claimId, request.note(), request.nextFollowUp(), Actor.user(CurrentUser.name())));
        auditTrail.changed("claim.followed-up", "claim", claimId);
        return view;
    }

    @GetMapping("/work-lists/denials")
    @PreAuthorize("hasRole('BILLER')")
    List<WorkItems.WorkItem> denials(
            @RequestParam(required = false) String queue,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        checkPaging(page, size);
        WorkQueue q = null;
        if (queue != null) {
            q = Arrays.stream(WorkQueue.values())
                    .filter(w -> w.name().equals(queue))
                    .findFirst()
                    .orElseThrow(() ->
                            new InvalidInputException("queue must be one of " + Arrays.toString(WorkQueue.values())));
        }
        return work.denialWorkList(q, page, size);
    }

    @GetMapping("/work-lists/held")
    @PreAuthorize("hasRole('BILLER')")
    List<ClaimQueries.HeldClaim> held(
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        checkPaging(page, size);
        return work.held(page, size);
    }

    @GetMapping("/reports/aging")
    @PreAuthorize("hasAnyRole('BILLER', 'AUDITOR')")
    List<ClaimQueries.AgingRow> aging(
            @RequestParam(required = false)
                    @DateWithin(yearsBack = 100, yearsAhead = 10)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                    LocalDate asOf) {
        return work.aging(asOf != null ? asOf : LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    }

    private static void checkPaging(int page, int size) {
        if (page < 0 || size < 1 || size > 500) {
            throw new InvalidInputException("page must be 0 or more and size between 1 and 500");
        }
    }

    record CorrectionRequest(
            @Pattern(regexp = "[0-9]{10}", message = "must be 10 digits")
            String billingNpi,

            @Pattern(regexp = "[0-9]{9}", message = "must be 9 digits")
            String billingTaxId,

            @Pattern(regexp = "[0-9]{10}", message = "must be 10 digits")
            String renderingNpi,

            @Pattern(regexp = "[0-9]{10}", message = "must be 10 digits")
            String referringNpi,

            @Size(min = 1, max = 80) String memberId,
            @Size(min = 1, max = 50) String priorAuthorizationNumber) {}

    record CoverageRequest(
            @NotBlank @Identifier String payerId,
            @NotBlank @Size(max = 100) String payerName,

            @NotBlank @Size(max = 80) @Pattern(regexp = "[A-Za-z0-9-]+", message = "letters, digits and -")
            String memberId) {}

    record RecodeRequestBody(@NotBlank @Size(max = 2000) String instructions) {}

    record AppealOutcomeRequest(@NotBlank @Size(max = 40) String outcome) {}

    record BalanceDecisionRequest(
            @NotBlank String decision, @Size(max = 2000) String reason) {}

    record ReasonRequest(@NotBlank @Size(max = 2000) String reason) {}

    record AppealRequest(
            @NotBlank @Size(max = 10000) String notes,
            @Size(max = 500) String timelyFilingProof) {}

    record FollowUpRequest(
            @NotBlank @Size(max = 2000) String note,
            @DateWithin(yearsBack = 0, yearsAhead = 2) LocalDate nextFollowUp) {}

    /** A claim as the API shows it. */
    record ClaimView(
            String claimId,
            String encounterId,
            String tenantId,
            String status,
            boolean current,
            String frequency,
            String frequencyCode,
            int codingVersion,
            String patientControlNumber,
            String payerClaimNumber,
            String replacedClaimId,
            String replacedPayerClaimNumber,
            LocalDate dateOfService,
            String placeOfService,
            String priorAuthorizationNumber,
            String patientMrn,
            String payerId,
            String payerName,
            String memberId,
            String billingNpi,
            String billingTaxId,
            String renderingNpi,
            String referringNpi,
            List<Diagnosis> diagnoses,
            List<ClaimLine> lines,
            BigDecimal totalCharge,
            BigDecimal paidAmount,
            BigDecimal patientResponsibility,
            BigDecimal adjustedAmount,
            BigDecimal balance,
            Instant createdAt,
            Instant submittedAt,
            List<TimelineEntry> timeline,
            List<ScrubFinding> holdReasons,
            List<WorkItems.WorkItem> openWork,
            List<Payments.PostedPayment> payments,
            List<ClaimQueries.Appeal> appeals,
            List<ClaimQueries.FollowUp> followUps,
            int payerSequence,
            String priorPayerClaimId,
            List<String> nextPayerClaimIds,
            List<PriorAdjudication> priorAdjudications,
            VisitMoneyView visit) {

        static ClaimView of(ClaimDetail d) {
            Claim c = d.claim();
            return new ClaimView(
                    c.claimId(),
                    c.encounterId(),
                    c.tenantId(),
                    c.status().name(),
                    c.current(),
                    c.frequency().name(),
                    c.frequency().code(),
                    c.codingVersion(),
                    c.patientControlNumber(),
                    c.payerClaimNumber(),
                    c.replacedClaimId(),
                    c.replacedPayerClaimNumber(),
                    c.dateOfService(),
                    c.placeOfService(),
                    c.priorAuthorizationNumber(),
                    c.patientMrn(),
                    c.coverage() == null ? null : c.coverage().payerId(),
                    c.coverage() == null ? null : c.coverage().payerName(),
                    c.coverage() == null ? null : c.coverage().memberId(),
                    c.billing() == null ? null : c.billing().npi(),
                    c.billing() == null ? null : c.billing().taxId(),
                    c.rendering() == null ? null : c.rendering().npi(),
                    c.referring() == null ? null : c.referring().npi(),
                    c.diagnoses(),
                    c.lines(),
                    c.totalCharge(),
                    c.paidAmount(),
                    c.patientResponsibility(),
                    c.adjustedAmount(),
                    c.balance(),
                    c.createdAt(),
                    c.submittedAt(),
                    d.timeline().stream().map(TimelineEntry::of).toList(),
                    d.openFindings(),
                    d.openWork(),
                    d.payments(),
                    d.appeals(),
                    d.followUps(),
                    c.payerSequence(),
                    c.priorPayerClaimId(),
                    d.nextPayerClaimIds(),
                    c.priorAdjudications(),
                    d.visit() == null ? null : VisitMoneyView.of(d.visit()));
        }
    }

    /**
     * The visit's money over every payer: charge = paid + contractual + patient share + open, to the cent; while a
     * later payer has not answered, the patient's share is pending with it ({@code pendingClaimId}).
     */
    record VisitMoneyView(
            BigDecimal charge,
            List<VisitMoney.PayerPart> payers,
            BigDecimal paid,
            BigDecimal contractual,
            BigDecimal patientShare,
            BigDecimal open,
            boolean settled,
            String pendingClaimId) {

        static VisitMoneyView of(VisitMoney v) {
            return new VisitMoneyView(
                    v.charge(),
                    v.payers(),
                    v.paid(),
                    v.contractual(),
                    v.patientShare(),
                    v.open(),
                    v.settled(),
                    v.pendingClaimId());
        }
    }

    /** One entry of a claim's timeline. */
    record TimelineEntry(
            String from, String to, Instant at, String actorKind, String actor, String reason, String causeEventId) {

        static TimelineEntry of(StatusChange c) {
            return new TimelineEntry(
                    c.from() == null ? null : c.from().name(),
                    c.to().name(),
                    c.at(),
                    c.actor().kind().name(),
                    c.actor().id(),
                    c.reason(),
                    c.causeEventId());
        }
    }
}
