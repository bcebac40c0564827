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
     * One upsert (issue 22: an insert, then an update of its state after the coding): an encounter not seen before
     * is inserted with its outcome (no row to lock before it); corrected documentation of one seen before updates
     * (and so locks) its row and returns the state it had: its version and recode attempts from the row it locked,
     * its status from the statement's snapshot (a locking read there would find the row updated by the statement
     * itself and skip it). The advisory lock of the listener's batch on the encounter id (the record key) keeps
     * other batches of the same encounter out meanwhile.
     */
    @Override
    public Optional<State> saveDocumentation(IncomingDocumentation documentation, EncounterStatus outcome) {
        Map<String, Object> parameters = parameters(documentation);
        parameters.put("status", outcome.name());
        parameters.put("step", outcome == EncounterStatus.CODED ? 1 : 0);
        return jdbc.sql("WITH before AS (SELECT status FROM encounter WHERE encounter_id = :id) "
                        + "INSERT INTO encounter (encounter_id, tenant_id, date_of_service, documented_event_id, "
                        + "documented, status, current_version) VALUES (:id, :tenant, :dos, :eventId, :doc, :status, "
                        + ":step) ON CONFLICT (encounter_id) DO UPDATE SET tenant_id = excluded.tenant_id, "
                        + "date_of_service = excluded.date_of_service, "
                        + "documented_event_id = excluded.documented_event_id, documented = excluded.documented, "
                        + "documentation = NULL, status = excluded.status, "
                        + "current_version = encounter.current_version + :step, updated_at = now() "
                        + "RETURNING xmax = 0, (SELECT status FROM before), current_version - :step, recode_attempts")
                .params(parameters)
                .query((rs, n) -> rs.getBoolean(1)
                        ? Optional.<State>empty()
                        : Optional.of(new State(
                                // inserted by another transaction since the snapshot (not while the batch holds
                                // the encounter's advisory lock): as if held, so that an open item is closed
                                rs.getString(2) == null
                                        ? EncounterStatus.HELD
                                        : EncounterStatus.valueOf(rs.getString(2)),
                                rs.getInt(3),
                                rs.getInt(4))))
                .single();
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
