package io.claimflow.platform.outbox;

import io.claimflow.platform.kafka.RawRecordTemplate;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends outbox rows to Kafka and marks them published: at least once, in append order.
 *
 * <p>Each batch is one database transaction: take up to {@code batch-size} unpublished rows in {@code seq} order
 * ({@code FOR UPDATE SKIP LOCKED}), send them all, wait for the broker's acknowledgements, and delete the acknowledged
 * prefix (or, when published rows are kept for inspection, {@code claimflow.outbox.published-retention} above its
 * default 0, set their {@code published_at}). A crash between send and commit sends those rows again on the next run; consumers are idempotent ({@link ProcessedEvents}). A row the broker can never take (larger than its message
 * limit, refused as a record) is <em>parked</em>: {@code parked_at} and {@code parked_reason} set, never sent again,
 * and the rows after it flow; a row that failed for a passing reason (broker down, timeout) is sent again with every
 * later row, so the order within a key holds for every row that is sent. Only one relay works at a time across all instances of a
 * service (a transaction-scoped PostgreSQL advisory lock): with several instances taking batches side by side, a later
 * event of an encounter could overtake an earlier one.
 *
 * <p>Runs on a thread of its own at once after a commit that appended rows (an in-process wake-up), and polls every
 * {@code claimflow.outbox.poll-interval} (5 s) as a fallback: for rows a wake-up missed (an instance that stopped
 * before its relay ran, a failed send). When another instance's relay holds the lock it tries again after 100 ms
 * rather than at the next poll, so a row committed meanwhile is not left for the fallback. Once an hour it also
 * deletes published rows and idempotency marks past their retention.
 *
 * <p>Tracing: each row is sent inside a {@value #OBSERVATION} observation whose parent is the trace context stored
 * with the row ({@link OutboxWriter}), so the template's send span and the {@code traceparent} header of the record
 * belong to the trace that appended it. Metrics: {@value #RELAY_LAG} (append to acknowledgement, per topic).
 */
public class OutboxRelay implements SmartLifecycle {

    /** Name of the observation (span) around sending one row. */
    public static final String OBSERVATION = "claimflow.outbox.relay";

    /** Timer: from append (row created) to the broker's acknowledgement. */
    public static final String RELAY_LAG = "claimflow.outbox.relay.lag";

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

    // Arbitrary but fixed: the advisory lock every instance of a service's relay competes for ("claimflo").
    private static final long RELAY_LOCK = 0x636c61696d666c6fL;
    private static final Duration HOUSEKEEPING_INTERVAL = Duration.ofHours(1);
    private static final Duration LOCK_RETRY = Duration.ofMillis(100);
    private static final String SELECT_BATCH = "SELECT id, topic, key, payload, headers, created_at FROM "
            + PlatformSchema.SCHEMA + ".outbox WHERE published_at IS NULL AND parked_at IS NULL ORDER BY seq LIMIT ? "
            + "FOR UPDATE SKIP LOCKED";

    // without a retention the acknowledged rows go at once: a delete writes no new version of the row (its payload)
    // and no index entry, where marking them copies each row with an entry in each of its indexes
    private static final String DELETE_PUBLISHED =
            "DELETE FROM " + PlatformSchema.SCHEMA + ".outbox WHERE id = ANY (?)";
    private static final String MARK_PUBLISHED =
            "UPDATE " + PlatformSchema.SCHEMA + ".outbox SET published_at = now() WHERE id = ANY (?)";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final KafkaTemplate<String, byte[]> kafka;
    private final ProcessedEvents processedEvents;
    private final ClaimFlowOutboxProperties properties;
    private final ObservationRegistry observationRegistry;
    private final MeterRegistry meterRegistry;
    // the lag timer per topic, registered once (a row costs a map lookup, not a meter builder)
    private final Map<String, Timer> lagTimers = new ConcurrentHashMap<>();
    private final AtomicBoolean wakeUpPending = new AtomicBoolean();
    // set when a batch found another instance's relay holding the lock: that relay may finish before this instance's
    // rows are in its batch, so this one tries again soon instead of at the next (long) poll
    private final AtomicBoolean lockedElsewhere = new AtomicBoolean();
    private final Object lifecycle = new Object();
    private final String threadName;
    private ScheduledExecutorService executor;
    private long nextHousekeeping;

    OutboxRelay(
            DataSource dataSource,
            RawRecordTemplate rawRecordTemplate,
            ProcessedEvents processedEvents,
            ClaimFlowOutboxProperties properties,
            ObservationRegistry observationRegistry,
            MeterRegistry meterRegistry,
            String serviceName) {
        // the service's name in the thread's: several services in one JVM (tests, the benchmark) stay apart in a
        // profile
        this.threadName = serviceName == null || serviceName.isBlank()
                ? "claimflow-outbox-relay"
                : "claimflow-outbox-relay-" + serviceName;
        this.jdbc = new JdbcTemplate(dataSource);
        // A transaction manager of its own: independent of whatever the service uses for its transactions.
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.kafka = rawRecordTemplate.kafkaTemplate();
        this.processedEvents = processedEvents;
        this.properties = properties;
        this.observationRegistry = observationRegistry;
        this.meterRegistry = meterRegistry;
    }

    /**
     * Sends one batch.
     *
     * @return rows published; 0 when there is nothing to send or another relay holds the lock
     */
    public int relayOnce() {
        Integer published = transactions.execute(status -> {
            if (!Boolean.TRUE.equals(
                    jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, RELAY_LOCK))) {
                lockedElsewhere.set(true);
                return 0;
            }
            List<Row> rows = jdbc.query(
                    SELECT_BATCH,
                    (rs, n) -> new Row(
                            rs.getObject("id", UUID.class),
                            rs.getString("topic"),
                            rs.getString("key"),
                            rs.getBytes("payload"),
                            headers(rs.getArray("headers")),
                            rs.getTimestamp("created_at")),
                    properties.batchSize());
            if (rows.isEmpty()) {
                return 0;
            }
            Map<UUID, String> parked = new HashMap<>();
            List<UUID> acknowledged = send(rows, parked);
            parked.forEach((id, reason) -> jdbc.update(
                    "UPDATE " + PlatformSchema.SCHEMA + ".outbox SET parked_at = now(), parked_reason = ? WHERE id = ?",
                    reason,
                    id));
            if (!acknowledged.isEmpty()) {
                jdbc.execute((ConnectionCallback<Integer>) connection -> {
                    Array ids = connection.createArrayOf("uuid", acknowledged.toArray());
                    try (var update = connection.prepareStatement(
                            properties.publishedRetention().isZero() ? DELETE_PUBLISHED : MARK_PUBLISHED)) {
                        update.setArray(1, ids);
                        return update.executeUpdate();
                    } finally {
                        ids.free();
                    }
                });
            }
            return acknowledged.size() + parked.size();
        });
        return published == null ? 0 : published;
    }

    /**
     * Sends batches until the outbox is drained (or a send fails).
     *
     * @return rows published
     */
    public int relayAll() {
        int total = 0;
        int published;
        do {
            published = relayOnce();
            total += published;
        } while (published == properties.batchSize());
        return total;
    }

    // All sends go out before the first wait, so a batch costs about one round trip. Only the acknowledged prefix is
    // marked: a failed row and everything after it are sent again, so no event overtakes an earlier one. A row the
    // broker can never take is parked and the prefix goes on past it (it was never sent, so nothing is overtaken).
    private List<UUID> send(List<Row> rows, Map<UUID, String> parked) {
        List<CompletableFuture<SendResult<String, byte[]>>> futures = new ArrayList<>(rows.size());
        for (Row row : rows) {
            try {
                futures.add(sendObserved(row));
            } catch (RuntimeException e) {
                // KafkaTemplate throws at once for a record the producer refuses (too large): judged like a failed ack
                futures.add(CompletableFuture.failedFuture(e));
            }
        }
        long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
        List<UUID> acknowledged = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            try {
                futures.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged.add(rows.get(i).id());
                recordLag(rows.get(i));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException | TimeoutException e) {
                Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
                Throwable never = neverDeliverable(cause);
                if (never != null) {
                    String reason = never.getClass().getName() + ": the broker cannot take this record ("
                            + rows.get(i).payload().length + " bytes)";
                    LOG.error(
                            "Outbox row {} to {} (key {}) parked: {}; later rows go on",
                            rows.get(i).id(),
                            rows.get(i).topic(),
                            rows.get(i).key(),
                            reason);
                    parked.put(rows.get(i).id(), reason);
                    continue;
                }
                LOG.warn(
                        "Outbox row {} to {} was not acknowledged ({}); it and {} later rows of this batch will "
                                + "be sent again",
                        rows.get(i).id(),
                        rows.get(i).topic(),
                        cause.toString(),
                        rows.size() - i - 1);
                break;
            }
        }
        return acknowledged;
    }

    // The stored headers are the parent: the tracing handler extracts them when the observation starts, and the
    // template's send observation, a child of this one, writes traceparent of the same trace into the record.
    private CompletableFuture<SendResult<String, byte[]>> sendObserved(Row row) {
        ReceiverContext<Map<String, String>> context = new ReceiverContext<>((carrier, key) -> carrier.get(key));
        context.setCarrier(row.headers());
        context.setRemoteServiceName("outbox");
        return Observation.createNotStarted(OBSERVATION, () -> context, observationRegistry)
                .contextualName("outbox relay " + row.topic())
                .lowCardinalityKeyValue("topic", row.topic())
                .observe(() -> kafka.send(new ProducerRecord<>(row.topic(), row.key(), row.payload())));
    }

    /** The cause that no retry can cure (too large, refused as a record), or null when a retry may succeed. */
    static Throwable neverDeliverable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.apache.kafka.common.errors.RecordTooLargeException
                    || t instanceof org.apache.kafka.common.errors.RecordBatchTooLargeException
                    || t instanceof org.apache.kafka.common.errors.SerializationException) {
                return t;
            }
        }
        return null;
    }

    private void recordLag(Row row) {
        if (row.createdAt() != null) {
            lagTimers
                    .computeIfAbsent(
                            row.topic(),
                            topic -> Timer.builder(RELAY_LAG)
                                    .description(
                                            "Time from appending an outbox row to the broker's acknowledgement of its"
                                                    + " record")
                                    .tag("topic", topic)
                                    .register(meterRegistry))
                    .record(max(Duration.ZERO, Duration.between(row.createdAt().toInstant(), Instant.now())));
        }
    }

    // The database clock stamped created_at; a JVM clock slightly behind it must not make a negative lag.
    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Map<String, String> headers(Array array) throws SQLException {
        Map<String, String> headers = new HashMap<>();
        if (array != null) {
            String[] pairs = (String[]) array.getArray();
            for (int i = 0; i + 1 < pairs.length; i += 2) {
                headers.put(pairs[i], pairs[i + 1]);
            }
        }
        return headers;
    }

    /** Asks the polling thread to run now, e.g. after a commit that appended rows. Coalesces repeated calls. */
    void wakeUp() {
        synchronized (lifecycle) {
            if (executor != null && wakeUpPending.compareAndSet(false, true)) {
                executor.execute(() -> {
                    wakeUpPending.set(false);
                    drainQuietly();
                });
            }
        }
    }

    // another instance relays: look again in LOCK_RETRY (or the poll interval, if shorter), coalesced with wake-ups
    private void retrySoon() {
        synchronized (lifecycle) {
            if (executor != null) {
                long delay = Math.max(
                        1,
                        Math.min(
                                LOCK_RETRY.toMillis(), properties.pollInterval().toMillis()));
                executor.schedule(this::wakeUp, delay, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void drainQuietly() {
        lockedElsewhere.set(false);
        try {
            relayAll();
        } catch (RuntimeException e) {
            LOG.warn("Outbox relay failed, retrying in {}: {}", properties.pollInterval(), e.toString());
        }
        if (lockedElsewhere.get()) {
            retrySoon();
        }
        if (System.nanoTime() - nextHousekeeping >= 0) {
            nextHousekeeping = System.nanoTime() + HOUSEKEEPING_INTERVAL.toNanos();
            try {
                int rows = purgePublishedOlderThan(properties.publishedRetention());
                int marks = processedEvents.purgeOlderThan(properties.processedEventRetention());
                if (rows + marks > 0) {
                    LOG.info("Outbox housekeeping deleted {} published rows and {} idempotency marks", rows, marks);
                }
            } catch (RuntimeException e) {
                LOG.warn("Outbox housekeeping failed: {}", e.toString());
            }
        }
    }

    /** Deletes published rows older than {@code age}; returns how many. */
    public int purgePublishedOlderThan(Duration age) {
        return jdbc.update(
                "DELETE FROM " + PlatformSchema.SCHEMA + ".outbox WHERE published_at < now() - "
                        + "make_interval(secs => ?)",
                (double) age.toSeconds());
    }

    @Override
    public void start() {
        synchronized (lifecycle) {
            if (executor != null) {
                return;
            }
            executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, threadName);
                thread.setDaemon(true);
                return thread;
            });
            nextHousekeeping = System.nanoTime();
            long interval = Math.max(1, properties.pollInterval().toMillis());
            executor.scheduleWithFixedDelay(this::drainQuietly, 0, interval, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService stopping;
        synchronized (lifecycle) {
            stopping = executor;
            executor = null;
        }
        if (stopping != null) {
            stopping.shutdown();
            try {
                if (!stopping.awaitTermination(properties.sendTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                    stopping.shutdownNow();
                }
            } catch (InterruptedException e) {
                stopping.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        synchronized (lifecycle) {
            return executor != null;
        }
    }

    @Override
    public boolean isAutoStartup() {
        return properties.relayAutoStartup();
    }

    private record Row(
            UUID id, String topic, String key, byte[] payload, Map<String, String> headers, Timestamp createdAt) {}
}
