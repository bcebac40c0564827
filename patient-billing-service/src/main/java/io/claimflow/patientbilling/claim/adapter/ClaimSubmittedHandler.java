package io.claimflow.patientbilling.claim.adapter;

import io.claimflow.events.ClaimFrequency;
import io.claimflow.events.ClaimLine;
import io.claimflow.events.ClaimSubmitted;
import io.claimflow.events.Patient;
import io.claimflow.events.Provider;
import io.claimflow.events.Providers;
import io.claimflow.patientbilling.claim.ClaimRegistrationListener;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Learns from ClaimSubmitted which patient a claim bills (PaymentPosted and ClaimDenied carry no patient), opening
 * the patient's account on the first claim. Posts nothing to the ledger: the charge is posted with the payer's
 * answer.
 */
@Component
public class ClaimSubmittedHandler {

    static final String CONSUMER = "patient-billing-service.claim-submitted";
    private static final Logger log = LoggerFactory.getLogger(ClaimSubmittedHandler.class);

    private final ClaimRegistry registry;
    private final List<ClaimRegistrationListener> registrationListeners;

    ClaimSubmittedHandler(ClaimRegistry registry, List<ClaimRegistrationListener> registrationListeners) {
        this.registry = registry;
        this.registrationListeners = registrationListeners;
    }

    // a first delivery: its listener marked the event processed as CONSUMER, for the whole batch in this
    // transaction (TransactionalBatches.handleOnce), and skips an event marked before
    @Transactional
    public void handle(ClaimSubmitted event) {
        if (event.getLines().isEmpty()) {
            throw new IllegalArgumentException("claim " + event.getClaimId() + " has no service lines");
        }
        // takes the claim's key lock first (answers that arrive before it wait for it, or park before it)
        ClaimRegistry.Registered registered = registry.register(
                registration(
                        event.getTenantId(),
                        event.getClaimId(),
                        event.getEncounterId(),
                        event.getPatientControlNumber(),
                        event.getPatient(),
                        event.getProviders(),
                        event.getCoverage().getPayer().getName(),
                        event.getTotalCharge(),
                        event.getOccurredAt(),
                        event.getLines()),
                event.getPriorPayerAdjudications().isEmpty());
        long accountId = registered.accountId();
        // a primary claim linked the visit's later payers' claims that overtook it as it registered
        List<String> laterPayersLinked = registered.laterPayersLinked();
        if (!event.getPriorPayerAdjudications().isEmpty()) {
            if (!registry.linkToVisitLedger(event.getTenantId(), event.getClaimId(), event.getEncounterId())) {
                // it overtook the primary's ClaimSubmitted: its answers wait until the primary claim registers
                registry.awaitPrimaryClaim(event.getTenantId(), event.getClaimId());
                log.info(
                        "later payer's claim {} of encounter {} waits for a primary claim of the visit",
                        event.getClaimId(),
                        event.getEncounterId());
            }
        }
        log.debug(
                "registered claim {} of encounter {} on patient account {}",
                event.getClaimId(),
                event.getEncounterId(),
                accountId);
        // answers that overtook this claim are posted now, in this transaction (asked for only when the registration
        // found some waiting: issue 22)
        if (registered.answersWaiting()) {
            registrationListeners.forEach(l -> l.claimRegistered(event.getTenantId(), event.getClaimId()));
        }
        // later payers' claims that overtook this primary claim post on its ledger now, after its own answers
        for (String later : laterPayersLinked) {
            log.info("later payer's claim {} posts on the ledger of claim {}", later, event.getClaimId());
            registrationListeners.forEach(l -> l.claimRegistered(event.getTenantId(), later));
        }
        // a replacement or a void takes the claim it supersedes off the patient's ledger now, not when the payer
        // gets round to reversing it: one visit charges the patient once
        String replaced = event.getReplacedClaimId();
        if (event.getFrequency() != ClaimFrequency.ORIGINAL && replaced != null && !replaced.isBlank()) {
            registry.lockClaimKey(event.getTenantId(), replaced);
            if (registry.markSuperseded(event.getTenantId(), replaced, event.getClaimId())) {
                LocalDate on =
                        event.getOccurredAt().atOffset(java.time.ZoneOffset.UTC).toLocalDate();
                registrationListeners.forEach(
                        l -> l.claimSuperseded(event.getTenantId(), replaced, event.getClaimId(), on));
                log.info("claim {} supersedes claim {} ({})", event.getClaimId(), replaced, event.getFrequency());
            }
        }
        // the visit was billed to the patient before (self-pay) and now goes to a payer: the self-pay charge comes off
        LocalDate on = event.getOccurredAt().atOffset(java.time.ZoneOffset.UTC).toLocalDate();
        // (read as the claim was registered; a claim superseded since is skipped by supersede)
        for (String billed : registered.earlierBilledToPatient()) {
            supersede(registry, registrationListeners, event.getTenantId(), billed, event.getClaimId(), on);
        }
    }

    /** Marks {@code claimId} superseded by {@code byClaimId} and takes its charges off the ledger, once. */
    static void supersede(
            ClaimRegistry registry,
            List<ClaimRegistrationListener> listeners,
            String tenantId,
            String claimId,
            String byClaimId,
            LocalDate on) {
        registry.lockClaimKey(tenantId, claimId);
        if (registry.markSuperseded(tenantId, claimId, byClaimId)) {
            listeners.forEach(l -> l.claimSuperseded(tenantId, claimId, byClaimId, on));
            log.info("claim {} of the same visit supersedes claim {}", byClaimId, claimId);
        }
    }

    /** What a claim event tells about the claim and its patient (ClaimSubmitted and ClaimBilledToPatient alike). */
    static ClaimRegistry.Registration registration(
            String tenantId,
            String claimId,
            String encounterId,
            String patientControlNumber,
            Patient patient,
            Providers providers,
            String payerName,
            java.math.BigDecimal totalCharge,
            java.time.Instant occurredAt,
            List<ClaimLine> lines) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("claim " + claimId + " has no service lines");
        }
        List<LocalDate> dates = lines.stream()
                .map(l -> l.getService().getDateOfService())
                .sorted(Comparator.naturalOrder())
                .toList();
        var address = patient.getAddress();
        String name = String.join(" ", List.of(patient.getFirstName(), patient.getLastName()));
        Provider rendering = providers.getRendering();
        return new ClaimRegistry.Registration(
                tenantId,
                claimId,
                encounterId,
                patientControlNumber,
                patient.getMrn(),
                name,
                address.getLine1(),
                address.getLine2(),
                address.getCity(),
                address.getState(),
                address.getPostalCode(),
                dates.get(0),
                dates.get(dates.size() - 1),
                providerName(providers.getBilling()),
                rendering == null ? null : providerName(rendering),
                payerName,
                totalCharge,
                occurredAt,
                lines.stream().map(l -> l.getService().getProcedureCode()).toList(),
                patient.getBirthDate());
    }

    static String providerName(Provider provider) {
        return provider.getFirstName() == null
                ? provider.getLastOrOrganizationName()
                : provider.getFirstName() + " " + provider.getLastOrOrganizationName();
    }
}
