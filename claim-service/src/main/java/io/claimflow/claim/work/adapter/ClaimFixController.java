package io.claimflow.claim.work.adapter;

import io.claimflow.claim.model.Actor;
import io.claimflow.claim.model.Claim;
import io.claimflow.claim.work.ChargeEdits;
import io.claimflow.claim.work.LateFiling;
import io.claimflow.codes.DelayReason;
import io.claimflow.platform.audit.AuditTrail;
import io.claimflow.platform.security.CurrentUser;
import io.claimflow.platform.validation.InvalidInputException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Fixes of a held claim beyond corrections: its line charges and units edited, and a claim past the payer's
 * timely-filing limit released with a delay reason (CLM20) and the proof of timely filing as its note (NTE*ADD), with
 * the proof claim-service assembles from the claim's history offered first. Every change is audited.
 */
@RestController
class ClaimFixController {

    /** The most units a line may bill: SV104 allows more, but claim-service does not know MUE limits (coding does). */
    static final int MAX_UNITS = 9999;

    private final ChargeEdits charges;
    private final LateFiling lateFiling;
    private final AuditTrail auditTrail;

    ClaimFixController(ChargeEdits charges, LateFiling lateFiling, AuditTrail auditTrail) {
        this.charges = charges;
        this.lateFiling = lateFiling;
        this.auditTrail = auditTrail;
    }

    @PatchMapping("/claims/{claimId}/lines")
    @PreAuthorize("hasAnyRole('BILLER', 'ADMIN')")
    ClaimController.ClaimView editCharges(
            @PathVariable String claimId, @Valid @RequestBody LineChargesRequest request) {
        ClaimController.ClaimView view = ClaimController.ClaimView.of(charges.edit(
                claimId,
                request.lines().stream()
                        .map(l -> new Claim.LineCharge(l.lineNumber(), l.charge(), l.units()))
                        .toList(),
                Actor.user(CurrentUser.name())));
        auditTrail.changed("claim.charges-edited", "claim", claimId);
        return view;
    }

    @GetMapping("/claims/{claimId}/timely-filing")
    @PreAuthorize("hasAnyRole('BILLER', 'ADMIN', 'AUDITOR')")
    TimelyFilingView timelyFiling(@PathVariable String claimId) {
        TimelyFilingView view = TimelyFilingView.of(lateFiling.proof(claimId));
        auditTrail.read("claim", claimId);
        return view;
    }

    @PostMapping("/claims/{claimId}/late-release")
    @PreAuthorize("hasRole('BILLER')")
    ClaimController.ClaimView releaseLate(
            @PathVariable String claimId, @Valid @RequestBody LateReleaseRequest request) {
        DelayReason reason = DelayReason.ofCode(request.delayReasonCode())
                .orElseThrow(() -> new InvalidInputException("delayReasonCode must be one of "
                        + Arrays.stream(DelayReason.values())
                                .map(DelayReason::code)
                                .toList()));
        ClaimController.ClaimView view = ClaimController.ClaimView.of(
                lateFiling.releaseLate(claimId, reason, request.claimNote(), Actor.user(CurrentUser.name())));
        auditTrail.changed("claim.released-late", "claim", claimId);
        return view;
    }

    record LineCharge(
            @NotNull @Min(1) @Max(50) Integer lineNumber,

            @DecimalMin(value = "0.01", message = "must be more than 0")
            @Digits(integer = 10, fraction = 2, message = "must be dollars and cents (at most 2 decimal places)")
            BigDecimal charge,

            @Min(value = 1, message = "must be at least 1")
            @Max(value = MAX_UNITS, message = "must be at most " + MAX_UNITS)
            Integer units) {}

    record LineChargesRequest(@NotEmpty @Size(max = 50) List<@Valid @NotNull LineCharge> lines) {}

    record LateReleaseRequest(
            @NotNull @Size(max = 2) String delayReasonCode,

            @Size(max = LateFiling.NOTE_LENGTH)
            @Pattern(
                    regexp = "[A-Za-z0-9 .,/#&'()+=@-]*",
                    message = "letters, digits, spaces and . , / # & ' ( ) + = @ - only")
            String claimNote) {}

    /** The code list for a form: code and its X12 name. */
    record DelayReasonView(String code, String description) {}

    record TimelyFilingView(
            LocalDate deadline,
            boolean pastDeadline,
            LocalDate firstSubmittedOn,
            String firstClaimId,
            LocalDate acknowledgedOn,
            String payerClaimNumber,
            boolean deniedForTimelyFiling,
            String delayReasonCode,
            String proofNote,
            List<DelayReasonView> delayReasons) {

        static TimelyFilingView of(LateFiling.Proof p) {
            return new TimelyFilingView(
                    p.deadline(),
                    p.pastDeadline(),
                    p.firstSubmittedOn(),
                    p.firstClaimId(),
                    p.acknowledgedOn(),
                    p.payerClaimNumber(),
                    p.deniedForTimelyFiling(),
                    p.delayReasonCode(),
                    p.note(),
                    Arrays.stream(DelayReason.values())
                            .map(r -> new DelayReasonView(r.code(), r.description()))
                            .toList());
        }
    }
}
