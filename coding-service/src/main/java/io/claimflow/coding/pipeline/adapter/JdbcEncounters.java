package io.claimflow.coding.pipeline.adapter;

import io.claimflow.coding.pipeline.EncounterRecord;
import io.claimflow.coding.pipeline.EncounterStatus;
import io.claimflow.coding.pipeline.Encounters;
import io.claimflow.coding.pipeline.IncomingDocumentation;
import io.claimflow.events.EncounterDocumented;
import io.claimflow.schemas.serde.StoredRecords;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Encounters in PostgreSQL, documentation kept as the EncounterDocumented in Avro bytes ({@link StoredRecords}); an
 * encounter stored before V21 has it as JSON, which reads the same.
 */
@Repository
class JdbcEncounters implements Encounters {

    private static final String SELECT =
            "SELECT documented, documentation::text, status, current_version, recode_attempts "
                    + "FROM encounter WHERE encounter_id = :id";

    private final JdbcClient jdbc;

    JdbcEncounters(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<EncounterRecord> find(String encounterId) {
        return read(SELECT, encounterId);
    }

    @Override
    public Optional<EncounterRecord> lock(String encounterId) {
        return read(SELECT + " FOR UPDATE", encounterId);
    }

    private Optional<EncounterRecord> read(String sql, String encounterId) {
        return jdbc.sql(sql)
                .param("id", encounterId)
                .query((rs, n) -> {
                    byte[] stored = rs.getBytes(1);
                    byte[] documentation =
                            stored != null ? stored : rs.getString(2).getBytes(StandardCharsets.UTF_8);
                    EncounterDocumented event = StoredRecords.read(documentation, EncounterDocumented.class);
                    return new EncounterRecord(
                            AvroMapping.toDomain(event),
                            documentation,
                            EncounterStatus.valueOf(rs.getString(3)),
                            rs.getInt(4),
                            rs.getInt(5));
                })
                .optional();
    }

    @Override
    public void saveDocumentation(IncomingDocumentation documentation) {
        jdbc.sql("INSERT INTO encounter (encounter_id, tenant_id, date_of_service, documented_event_id, "
                        + "documented, status) VALUES (:id, :tenant, :dos, :eventId, :doc, 'HELD') "
                        + "ON CONFLICT (encounter_id) DO UPDATE SET tenant_id = excluded.tenant_id, "
                        + "date_of_service = excluded.date_of_service, documented_event_id = excluded.documented_event_id, "
                        + "documented = excluded.documented, documentation = NULL, updated_at = now()")
                .param("id", documentation.encounter().encounterId())
                .param("tenant", documentation.encounter().tenantId())
                .param("dos", documentation.encounter().dateOfService())
                .param("eventId", UUID.fromString(documentation.eventId()))
                .param("doc", documentation.documentation())
                .update();
    }

    @Override
    public void updateState(String encounterId, EncounterStatus status, int currentVersion, int recodeAttempts) {
        jdbc.sql("UPDATE encounter SET status = :status, current_version = :version, recode_attempts = :attempts, "
                        + "updated_at = now() WHERE encounter_id = :id")
                .param("status", status.name())
                .param("version", currentVersion)
                .param("attempts", recodeAttempts)
                .param("id", encounterId)
                .update();
    }
}
