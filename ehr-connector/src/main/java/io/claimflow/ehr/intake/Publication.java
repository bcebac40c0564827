package io.claimflow.ehr.intake;

import java.util.UUID;

/**
 * What became of one documented encounter.
 *
 * @param encounterId the event's encounterId
 * @param version the source version (FHIR meta.versionId, HL7 MSH-10)
 * @param eventId the EncounterDocumented event that carries it (the earlier one when already published)
 * @param causationId the event this one corrects; null for the first publication of an encounter
 * @param outcome published now, published now as a correction, published before, or older than what was
 */
public record Publication(String encounterId, String version, UUID eventId, UUID causationId, Outcome outcome) {

    /** What happened to the submission. */
    public enum Outcome {
        /** First documentation of the encounter: a new event. */
        PUBLISHED,
        /** A new version of an encounter published before: a new event whose causationId is the previous event. */
        CORRECTION,
        /** This version was published before: nothing new was published. */
        ALREADY_PUBLISHED,
        /**
         * An older version than the one published (numeric FHIR versionIds arriving out of order): nothing was
         * published, the newer documentation stands; eventId is the event that carries it.
         */
        SUPERSEDED
    }
}
