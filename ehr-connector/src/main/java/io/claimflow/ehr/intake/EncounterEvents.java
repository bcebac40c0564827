package io.claimflow.ehr.intake;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Where EncounterDocumented events go: the transactional outbox (port; Kafka adapter). */
public interface EncounterEvents {

    /**
     * What keeps {@code encounter} from being published and coded later (the consumer's own rules, the event's
     * size), found before anything is written; empty when nothing does. Problems name fields, never values.
     */
    List<Problem> check(DocumentedEncounter encounter);

    /** Appends the event inside the caller's transaction; it is published if and only if that commits. */
    void append(DocumentedEncounter encounter, UUID eventId, UUID causationId, Instant occurredAt);
}
