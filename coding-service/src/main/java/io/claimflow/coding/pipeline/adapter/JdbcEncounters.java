package io.claimflow.coding.pipeline.adapter;

import io.claimflow.coding.pipeline.EncounterRecord;
import io.claimflow.coding.pipeline.EncounterStatus;
import io.claimflow.coding.pipeline.Encounters;
import io.claimflow.coding.pipeline.IncomingDocumentation;
import io.claimflow.events.EncounterDocumented;
import io.claimflow.schemas.json.JsonRecords;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Encounters in PostgreSQL, documentation kept as the EncounterDocumented JSON. */
@Repository
class JdbcEncounters implements Encounters {

    private static final String SELECT = "SELECT documentation::text, status, current_version, recode_attempts "
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
                    String documentation = rs.getString(1);
                    EncounterDocumented event = JsonRecords.read(documentation, EncounterDocumented.class);
                    return new EncounterRecord(
                            AvroMapping.toDomain(event),
                            documentation,
                            EncounterStatus.valueOf(rs.getString(2)),
                            rs.getInt(3),
                            rs.getInt(4));
                })
                .optional();
    }

    @Override
    public void saveDocumentation(IncomingDocumentation documentation) {
        jdbc.sql("INSERT INTO encounter (encounter_id, tenant_id, date_of_service, documented_event_id, "
                        + "documentation, status) VALUES (:id, :tenant, :dos, :eventId, CAST(:doc AS jsonb), 'HELD') "
                        + "ON CONFLICT (encounter_id) DO UPDATE SET tenant_id = excluded.tenant_id, "
                        + "date_of_service = excluded.date_of_service, documented_event_id = excluded.documented_event_id, "
                        + "documentation = excluded.documentation, updated_at = now()")
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
