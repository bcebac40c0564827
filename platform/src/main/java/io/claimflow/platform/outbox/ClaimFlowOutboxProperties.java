package io.claimflow.platform.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the transactional outbox and consumer idempotency tables, prefix {@code claimflow.outbox}.
 *
 * @param enabled whether the platform tables, {@link OutboxWriter}, {@link OutboxRelay} and
 *     {@link ProcessedEvents} are set up at all
 * @param migrate whether to create and migrate the {@value PlatformSchema#SCHEMA} schema at start-up (its own Flyway
 *     history, independent of the service's migrations)
 * @param relayAutoStartup whether the relay polls on its own; when false, call {@link OutboxRelay#relayAll()}
 * @param pollInterval pause between the relay's fallback polls; a commit that appended rows wakes the relay at once, so
 *     the poll only finds rows a wake-up missed (an instance stopped before its relay ran, a failed send)
 * @param batchSize rows sent per database transaction
 * @param sendTimeout how long a batch waits for the broker's acknowledgements before it is retried
 * @param publishedRetention how long published rows are kept for inspection (marked {@code published_at}) before the
 *     hourly housekeeping deletes them; 0, the default: a row is deleted as soon as the broker has acknowledged its
 *     record (the topic holds it), so it is not copied to mark it published (issue 22)
 * @param processedEventRetention how long idempotency marks are kept; longer than any redelivery or replay window
 *     (the dead-letter retention)
 */
@ConfigurationProperties("claimflow.outbox")
public record ClaimFlowOutboxProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("true") boolean migrate,
        @DefaultValue("true") boolean relayAutoStartup,
        @DefaultValue("5s") Duration pollInterval,
        @DefaultValue("100") int batchSize,
        @DefaultValue("30s") Duration sendTimeout,
        @DefaultValue("0s") Duration publishedRetention,
        @DefaultValue("35d") Duration processedEventRetention) {}
