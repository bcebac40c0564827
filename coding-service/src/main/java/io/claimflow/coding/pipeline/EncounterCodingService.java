package io.claimflow.coding.pipeline;

import io.claimflow.coding.history.PatientHistoryService;
import io.claimflow.coding.rules.Coding;
import io.claimflow.coding.rules.DocumentedEncounter;
import io.claimflow.coding.rules.EncounterCoder;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Codes each documented encounter once: version 1 out as EncounterCoded, or into the coder queue when the rules
 * hold it. A corrected documentation (a new event for the same encounter) is coded again as the next version. The
 * idempotency mark, the encounter, the version and the outbox row commit together, so a redelivered event changes
 * nothing ({@link CodingOutcomes}).
 */
@Service
public class EncounterCodingService {

    /**
     * The consumer its events are marked processed under: by its listener, for a whole batch in the batch's
     * transaction (TransactionalBatches), under the name the marks had when this service marked each event itself.
     */
    public static final String CONSUMER = "coding-service.encounter-documented";

    private static final Logger log = LoggerFactory.getLogger(EncounterCodingService.class);

    private final CodingOutcomes outcomes;
    private final Encounters encounters;
    private final EncounterCoder coder;
    private final PatientHistoryService history;

    public EncounterCodingService(
            CodingOutcomes outcomes, Encounters encounters, EncounterCoder coder, PatientHistoryService history) {
        this.outcomes = outcomes;
        this.encounters = encounters;
        this.coder = coder;
        this.history = history;
    }

    /**
     * Handles one EncounterDocumented, on its first delivery only: the caller (the listener) has marked it processed
     * as {@link #CONSUMER} in this transaction and skips an event marked before. Returns the coding.
     */
    @Transactional
    public Coding onDocumented(IncomingDocumentation documentation) {
        String encounterId = documentation.encounter().encounterId();
        // stored and locked in one statement for an encounter not seen before (issue 22: a locking read found nothing)
        Optional<Encounters.State> existing = encounters.saveDocumentation(documentation);
        // new or established from coding-service's own history when the EHR did not say, then recorded for the next
        DocumentedEncounter encounter =
                history.withPriorCare(documentation.encounter(), documentation.patientId(), documentation.provider());
        EncounterRecord before = new EncounterRecord(
                encounter,
                documentation.documentation(),
                existing.map(Encounters.State::status).orElse(null),
                existing.map(Encounters.State::currentVersion).orElse(0),
                existing.map(Encounters.State::recodeAttempts).orElse(0));
        Coding coding = coder.code(encounter);
        history.record(encounter, documentation.patientId(), documentation.provider(), coding);
        if (coding.held()) {
            outcomes.held(
                    before,
                    new HeldEncounter(
                            encounter,
                            HeldEncounter.QueueKind.INITIAL,
                            documentation.eventId(),
                            coding.holds(),
                            coding,
                            null),
                    before.recodeAttempts());
            log.info(
                    "Encounter {} held for a coder: {}",
                    encounterId,
                    coding.holds().stream().map(h -> h.code()).distinct().toList());
        } else {
            int version = outcomes.coded(before, documentation.eventId(), coding, null, null, before.recodeAttempts());
            if (before.status() == EncounterStatus.HELD) {
                outcomes.superseded(encounterId, version); // corrected documentation made the open item moot
            }
            log.info("Encounter {} coded automatically as version {}", encounterId, version);
        }
        return coding;
    }
}
