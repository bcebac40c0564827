package io.claimflow.coding.pipeline;

import io.claimflow.coding.rules.CodeSets;
import io.claimflow.coding.rules.Coding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * What becomes of a coding, the same for a first coding, a recode and a coder's finalization: the encounter's next
 * coding version stored with its EncounterCoded in the outbox and the encounter CODED, or a coder queue item and the
 * encounter HELD at its current version. Every call runs inside the caller's transaction, so the version, the outbox
 * row, the state and the listener's idempotency mark (TransactionalBatches, per batch) commit together.
 */
@Service
public class CodingOutcomes {

    private static final Logger log = LoggerFactory.getLogger(CodingOutcomes.class);

    private final Encounters encounters;
    private final CodingVersions versions;
    private final CoderQueue queue;
    private final CodeSets codeSets;

    public CodingOutcomes(Encounters encounters, CodingVersions versions, CoderQueue queue, CodeSets codeSets) {
        this.encounters = encounters;
        this.versions = versions;
        this.queue = queue;
        this.codeSets = codeSets;
    }

    /**
     * Stores the coding as the encounter's next version (with the code set releases in effect on the date of
     * service) and appends its EncounterCoded to the outbox; the encounter becomes CODED at that version.
     *
     * @param encounter the encounter as it stands before this coding (its documentation, current version)
     * @param coderId the coder's user id; null for automatic coding
     * @param cause the denial answered; null for a first coding
     * @return the new version
     */
    public int coded(
            EncounterRecord encounter,
            String causationId,
            Coding coding,
            String coderId,
            RecodeCause cause,
            int recodeAttempts) {
        int version = storeVersion(encounter, causationId, coding, coderId, cause);
        encounters.updateState(encounter.encounterId(), EncounterStatus.CODED, version, recodeAttempts);
        return version;
    }

    /**
     * {@link #coded} for an encounter whose state the caller stores itself (CODED at the returned version): the
     * version with its EncounterCoded only.
     */
    int storeVersion(EncounterRecord encounter, String causationId, Coding coding, String coderId, RecodeCause cause) {
        int version = encounter.currentVersion() + 1;
        versions.store(
                new CodingVersion(
                        encounter.encounterId(),
                        version,
                        causationId,
                        coding,
                        coderId,
                        codeSets.versionsOn(encounter.encounter().dateOfService()),
                        cause),
                encounter.documentation());
        return version;
    }

    /** Opens (or replaces) the encounter's coder queue item; the encounter stays at its current version, HELD. */
    public void held(EncounterRecord encounter, HeldEncounter held, int recodeAttempts) {
        queue.hold(held);
        encounters.updateState(
                encounter.encounterId(), EncounterStatus.HELD, encounter.currentVersion(), recodeAttempts);
    }

    /** {@link #held} for an encounter whose state the caller stores itself (HELD): the queue item only. */
    void queued(HeldEncounter held) {
        queue.hold(held);
    }

    /** Closes an open coder queue item a newer automatic coding made moot. */
    void superseded(String encounterId, int version) {
        queue.supersede(encounterId, version);
    }
}
