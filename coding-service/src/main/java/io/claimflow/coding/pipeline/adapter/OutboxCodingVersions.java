package io.claimflow.coding.pipeline.adapter;

import io.claimflow.coding.pipeline.CodingVersion;
import io.claimflow.coding.pipeline.CodingVersions;
import io.claimflow.coding.rules.Coding;
import io.claimflow.events.EncounterCoded;
import io.claimflow.platform.jdbc.TransactionRows;
import io.claimflow.platform.outbox.OutboxWriter;
import io.claimflow.schemas.Topics;
import io.claimflow.schemas.serde.StoredRecords;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Stores a coding version (the EncounterCoded event as Avro bytes, {@link StoredRecords}) and appends the same event to the platform outbox in
 * the caller's transaction. The primary key (encounter, version) makes a second version 1 impossible.
 *
 * <p>Issue 22: a transaction's versions are inserted in one statement when it commits ({@link TransactionRows}), as
 * its outbox rows are; {@link #find} writes them first. Such a row cannot fail on its own: its version is the next
 * one of the encounter row the transaction has locked and stored before it, its event id is new.
 */
@Repository
class OutboxCodingVersions implements CodingVersions {

    private static final String INSERT = "INSERT INTO coding_version (encounter_id, version, event_id, causation_id, "
            + "method, coder_id, coded_event) VALUES (?, ?, ?, ?, ?, ?, ?)";

    private final JdbcClient jdbc;
    private final OutboxWriter outbox;
    private final Clock clock;
    // one multi-row insert per transaction (the driver rewrites the batch, reWriteBatchedInserts)
    private final TransactionRows<Object[]> rows;

    OutboxCodingVersions(JdbcClient jdbc, JdbcTemplate batch, OutboxWriter outbox, Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
        this.rows = new TransactionRows<>(versions -> batch.batchUpdate(INSERT, versions));
    }

    @Override
    public void store(CodingVersion version, byte[] documentation) {
        EncounterCoded event = AvroMapping.encounterCoded(version, documentation, clock);
        rows.add(new Object[] {
            version.encounterId(),
            version.version(),
            UUID.fromString(event.getEventId()),
            version.causationId(),
            version.automatic() ? "AUTOMATIC" : "CODER",
            version.coderId(),
            StoredRecords.write(event)
        });
        outbox.append(Topics.ENCOUNTER_CODED, version.encounterId(), event);
    }

    @Override
    public Optional<Coding> find(String encounterId, int version) {
        rows.flush();
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
