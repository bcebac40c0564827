package io.claimflow.ehr.adapter.kafka;

import io.claimflow.ehr.intake.DocumentedEncounter;
import io.claimflow.ehr.intake.EncounterEvents;
import io.claimflow.events.EncounterDocumented;
import io.claimflow.platform.outbox.OutboxWriter;
import io.claimflow.schemas.Topics;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** {@link EncounterEvents} through the platform's transactional outbox, keyed by encounterId. */
@Component
class OutboxEncounterEvents implements EncounterEvents {

    private final OutboxWriter outbox;

    OutboxEncounterEvents(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    @Override
    public void append(DocumentedEncounter encounter, UUID eventId, UUID causationId, Instant occurredAt) {
        EncounterDocumented event = EncounterDocumentedMapper.toEvent(encounter, eventId, causationId, occurredAt);
        outbox.append(Topics.ENCOUNTER_DOCUMENTED, encounter.encounterId(), event);
    }
}
