package io.claimflow.coding.pipeline;

import io.claimflow.coding.history.PatientHistoryService;
import io.claimflow.coding.rules.Coding;
import io.claimflow.coding.rules.DocumentedEncounter;
import io.claimflow.coding.rules.EncounterCoder;
import java.util.Collection;
import java.util.List;
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
        return onDocumented(documentation, List.of(documentation));
    }

    /**
     * {@link #onDocumented(IncomingDocumentation)} for one event of a listener's poll, {@code poll} all of its events
     * that could be read: the history of their patients is read in one query at the poll's first event, for the
     * transaction (issue 22: a query per event before); each event still sees the ones coded before it.
     */
    @Transactional
    public Coding onDocumented(IncomingDocumentation documentation, Collection<IncomingDocumentation> poll) {
        history.readAhead(
                visit(documentation),
                () -> poll.stream().map(EncounterCodingService::visit).toList());
        String encounterId = documentation.encounter().encounterId();
        // new or established from coding-service's own history when the EHR did not say, then recorded for the next
        DocumentedEncounter encounter =
                history.withPriorCare(documentation.encounter(), documentation.patientId(), documentation.provider());
        Coding coding = coder.code(encounter);
        history.record(encounter, documentation.patientId(), documentation.provider(), coding);
        // the coding does not depend on what was stored before: the encounter is stored once, with its outcome, and
        // locked (issue 22: an insert before the coding and a state update after it)
        Optional<Encounters.State> existing = encounters.saveDocumentation(
                documentation, coding.held() ? EncounterStatus.HELD : EncounterStatus.CODED);
        EncounterRecord before = new EncounterRecord(
                encounter,
                documentation.documentation(),
                existing.map(Encounters.State::status).orElse(null),
                existing.map(Encounters.State::currentVersion).orElse(0),
                existing.map(Encounters.State::recodeAttempts).orElse(0));
        if (coding.held()) {
            outcomes.queued(new HeldEncounter(
                    encounter, HeldEncounter.QueueKind.INITIAL, documentation.eventId(), coding.holds(), coding, null));
            log.info(
                    "Encounter {} held for a coder: {}",
                    encounterId,
                    coding.holds().stream().map(h -> h.code()).distinct().toList());
        } else {
            int version = outcomes.storeVersion(before, documentation.eventId(), coding, null, null);
            if (before.status() == EncounterStatus.HELD) {
                outcomes.superseded(encounterId, version); // corrected documentation made the open item moot
            }
            log.debug("Encounter {} coded automatically as version {}", encounterId, version);
        }
        return coding;
    }

    private static PatientHistoryService.Visit visit(IncomingDocumentation documentation) {
        return new PatientHistoryService.Visit(
                documentation.encounter().tenantId(),
                documentation.patientId(),
                documentation.encounter().dateOfService());
    }
}
