package io.claimflow.coding.pipeline;

import io.claimflow.coding.rules.DocumentedEncounter;

/**
 * An EncounterDocumented event as the pipeline handles it: the domain view for the rules, and the event itself as
 * JSON ({@code documentation}, opaque here) to keep with the encounter and copy the context downstream from.
 */
public record IncomingDocumentation(String eventId, DocumentedEncounter encounter, String documentation) {
}
