package io.claimflow.adjudication.operations.adapter;

import io.claimflow.adjudication.response.ManualMatching;
import io.claimflow.platform.audit.AuditTrail;
import io.claimflow.platform.security.CurrentUser;
import io.claimflow.platform.validation.Identifier;
import io.claimflow.platform.validation.TenantId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A biller matches an 835 claim (CLP) that matched no claim to a claim by hand (issue 21 item 3), with the roles of
 * the unmatched list it comes from; refusals are problem details (404 no such CLP, 409 matched before or the claim
 * waits for no answer, 422 another practice's claim or amounts that do not fit). Audited as
 * {@code remittance.matched} of resource {@code remittance-claim}.
 */
@RestController
@RequestMapping("/api/adjudication/remittances/unmatched")
class RemittanceMatchController {

    private final ManualMatching matching;
    private final AuditTrail audit;

    RemittanceMatchController(ManualMatching matching, AuditTrail audit) {
        this.matching = matching;
        this.audit = audit;
    }

    /** The claim to match, and the practice the person works in (the claim must be its). */
    record MatchRequest(
            @NotBlank @Identifier String claimId,
            @NotBlank @TenantId String tenantId) {}

    @PostMapping("/{remittanceClaimId}/match")
    @PreAuthorize("hasAnyRole('BILLER', 'ADMIN')")
    ManualMatching.Matched match(@PathVariable long remittanceClaimId, @Valid @RequestBody MatchRequest request) {
        ManualMatching.Matched matched =
                matching.match(remittanceClaimId, request.claimId(), request.tenantId(), CurrentUser.name());
        audit.changed("remittance.matched", "remittance-claim", Long.toString(remittanceClaimId));
        return matched;
    }
}
