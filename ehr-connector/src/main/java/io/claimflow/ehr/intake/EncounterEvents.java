package io.claimflow.ehr.intake;

import java.time.Instant;
import java.util.UUID;

/** Where EncounterDocumented events go: the transactional outbox (port; Kafka adapter). */
public interface EncounterEvents {

    /** Appends the event inside the caller's transaction; it is published if and only if that commits. */
    void append(DocumentedEncounter encounter, UUID eventId, UUID causationId, Instant occurredAt);
}
