package io.claimflow.console.readmodel;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An encounter in a list, with the state it is in as the read model knows it: {@code DOCUMENTED} (not coded yet:
 * being coded or held for a coder), {@code CODED} (coded, no claim submitted: a held claim or one being built),
 * {@code CLAIMED} (a claim was submitted; {@code claimState} is its current claim's state), {@code PAID}.
 */
public record EncounterRow(
        String encounterId,
        String tenantId,
        LocalDate dateOfService,
        Instant documentedAt,
        Integer codingVersion,
        String state,
        String claimId,
        String claimState,
        String payerName) {

    /** The states a list can be filtered by. */
    public static final java.util.List<String> STATES = java.util.List.of("DOCUMENTED", "CODED", "CLAIMED", "PAID");
}
