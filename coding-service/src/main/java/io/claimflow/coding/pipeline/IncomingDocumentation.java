package io.claimflow.coding.pipeline;

import io.claimflow.coding.history.CareProvider;
import io.claimflow.coding.rules.DocumentedEncounter;

/**
 * An EncounterDocumented event as the pipeline handles it: the domain view for the rules, and the event itself as
 * the adapter stores it ({@code documentation}, opaque bytes here, never modified) to keep with the encounter and copy the context downstream from; the
 * patient's identity within the tenant (the EHR's MRN, never logged) and the providers, for the history of
 * professional services that decides new or established.
 */
public record IncomingDocumentation(
        String eventId, DocumentedEncounter encounter, byte[] documentation, String patientId, CareProvider provider) {}
