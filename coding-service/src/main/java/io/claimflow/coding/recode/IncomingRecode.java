package io.claimflow.coding.recode;

import io.claimflow.coding.pipeline.DenialReason;
import io.claimflow.coding.rules.Denial;

/**
 * A RecodeRequested event as recoding handles it.
 *
 * @param reason the event's denial reason, passed through to EncounterCoded's recodeCause
 */
public record IncomingRecode(
        String eventId, String encounterId, String claimId, int codingVersion, Denial denial, DenialReason reason) {}
