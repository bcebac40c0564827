package io.claimflow.platform.testapp;

import io.claimflow.platform.outbox.OutboxWriter;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A consume-and-produce hop as services write it: consumes {@link PlatformTestApplication#TRACED} and appends the same
 * event to {@link PlatformTestApplication#OUTBOX} in a database transaction. Remembers the {@code traceId} its log
 * line carried (the MDC the log pattern reads).
 */
@Component
public class TracedListener {

    private static final Logger LOG = LoggerFactory.getLogger(TracedListener.class);

    private final OutboxWriter outboxWriter;
    private final TransactionTemplate transactions;
    private final Map<String, CompletableFuture<String>> traceIds = new ConcurrentHashMap<>();

    TracedListener(OutboxWriter outboxWriter, TransactionTemplate transactions) {
        this.outboxWriter = outboxWriter;
        this.transactions = transactions;
    }

    @KafkaListener(id = "platform-test-traced", topics = PlatformTestApplication.TRACED)
    void on(PlatformTestEvent event) {
        LOG.info("Traced event {} for encounter {}", event.getEventId(), event.getEncounterId());
        transactions.executeWithoutResult(
                status -> outboxWriter.append(PlatformTestApplication.OUTBOX, event.getEncounterId(), event));
        String traceId = MDC.get("traceId");
        traceIdFuture(event.getEventId()).complete(traceId == null ? "" : traceId);
    }

    /** Completes with the trace id in the MDC while the event was handled ("" when there was none). */
    public CompletableFuture<String> traceIdFuture(String eventId) {
        return traceIds.computeIfAbsent(eventId, id -> new CompletableFuture<>());
    }
}
