package io.claimflow.ehr.intake.adapter;

import io.claimflow.ehr.intake.PublishedEncounters;
import io.claimflow.ehr.intake.Source;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@link PublishedEncounters} in the table {@code published_encounter}. */
@Repository
class JdbcPublishedEncounters implements PublishedEncounters {

    private final JdbcClient jdbc;

    JdbcPublishedEncounters(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void lock(String tenantId, String encounterId) {
        // A transaction-scoped advisory lock: two versions of one encounter arriving at once get ordered, so each
        // correction names the event before it.
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .param("key", tenantId.length() + ":" + tenantId + encounterId)
                .query((rs, n) -> 1)
                .list();
    }

    @Override
    public Optional<Row> find(String tenantId, Source source) {
        return jdbc.sql("""
                SELECT tenant_id, source, encounter_id, source_version, event_id, causation_id
                FROM published_encounter
                WHERE tenant_id = :tenant AND source = :source AND encounter_id = :encounter
                  AND source_version = :version""")
                .param("tenant", tenantId)
                .param("source", source.channel())
                .param("encounter", source.encounterId())
                .param("version", source.version())
                .query((rs, n) -> row(rs))
                .optional();
    }

    @Override
    public Optional<Row> latest(String tenantId, String encounterId) {
        return jdbc.sql("""
                SELECT tenant_id, source, encounter_id, source_version, event_id, causation_id
                FROM published_encounter
                WHERE tenant_id = :tenant AND encounter_id = :encounter
                ORDER BY seq DESC LIMIT 1""")
                .param("tenant", tenantId)
                .param("encounter", encounterId)
                .query((rs, n) -> row(rs))
                .optional();
    }

    @Override
    public boolean insertIfAbsent(Row row) {
        return jdbc.sql("""
                INSERT INTO published_encounter (tenant_id, source, encounter_id, source_version, event_id, causation_id)
                VALUES (:tenant, :source, :encounter, :version, :event, :causation)
                ON CONFLICT (tenant_id, source, encounter_id, source_version) DO NOTHING""")
                        .param("tenant", row.tenantId())
                        .param("source", row.source().channel())
                        .param("encounter", row.source().encounterId())
                        .param("version", row.source().version())
                        .param("event", row.eventId())
                        .param("causation", row.causationId())
                        .update()
                == 1;
    }

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Row(
                rs.getString("tenant_id"),
                new Source(rs.getString("source"), rs.getString("encounter_id"), rs.getString("source_version")),
                rs.getObject("event_id", UUID.class),
                rs.getObject("causation_id", UUID.class));
    }
}
