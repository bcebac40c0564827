package io.claimflow.claim.model;

import java.time.Instant;

/**
 * One entry of a claim's timeline: a change of state, or (from equal to to) something recorded without one, such as a
 * payment posted to a claim that was already replaced.
 */
public record StatusChange(
        ClaimStatus from, ClaimStatus to, Instant at, Actor actor, String reason, String causeEventId) {}
