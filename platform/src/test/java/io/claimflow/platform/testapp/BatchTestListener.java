package io.claimflow.platform.testapp;

import io.claimflow.platform.outbox.OutboxWriter;
import io.claimflow.platform.outbox.ProcessedEvents;
import io.claimflow.platform.outbox.TransactionalBatches;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.MDC;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * A batch listener as services write it ({@link TransactionalBatches}): consumes {@link PlatformTestApplication#BATCH}
 * in batches, each event once (processed-event mark), stored in {@code platform_test.batch_event} and appended to
 * {@link PlatformTestApplication#OUTBOX}. Instructions as {@link TestListener}'s: {@code ok}, {@code reject}
 * (IllegalArgumentException), {@code fail-times:N} (IllegalStateException on the first N attempts).
 */
@Component
public class BatchTestListener {

    /** The listener id and idempotency consumer id. */
    public static final String CONSUMER = "platform-test-batch";

    private final TransactionalBatches batches;
    private final ProcessedEvents processedEvents;
    private final OutboxWriter outboxWriter;
    private final JdbcTemplate jdbc;
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Map<String, String> traceIds = new ConcurrentHashMap<>();

    BatchTestListener(
            TransactionalBatches batches,
            ProcessedEvents processedEvents,
            OutboxWriter outboxWriter,
            DataSource dataSource) {
        this.batches = batches;
        this.processedEvents = processedEvents;
        this.outboxWriter = outboxWriter;
        // table platform_test.batch_event: test resources' db/migration (DDL is the owner role's)
        this.jdbc = new JdbcTemplate(dataSource);
    }

    @KafkaListener(id = CONSUMER, topics = PlatformTestApplication.BATCH, batch = "true")
    void on(List<ConsumerRecord<String, PlatformTestEvent>> records) {
        batches.handle(CONSUMER, records, PlatformTestEvent.class, this::handle);
    }

    /** Handles one event inside the batch's transaction. */
    public void handle(PlatformTestEvent event) {
        int attempt = attempts.computeIfAbsent(event.getEventId(), id -> new AtomicInteger())
                .incrementAndGet();
        String traceId = MDC.get("traceId");
        traceIds.put(event.getEventId(), traceId == null ? "" : traceId);
        if (!processedEvents.markIfNew(CONSUMER, event.getEventId())) {
            return;
        }
        jdbc.update(
                "INSERT INTO platform_test.batch_event (event_id, encounter_id) VALUES (?, ?)",
                event.getEventId(),
                event.getEncounterId());
        outboxWriter.append(PlatformTestApplication.OUTBOX, event.getEncounterId(), event);
        String instruction = event.getInstruction();
        if (instruction.equals("reject")) {
            throw new IllegalArgumentException("test event " + event.getEventId() + " rejected");
        }
        if (instruction.startsWith("fail-times:")
                && attempt <= Integer.parseInt(instruction.substring("fail-times:".length()))) {
            throw new IllegalStateException("test event " + event.getEventId() + " failed attempt " + attempt);
        }
    }

    /** How often the handler was called with the event. */
    public int attempts(String eventId) {
        AtomicInteger count = attempts.get(eventId);
        return count == null ? 0 : count.get();
    }

    /** The trace id in the MDC the last time the event was handled ("" when none), or null when never handled. */
    public String traceId(String eventId) {
        return traceIds.get(eventId);
    }
}
