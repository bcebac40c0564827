package io.claimflow.coding.pipeline.adapter;

import io.claimflow.coding.pipeline.CodingVersion;
import io.claimflow.coding.pipeline.CodingVersions;
import io.claimflow.coding.rules.Coding;
import io.claimflow.events.EncounterCoded;
import io.claimflow.platform.outbox.OutboxWriter;
import io.claimflow.schemas.Topics;
import io.claimflow.schemas.serde.StoredRecords;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Stores a coding version (the EncounterCoded event as Avro bytes, {@link StoredRecords}) and appends the same event to the platform outbox in
 * the caller's transaction. The primary key (encounter, version) makes a second version 1 impossible.
 */
@Repository
class OutboxCodingVersions implements CodingVersions {

    private final JdbcClient jdbc;
    private final OutboxWriter outbox;
    private final Clock clock;

    OutboxCodingVersions(JdbcClient jdbc, OutboxWriter outbox, Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public void store(CodingVersion version, byte[] documentation) {
        EncounterCoded event = AvroMapping.encounterCoded(version, documentation, clock);
        jdbc.sql(
                        "INSERT INTO coding_version (encounter_id, version, event_id, causation_id, method, coder_id, coded_event) "
                                + "VALUES (:id, :version, :eventId, :causation, :method, :coder, :coded)")
                .param("id", version.encounterId())
                .param("version", version.version())
                .param("eventId", UUID.fromString(event.getEventId()))
                .param("causation", version.causationId())
                .param("method", version.automatic() ? "AUTOMATIC" : "CODER")
                .param("coder", version.coderId())
                .param("coded", StoredRecords.write(event))
                .update();
        outbox.append(Topics.ENCOUNTER_CODED, version.encounterId(), event);
    }

    @Override
    public Optional<Coding> find(String encounterId, int version) {
        // a version stored before V21 has its event as JSON only
        return jdbc.sql("SELECT coded_event, coded::text FROM coding_version "
                        + "WHERE encounter_id = :id AND version = :version")
                .param("id", encounterId)
                .param("version", version)
                .query((rs, n) -> {
                    byte[] stored = rs.getBytes(1);
                    return stored != null ? stored : rs.getString(2).getBytes(StandardCharsets.UTF_8);
                })
                .optional()
                .map(stored -> AvroMapping.coding(StoredRecords.read(stored, EncounterCoded.class)));
    }
}
