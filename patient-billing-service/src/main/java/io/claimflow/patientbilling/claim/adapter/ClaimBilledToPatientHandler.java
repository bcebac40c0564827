package io.claimflow.patientbilling.claim.adapter;

import io.claimflow.events.ClaimBilledToPatient;
import io.claimflow.patientbilling.claim.ClaimRegistrationListener;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A self-pay visit billed to the patient (ClaimBilledToPatient): the claim is registered on the patient's account like
 * a submitted one (payer "Self-pay"), and its whole charge is posted to the patient, on the next statement. One visit
 * charges the patient once: the same event twice posts once (eventId, and one self-pay charge per claim); the visit's
 * earlier claims (the one it replaces, {@code replacedClaimId}, and any other still standing) are taken off; and when a
 * later claim of the visit is known here already (its event overtook this one), this claim charges nothing.
 */
@Component
public class ClaimBilledToPatientHandler {

    static final String CONSUMER = "patient-billing-service.claim-billed-to-patient";
    static final String SELF_PAY = "Self-pay";
    private static final Logger log = LoggerFactory.getLogger(ClaimBilledToPatientHandler.class);

    private final ClaimRegistry registry;
    private final List<ClaimRegistrationListener> registrationListeners;

    ClaimBilledToPatientHandler(ClaimRegistry registry, List<ClaimRegistrationListener> registrationListeners) {
        this.registry = registry;
        this.registrationListeners = registrationListeners;
    }

    // a first delivery: its listener marked the event processed as CONSUMER, for the whole batch in this
    // transaction (TransactionalBatches.handleOnce), and skips an event marked before
    @Transactional
    public void handle(ClaimBilledToPatient event) {
        if (event.getTotalCharge() == null || event.getTotalCharge().signum() <= 0) {
            throw new IllegalArgumentException("claim " + event.getClaimId() + " billed to the patient has no charge");
        }
        String tenantId = event.getTenantId();
        String claimId = event.getClaimId();
        // takes the claim's key lock first
        ClaimRegistry.Registered registered = registry.register(
                ClaimSubmittedHandler.registration(
                        tenantId,
                        claimId,
                        event.getEncounterId(),
                        event.getPatientControlNumber(),
                        event.getPatient(),
                        event.getProviders(),
                        SELF_PAY,
                        event.getTotalCharge(),
                        event.getOccurredAt(),
                        event.getLines()),
                false);
        long accountId = registered.accountId();
        registry.markBilledToPatient(tenantId, claimId);
        LocalDate on = event.getOccurredAt().atOffset(ZoneOffset.UTC).toLocalDate();
        Optional<String> later =
                registry.laterClaimOfVisit(tenantId, event.getEncounterId(), claimId, event.getOccurredAt());
        if (later.isPresent()) {
            // a later claim of the visit arrived first and carries the visit: this one charges nothing
            registry.markSuperseded(tenantId, claimId, later.get());
            log.info("claim {} billed to the patient is superseded already by claim {}", claimId, later.get());
            return;
        }
        // the claim this one replaces, and any other claim of the visit still standing, come off first
        for (String earlier : registry.earlierClaimsOfVisit(
                tenantId, event.getEncounterId(), claimId, event.getOccurredAt(), false)) {
            ClaimSubmittedHandler.supersede(registry, registrationListeners, tenantId, earlier, claimId, on);
        }
        String replaced = event.getReplacedClaimId();
        if (replaced != null && !replaced.isBlank() && !replaced.equals(claimId)) {
            ClaimSubmittedHandler.supersede(registry, registrationListeners, tenantId, replaced, claimId, on);
        }
        if (registered.answersWaiting()) {
            registrationListeners.forEach(l -> l.claimRegistered(tenantId, claimId));
        }
        registrationListeners.forEach(l -> l.claimBilledToPatient(tenantId, claimId, event.getEventId(), on));
        log.info(
                "claim {} of encounter {} billed to the patient on account {}",
                claimId,
                event.getEncounterId(),
                accountId);
    }
}
