package io.claimflow.coding.recode;

import io.claimflow.coding.history.PatientHistoryService;
import io.claimflow.coding.pipeline.CodingOutcomes;
import io.claimflow.coding.pipeline.CodingVersions;
import io.claimflow.coding.pipeline.EncounterRecord;
import io.claimflow.coding.pipeline.Encounters;
import io.claimflow.coding.pipeline.HeldEncounter;
import io.claimflow.coding.pipeline.RecodeCause;
import io.claimflow.coding.rules.Coding;
import io.claimflow.coding.rules.RecodeOutcome;
import io.claimflow.coding.rules.Recoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Answers a denial: the next coding version from the rules ({@link Recoder}), or the coder queue. A request about
 * a coding version that is no longer current is stale (the encounter was recoded since) and ignored.
 */
@Service
public class RecodeService {

    /**
     * The consumer its events are marked processed under: by its listener, for a whole batch in the batch's
     * transaction (TransactionalBatches), under the name the marks had when this service marked each event itself.
     */
    public static final String CONSUMER = "coding-service.recode-requested";

    private static final Logger log = LoggerFactory.getLogger(RecodeService.class);

    private final CodingOutcomes outcomes;
    private final Encounters encounters;
    private final CodingVersions versions;
    private final Recoder recoder;
    private final PatientHistoryService history;

    public RecodeService(
            CodingOutcomes outcomes,
            Encounters encounters,
            CodingVersions versions,
            Recoder recoder,
            PatientHistoryService history) {
        this.outcomes = outcomes;
        this.encounters = encounters;
        this.versions = versions;
        this.recoder = recoder;
        this.history = history;
    }

    /**
     * Handles one RecodeRequested, on its first delivery only: the caller (the listener) has marked it processed as
     * {@link #CONSUMER} in this transaction and skips an event marked before.
     */
    @Transactional
    public void onRecodeRequested(IncomingRecode request) {
        EncounterRecord encounter = encounters
                .lock(request.encounterId())
                .orElseThrow(() ->
                        new IllegalArgumentException("RecodeRequested for unknown encounter " + request.encounterId()));
        if (request.codingVersion() != encounter.currentVersion()) {
            log.info(
                    "RecodeRequested {} asks about version {} of encounter {}, current is {}; stale, ignored",
                    request.eventId(),
                    request.codingVersion(),
                    request.encounterId(),
                    encounter.currentVersion());
            return;
        }
        Coding previous = versions.find(request.encounterId(), request.codingVersion())
                .orElseThrow(() -> new IllegalStateException("Coding version " + request.codingVersion()
                        + " of encounter " + request.encounterId() + " is missing"));
        int attempts = Math.max(encounter.recodeAttempts() + 1, request.denial().attempt());
        RecodeCause cause = new RecodeCause(
                request.claimId(), request.codingVersion(), request.denial().attempt(), request.reason());
        // new or established as decided when the encounter was first coded (the documentation may say UNKNOWN)
        RecodeOutcome outcome = recoder.recode(history.asRecorded(encounter.encounter()), previous, request.denial());
        if (outcome.automatic()) {
            int version = outcomes.coded(encounter, request.eventId(), outcome.coding(), null, cause, attempts);
            log.info(
                    "Encounter {} recoded automatically as version {} (denial CARC {})",
                    request.encounterId(),
                    version,
                    request.denial().reasonCodes());
        } else {
            outcomes.held(
                    encounter,
                    new HeldEncounter(
                            encounter.encounter(),
                            HeldEncounter.QueueKind.RECODE,
                            request.eventId(),
                            outcome.toCoder(),
                            outcome.suggestion(),
                            cause),
                    attempts);
            log.info(
                    "Encounter {} recode sent to the coder queue: {}",
                    request.encounterId(),
                    outcome.toCoder().stream().map(h -> h.code()).toList());
        }
    }
}
