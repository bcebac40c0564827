package io.claimflow.ehr.intake;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Publishes documented encounters exactly once per source version. The idempotency row and the outbox row are
 * written in one transaction, so the same bundle or message sent twice (or resent after a crash) publishes one event;
 * a new version of an encounter already published is a correction: a new event with the same encounterId whose
 * causationId is the previous event's id.
 */
@Service
public class EncounterIntake {

    private static final Logger log = LoggerFactory.getLogger(EncounterIntake.class);

    private final PublishedEncounters published;
    private final EncounterEvents events;
    private final Clock clock;

    public EncounterIntake(PublishedEncounters published, EncounterEvents events, Optional<Clock> clock) {
        this.published = published;
        this.events = events;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** One encounter to publish and where it comes from. */
    public record Submission(Source source, DocumentedEncounter encounter) {}

    /**
     * What keeps any of {@code submissions} from being published and coded later (checked before anything is
     * written, so that the EHR gets its refusal now); empty when all can go.
     */
    public List<Problem> check(List<Submission> submissions) {
        List<Problem> problems = new ArrayList<>();
        for (Submission submission : submissions) {
            problems.addAll(events.check(submission.encounter()));
        }
        return problems;
    }

    /** Publishes all or none of {@code submissions} (one bundle, one message). */
    @Transactional
    public List<Publication> publish(List<Submission> submissions) {
        List<Publication> results = new ArrayList<>();
        for (Submission submission : submissions) {
            results.add(publishOne(submission));
        }
        return results;
    }

    private Publication publishOne(Submission submission) {
        Source source = submission.source();
        String tenantId = submission.encounter().tenantId();
        published.lock(tenantId, source.encounterId());
        Optional<PublishedEncounters.Row> existing = published.find(tenantId, source);
        if (existing.isPresent()) {
            log.info(
                    "Encounter {} version {} from {} was published before as event {}; nothing published",
                    source.encounterId(),
                    source.version(),
                    source.channel(),
                    existing.get().eventId());
            return already(source, existing.get());
        }
        Optional<PublishedEncounters.Row> latest = published.latest(tenantId, source.encounterId());
        if (latest.isPresent() && isOlder(source, latest.get().source())) {
            log.info(
                    "Encounter {} version {} from {} is older than the published version {}; nothing published",
                    source.encounterId(),
                    source.version(),
                    source.channel(),
                    latest.get().source().version());
            return new Publication(
                    source.encounterId(),
                    source.version(),
                    latest.get().eventId(),
                    null,
                    Publication.Outcome.SUPERSEDED);
        }
        UUID causationId = latest.map(PublishedEncounters.Row::eventId).orElse(null);
        UUID eventId = UUID.randomUUID();
        if (!published.insertIfAbsent(new PublishedEncounters.Row(tenantId, source, eventId, causationId))) {
            PublishedEncounters.Row row = published.find(tenantId, source).orElseThrow();
            return already(source, row);
        }
        events.append(submission.encounter(), eventId, causationId, clock.instant());
        Publication.Outcome outcome =
                causationId == null ? Publication.Outcome.PUBLISHED : Publication.Outcome.CORRECTION;
        log.info(
                "Encounter {} version {} from {}: event {} {}",
                source.encounterId(),
                source.version(),
                source.channel(),
                eventId,
                outcome == Publication.Outcome.CORRECTION ? "corrects event " + causationId : "appended to the outbox");
        return new Publication(source.encounterId(), source.version(), eventId, causationId, outcome);
    }

    /**
     * Whether {@code incoming} is an older version than {@code published}: only decidable for whole-number versions
     * from the same channel (FHIR servers number versions 1, 2, 3...); content digests and HL7 control ids are not
     * ordered, so they never count as older.
     */
    static boolean isOlder(Source incoming, Source published) {
        if (!incoming.channel().equals(published.channel())) {
            return false;
        }
        try {
            return new java.math.BigInteger(incoming.version()).compareTo(new java.math.BigInteger(published.version()))
                    < 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Publication already(Source source, PublishedEncounters.Row row) {
        return new Publication(
                source.encounterId(),
                source.version(),
                row.eventId(),
                row.causationId(),
                Publication.Outcome.ALREADY_PUBLISHED);
    }
}
