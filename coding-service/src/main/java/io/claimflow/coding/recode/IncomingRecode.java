package io.claimflow.coding.recode;

import io.claimflow.coding.rules.Denial;

/**
 * A RecodeRequested event as recoding handles it.
 *
 * @param reason the event's DenialReason as JSON, passed through to EncounterCoded's recodeCause
 */
public record IncomingRecode(
        String eventId, String encounterId, String claimId, int codingVersion, Denial denial, String reason) {}
