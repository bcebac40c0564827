package io.claimflow.ehr.intake.adapter;

import io.claimflow.ehr.config.EhrProperties;
import io.claimflow.ehr.intake.DocumentedEncounter;
import io.claimflow.ehr.intake.EncounterEvents;
import io.claimflow.ehr.intake.Problem;
import io.claimflow.events.EncounterDocumented;
import io.claimflow.platform.outbox.OutboxWriter;
import io.claimflow.schemas.Topics;
import io.claimflow.schemas.rules.EncounterDocumentedRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@link EncounterEvents} through the platform's transactional outbox, keyed by encounterId. Before an encounter is
 * accepted it is checked as coding-service will check it ({@link EncounterDocumentedRules}) and for its size, so that
 * the EHR hears a refusal now instead of the event dead-lettering (or never leaving the outbox) later.
 */
@Component
class OutboxEncounterEvents implements EncounterEvents {

    private final OutboxWriter outbox;
    private final int maxEventBytes;
    private final Clock clock;

    OutboxEncounterEvents(OutboxWriter outbox, EhrProperties properties, Optional<Clock> clock) {
        this.outbox = outbox;
        this.maxEventBytes = properties.maxEventBytes();
        this.clock = clock.orElse(Clock.systemUTC());
    }

    @Override
    public List<Problem> check(DocumentedEncounter encounter) {
        EncounterDocumented event =
                EncounterDocumentedMapper.toEvent(encounter, UUID.randomUUID(), null, clock.instant());
        String id = encounter.encounterId();
        List<Problem> problems = new ArrayList<>();
        for (String missing : EncounterDocumentedRules.lacking(event, LocalDate.now(clock))) {
            problems.add(new Problem(
                    "Encounter", Problem.Kind.INVALID, "encounter " + id + " cannot be coded: it lacks " + missing));
        }
        for (EncounterDocumentedRules.Violation violation : EncounterDocumentedRules.unusableText(event)) {
            problems.add(new Problem(violation.field(), Problem.Kind.INVALID, "encounter " + id + ": " + violation));
        }
        if (problems.isEmpty()) {
            int size = size(event);
            if (size > maxEventBytes) {
                problems.add(new Problem(
                        "Encounter",
                        Problem.Kind.INVALID,
                        "encounter " + id + " is too large: "
                                + size + " bytes as an event, at most " + maxEventBytes
                                + " are taken (shorten the note "
                                + "or split the encounter)"));
            }
        }
        return problems;
    }

    @Override
    public void append(DocumentedEncounter encounter, UUID eventId, UUID causationId, Instant occurredAt) {
        EncounterDocumented event = EncounterDocumentedMapper.toEvent(encounter, eventId, causationId, occurredAt);
        outbox.append(Topics.ENCOUNTER_DOCUMENTED, encounter.encounterId(), event);
    }

    private static int size(EncounterDocumented event) {
        try {
            return event.toByteBuffer().remaining();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
