package io.claimflow.claim.selfpay.adapter;

import io.claimflow.claim.model.Actor;
import io.claimflow.claim.selfpay.SelfPayBilling;
import io.claimflow.platform.audit.AuditTrail;
import io.claimflow.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /claims/{claimId}/bill-patient}: a held self-pay claim billed to the patient (roles BILLER, ADMIN); 409
 * when the claim has coverage, is not held, or has a line without a price.
 */
@RestController
class SelfPayController {

    private final SelfPayBilling billing;
    private final AuditTrail auditTrail;

    SelfPayController(SelfPayBilling billing, AuditTrail auditTrail) {
        this.billing = billing;
        this.auditTrail = auditTrail;
    }

    @PostMapping("/claims/{claimId}/bill-patient")
    @PreAuthorize("hasAnyRole('BILLER', 'ADMIN')")
    SelfPayBilling.BilledToPatient billPatient(
            @PathVariable String claimId, @Valid @RequestBody(required = false) BillPatientRequest request) {
        SelfPayBilling.BilledToPatient billed = billing.billToPatient(
                claimId, request == null ? null : request.reason(), Actor.user(CurrentUser.name()));
        auditTrail.changed("claim.billed-to-patient", "claim", claimId);
        return billed;
    }

    /** The biller's reason, for the claim's timeline and the event (optional; never patient data). */
    record BillPatientRequest(@Size(max = 2000) String reason) {}
}
