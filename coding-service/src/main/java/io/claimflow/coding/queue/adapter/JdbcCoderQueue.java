package io.claimflow.coding.queue.adapter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.claimflow.coding.pipeline.CoderQueue;
import io.claimflow.coding.pipeline.HeldEncounter;
import io.claimflow.coding.pipeline.RecodeCause;
import io.claimflow.coding.queue.QueueFilter;
import io.claimflow.coding.queue.QueueItem;
import io.claimflow.coding.queue.QueueItems;
import io.claimflow.coding.queue.QueuePage;
import io.claimflow.coding.rules.Coding;
import io.claimflow.coding.rules.HoldReason;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The coder work queue in PostgreSQL; reasons, suggestion and recode cause as jsonb (domain records, not Avro). A
 * recode cause stored before its reason was a domain record has the reason as a JSON string (the event's DenialReason
 * in plain JSON, the same field names): it is read as the record it holds.
 */
@Repository
class JdbcCoderQueue implements CoderQueue, QueueItems {

    // a recode cause read as a tree keeps its amounts exact ("12.00", not 12.0)
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private static final String COLUMNS = "id, encounter_id, tenant_id, date_of_service, kind, status, causation_id, "
            + "hold_reasons::text, suggestion::text, recode_cause::text, created_at, finalized_at, finalized_by, "
            + "coding_version";

    private final JdbcClient jdbc;

    JdbcCoderQueue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void hold(HeldEncounter held) {
        String id = held.encounter().encounterId();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("encounterId", id);
        params.put("tenantId", held.encounter().tenantId());
        params.put("dos", held.encounter().dateOfService());
        params.put("kind", held.kind().name());
        params.put("causation", held.causationId());
        params.put("reasons", write(held.reasons()));
        params.put("suggestion", write(held.suggestion()));
        params.put("cause", held.recodeCause() == null ? null : write(held.recodeCause()));
        // one statement (issue 22: an update, and an insert when it found no open item): the open item (at most one,
        // coder_queue_item_open) keeps its id and creation time and takes the new reasons, suggestion and cause
        jdbc.sql("INSERT INTO coder_queue_item (encounter_id, tenant_id, date_of_service, kind, status, causation_id, "
                        + "hold_reasons, suggestion, recode_cause) VALUES (:encounterId, :tenantId, :dos, :kind, "
                        + "'OPEN', :causation, CAST(:reasons AS jsonb), CAST(:suggestion AS jsonb), "
                        + "CAST(:cause AS jsonb)) ON CONFLICT (encounter_id) WHERE status = 'OPEN' DO UPDATE SET "
                        + "kind = excluded.kind, causation_id = excluded.causation_id, "
                        + "hold_reasons = excluded.hold_reasons, suggestion = excluded.suggestion, "
                        + "recode_cause = excluded.recode_cause, date_of_service = excluded.date_of_service, "
                        + "tenant_id = excluded.tenant_id")
                .params(params)
                .update();
    }

    @Override
    public boolean supersede(String encounterId, int codingVersion) {
        return jdbc.sql("UPDATE coder_queue_item SET status = 'FINALIZED', finalized_at = now(), "
                                + "finalized_by = 'superseded-by-automatic-coding', coding_version = :version "
                                + "WHERE encounter_id = :id AND status = 'OPEN'")
                        .param("version", codingVersion)
                        .param("id", encounterId)
                        .update()
                > 0;
    }

    @Override
    public QueuePage list(QueueFilter filter) {
        StringBuilder where = new StringBuilder(" WHERE true");
        Map<String, Object> params = new LinkedHashMap<>();
        if (filter.status() != null) {
            where.append(" AND status = :status");
            params.put("status", filter.status().name());
        }
        if (filter.tenantId() != null) {
            where.append(" AND tenant_id = :tenant");
            params.put("tenant", filter.tenantId());
        }
        if (filter.kind() != null) {
            where.append(" AND kind = :kind");
            params.put("kind", filter.kind().name());
        }
        if (filter.reason() != null) {
            where.append(" AND hold_reasons @> CAST(:reason AS jsonb)");
            params.put("reason", write(List.of(Map.of("code", filter.reason()))));
        }
        if (filter.dateOfServiceFrom() != null) {
            where.append(" AND date_of_service >= :from");
            params.put("from", filter.dateOfServiceFrom());
        }
        if (filter.dateOfServiceTo() != null) {
            where.append(" AND date_of_service <= :to");
            params.put("to", filter.dateOfServiceTo());
        }
        long total = jdbc.sql("SELECT count(*) FROM coder_queue_item" + where)
                .params(params)
                .query(Long.class)
                .single();
        Map<String, Object> pageParams = new LinkedHashMap<>(params);
        pageParams.put("limit", filter.size());
        pageParams.put("offset", (long) filter.page() * filter.size());
        List<QueueItem> items = jdbc.sql("SELECT " + COLUMNS + " FROM coder_queue_item" + where
                        + " ORDER BY created_at, id LIMIT :limit OFFSET :offset")
                .params(pageParams)
                .query(this::item)
                .list();
        return new QueuePage(items, filter.page(), filter.size(), total);
    }

    @Override
    public Optional<QueueItem> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM coder_queue_item WHERE id = :id")
                .param("id", id)
                .query(this::item)
                .optional();
    }

    @Override
    public Optional<QueueItem> lock(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM coder_queue_item WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(this::item)
                .optional();
    }

    @Override
    public void finalizeItem(long id, String coderId, int codingVersion) {
        jdbc.sql("UPDATE coder_queue_item SET status = 'FINALIZED', finalized_at = now(), finalized_by = :coder, "
                        + "coding_version = :version WHERE id = :id")
                .param("coder", coderId)
                .param("version", codingVersion)
                .param("id", id)
                .update();
    }

    private QueueItem item(ResultSet rs, int row) throws SQLException {
        return new QueueItem(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getObject(4, LocalDate.class),
                HeldEncounter.QueueKind.valueOf(rs.getString(5)),
                QueueItem.Status.valueOf(rs.getString(6)),
                rs.getString(7),
                read(rs.getString(8), new TypeReference<List<HoldReason>>() {}),
                read(rs.getString(9), new TypeReference<Coding>() {}),
                recodeCause(rs.getString(10)),
                instant(rs.getTimestamp(11)),
                instant(rs.getTimestamp(12)),
                rs.getString(13),
                (Integer) rs.getObject(14));
    }

    static RecodeCause recodeCause(String json) {
        if (json == null) {
            return null;
        }
        try {
            JsonNode cause = JSON.readTree(json);
            if (cause.get("reason") instanceof TextNode legacy) {
                ((ObjectNode) cause).set("reason", JSON.readTree(legacy.textValue()));
            }
            return JSON.treeToValue(cause, RecodeCause.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read queue item JSON", e);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write queue item JSON", e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read queue item JSON", e);
        }
    }
}
