package io.claimflow.coding.pipeline;

import io.claimflow.coding.rules.Coding;
import java.util.Optional;

/** Port: stores coding versions and emits EncounterCoded for each, atomically with the caller's transaction. */
public interface CodingVersions {

    /**
     * Stores the version and appends its EncounterCoded to the outbox; {@code documentation} is the encounter's
     * stored documentation, for the context the event carries.
     */
    void store(CodingVersion version, byte[] documentation);

    Optional<Coding> find(String encounterId, int version);
}
