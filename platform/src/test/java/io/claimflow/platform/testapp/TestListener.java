package io.claimflow.platform.testapp;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Listens to {@link PlatformTestApplication#EVENTS} and does what each event's {@code instruction} says:
 * {@code ok}; {@code reject} (IllegalArgumentException, every time); {@code reject-once} (IllegalArgumentException
 * the first time only); {@code fail-times:N} (IllegalStateException, a retryable error, on the first N attempts).
 */
@Component
public class TestListener {

    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<PlatformTestEvent>> processed = new ConcurrentHashMap<>();

    @KafkaListener(topics = PlatformTestApplication.EVENTS)
    void on(PlatformTestEvent event) {
        int attempt = attempts.computeIfAbsent(event.getEventId(), id -> new AtomicInteger())
                .incrementAndGet();
        String instruction = event.getInstruction();
        if (instruction.equals("reject") || (instruction.equals("reject-once") && attempt == 1)) {
            throw new IllegalArgumentException("test event " + event.getEventId() + " rejected");
        }
        if (instruction.startsWith("fail-times:")
                && attempt <= Integer.parseInt(instruction.substring("fail-times:".length()))) {
            throw new IllegalStateException("test event " + event.getEventId() + " failed attempt " + attempt);
        }
        processedFuture(event.getEventId()).complete(event);
    }

    /** Completes when the event has been processed successfully. */
    public CompletableFuture<PlatformTestEvent> processedFuture(String eventId) {
        return processed.computeIfAbsent(eventId, id -> new CompletableFuture<>());
    }

    /** How often the listener was called with the event. */
    public int attempts(String eventId) {
        AtomicInteger count = attempts.get(eventId);
        return count == null ? 0 : count.get();
    }
}
