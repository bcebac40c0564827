package io.claimflow.coding.pipeline;

import java.util.Optional;

/** Port: the encounters coding-service has seen. Calls run inside the caller's transaction. */
public interface Encounters {

    /** The encounter as stored, without locking it. */
    Optional<EncounterRecord> find(String encounterId);

    /** The encounter, locked for update until the transaction ends. */
    Optional<EncounterRecord> lock(String encounterId);

    /**
     * Stores new documentation for the encounter (first or corrected) with the outcome of its coding, in one
     * statement (issue 22: an insert and a state update before): {@code CODED} at the next version, or {@code HELD}
     * at the version it had; its recode attempts stay as they were. The encounter stays locked for update until the
     * transaction ends.
     *
     * @return where the encounter stood before (its state when the lock was taken), empty for one not seen before
     */
    Optional<State> saveDocumentation(IncomingDocumentation documentation, EncounterStatus outcome);

    /** Where a stored encounter stands: coded or held, at which version, after how many automatic recodes. */
    record State(EncounterStatus status, int currentVersion, int recodeAttempts) {}

    void updateState(String encounterId, EncounterStatus status, int currentVersion, int recodeAttempts);
}
