package io.claimflow.coding.pipeline;

import java.util.Optional;

/** Port: the encounters coding-service has seen. Calls run inside the caller's transaction. */
public interface Encounters {

    /** The encounter as stored, without locking it. */
    Optional<EncounterRecord> find(String encounterId);

    /** The encounter, locked for update until the transaction ends. */
    Optional<EncounterRecord> lock(String encounterId);

    /** Stores new documentation for the encounter (first or corrected), keeping its versions. */
    void saveDocumentation(IncomingDocumentation documentation);

    void updateState(String encounterId, EncounterStatus status, int currentVersion, int recodeAttempts);
}
