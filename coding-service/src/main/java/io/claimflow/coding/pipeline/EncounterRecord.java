package io.claimflow.coding.pipeline;

import io.claimflow.coding.rules.DocumentedEncounter;

/** An encounter as stored: its documentation, whether it is coded or held, and its coding version so far. */
public record EncounterRecord(
        DocumentedEncounter encounter,
        byte[] documentation,
        EncounterStatus status,
        int currentVersion,
        int recodeAttempts) {

    public String encounterId() {
        return encounter.encounterId();
    }
}
