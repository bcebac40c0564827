package io.claimflow.coding.pipeline.adapter;

import io.claimflow.coding.pipeline.EncounterRecord;
import io.claimflow.coding.pipeline.EncounterStatus;
import io.claimflow.coding.pipeline.Encounters;
import io.claimflow.coding.pipeline.IncomingDocumentation;
import io.claimflow.events.EncounterDocumented;
import io.claimflow.schemas.serde.StoredRecords;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
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

    /**
     * An encounter not seen before is one insert (no row to lock before it); corrected documentation of one seen
     * before is an update that locks its row and returns what it leaves as it was: its state before.
     */
    @Override
    public Optional<State> saveDocumentation(IncomingDocumentation documentation) {
        int inserted = jdbc.sql("INSERT INTO encounter (encounter_id, tenant_id, date_of_service, documented_event_id, "
                        + "documented, status) VALUES (:id, :tenant, :dos, :eventId, :doc, 'HELD') "
                        + "ON CONFLICT (encounter_id) DO NOTHING")
                .params(parameters(documentation))
                .update();
        if (inserted == 1) {
            return Optional.empty();
        }
        return Optional.of(jdbc.sql("UPDATE encounter SET tenant_id = :tenant, date_of_service = :dos, "
                        + "documented_event_id = :eventId, documented = :doc, documentation = NULL, updated_at = now() "
                        + "WHERE encounter_id = :id RETURNING status, current_version, recode_attempts")
                .params(parameters(documentation))
                .query((rs, n) -> new State(EncounterStatus.valueOf(rs.getString(1)), rs.getInt(2), rs.getInt(3)))
                .single());
    }

    private static Map<String, Object> parameters(IncomingDocumentation documentation) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("id", documentation.encounter().encounterId());
        parameters.put("tenant", documentation.encounter().tenantId());
        parameters.put("dos", documentation.encounter().dateOfService());
        parameters.put("eventId", UUID.fromString(documentation.eventId()));
        parameters.put("doc", documentation.documentation());
        return parameters;
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
