package io.claimflow.coding.pipeline;

import io.claimflow.coding.history.PatientHistoryService;
import io.claimflow.coding.rules.CodeSetVersion;
import io.claimflow.coding.rules.CodeSets;
import io.claimflow.coding.rules.Coding;
import io.claimflow.coding.rules.DocumentedEncounter;
import io.claimflow.coding.rules.EncounterCoder;
import io.claimflow.platform.outbox.ProcessedEvents;
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
 * nothing.
 */
@Service
public class EncounterCodingService {

    static final String CONSUMER = "coding-service.encounter-documented";

    private static final Logger log = LoggerFactory.getLogger(EncounterCodingService.class);

    private final ProcessedEvents processedEvents;
    private final Encounters encounters;
    private final CodingVersions versions;
    private final CoderQueue queue;
    private final EncounterCoder coder;
    private final CodeSets codeSets;
    private final PatientHistoryService history;

    public EncounterCodingService(
            ProcessedEvents processedEvents,
            Encounters encounters,
            CodingVersions versions,
            CoderQueue queue,
            EncounterCoder coder,
            CodeSets codeSets,
            PatientHistoryService history) {
        this.history = history;
        this.processedEvents = processedEvents;
        this.encounters = encounters;
        this.versions = versions;
        this.queue = queue;
        this.coder = coder;
        this.codeSets = codeSets;
    }

    /** Handles one EncounterDocumented; returns the coding, or empty when the event was handled before. */
    @Transactional
    public Optional<Coding> onDocumented(IncomingDocumentation documentation) {
        if (!processedEvents.markIfNew(CONSUMER, documentation.eventId())) {
            log.info(
                    "EncounterDocumented {} for encounter {} was handled before; skipped",
                    documentation.eventId(),
                    documentation.encounter().encounterId());
            return Optional.empty();
        }
        String encounterId = documentation.encounter().encounterId();
        Optional<EncounterRecord> existing = encounters.lock(encounterId);
        encounters.saveDocumentation(documentation);
        int current = existing.map(EncounterRecord::currentVersion).orElse(0);
        int attempts = existing.map(EncounterRecord::recodeAttempts).orElse(0);
        // new or established from coding-service's own history when the EHR did not say, then recorded for the next
        DocumentedEncounter encounter =
                history.withPriorCare(documentation.encounter(), documentation.patientId(), documentation.provider());
        Coding coding = coder.code(encounter);
        history.record(encounter, documentation.patientId(), documentation.provider(), coding);
        if (coding.held()) {
            queue.hold(new HeldEncounter(
                    encounter, HeldEncounter.QueueKind.INITIAL, documentation.eventId(), coding.holds(), coding, null));
            encounters.updateState(encounterId, EncounterStatus.HELD, current, attempts);
            log.info(
                    "Encounter {} held for a coder: {}",
                    encounterId,
                    coding.holds().stream().map(h -> h.code()).distinct().toList());
        } else {
            int version = current + 1;
            versions.store(
                    new CodingVersion(
                            encounterId,
                            version,
                            documentation.eventId(),
                            coding,
                            null,
                            codeSetsOn(documentation),
                            null),
                    documentation.documentation());
            encounters.updateState(encounterId, EncounterStatus.CODED, version, attempts);
            if (existing.map(e -> e.status() == EncounterStatus.HELD).orElse(false)) {
                queue.supersede(encounterId, version); // corrected documentation made the open item moot
            }
            log.info("Encounter {} coded automatically as version {}", encounterId, version);
        }
        return Optional.of(coding);
    }

    private List<CodeSetVersion> codeSetsOn(IncomingDocumentation doc) {
        return codeSets.versionsOn(doc.encounter().dateOfService());
    }
}
