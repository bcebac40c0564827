package io.claimflow.platform.outbox;

import static io.claimflow.platform.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.claimflow.platform.PlatformTest;
import io.claimflow.platform.testapp.PlatformTestApplication;
import io.claimflow.platform.testapp.PlatformTestEvent;
import io.claimflow.schemas.serde.ConfluentAvroDeserializer;
import io.claimflow.testsupport.Infrastructure;
import io.claimflow.testsupport.Records;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** The transactional outbox: nothing on rollback, exactly one record per committed append, in order. */
@PlatformTest
class OutboxTest {

    private static final String TOPIC = PlatformTestApplication.OUTBOX;

    @Autowired
    OutboxWriter outboxWriter;

    @Autowired
    OutboxRelay outboxRelay;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ConsumerFactory<?, ?> consumerFactory;

    @Autowired
    javax.sql.DataSource dataSource;

    @Autowired
    io.claimflow.platform.kafka.RawRecordTemplate rawRecordTemplate;

    @Autowired
    ProcessedEvents processedEvents;

    @Test
    void appendInARolledBackTransactionPublishesNothing() {
        PlatformTestEvent event = event("ok");

        transactions.executeWithoutResult(status -> {
            outboxWriter.append(TOPIC, event.getEncounterId(), event);
            status.setRollbackOnly();
        });
        outboxRelay.relayAll();

        assertThat(rowsFor(event.getEncounterId())).isZero();
        assertThat(recordsOnTopic(event.getEncounterId())).isEmpty();
    }

    @Test
    void committedAppendIsPublishedExactlyOnceAndMarkedPublished() {
        PlatformTestEvent event = event("ok");

        UUID id = transactions.execute(status -> outboxWriter.append(TOPIC, event.getEncounterId(), event));
        assertThat(publishedAt(id)).isNull();
        assertThat(outboxRelay.relayAll()).isGreaterThanOrEqualTo(1);

        assertThat(publishedAt(id)).isNotNull();
        List<ConsumerRecord<String, byte[]>> published = recordsOnTopic(event.getEncounterId());
        assertThat(published).hasSize(1);
        assertThat(published.get(0).value())
                .isEqualTo(jdbc.queryForObject(
                        "SELECT payload FROM claimflow_platform.outbox WHERE id = ?", byte[].class, id));
        assertThat(decode(published.get(0).value())).isEqualTo(event);

        assertThat(outboxRelay.relayAll()).isZero();
        assertThat(recordsOnTopic(event.getEncounterId())).hasSize(1);
    }

    @Test
    void withoutARetentionARowIsDeletedOnceTheBrokerHasItsRecord() {
        // the default (issue 22): a published row is not kept, so it is not copied to mark it published either
        assertThat(new org.springframework.boot.context.properties.bind.Binder(
                                new org.springframework.boot.context.properties.source.MapConfigurationPropertySource())
                        .bindOrCreate("claimflow.outbox", ClaimFlowOutboxProperties.class)
                        .publishedRetention())
                .isZero();
        OutboxRelay deleting = anotherRelay("deleting", Duration.ofHours(1), 100, Duration.ZERO);
        PlatformTestEvent event = event("ok");
        UUID id = transactions.execute(status -> outboxWriter.append(TOPIC, event.getEncounterId(), event));

        assertThat(deleting.relayAll()).isGreaterThanOrEqualTo(1);

        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM claimflow_platform.outbox WHERE id = ?", Integer.class, id))
                .isZero();
        List<ConsumerRecord<String, byte[]>> published = recordsOnTopic(event.getEncounterId());
        assertThat(published).hasSize(1);
        assertThat(decode(published.get(0).value())).isEqualTo(event);
        assertThat(deleting.relayAll()).isZero();
        assertThat(recordsOnTopic(event.getEncounterId())).hasSize(1);
    }

    @Test
    void oneKeysEventsArePublishedInAppendOrder() {
        String encounterId = "enc-" + UUID.randomUUID();
        List<String> eventIds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            PlatformTestEvent event = new PlatformTestEvent(UUID.randomUUID().toString(), encounterId, "ok");
            eventIds.add(event.getEventId());
            transactions.executeWithoutResult(status -> outboxWriter.append(TOPIC, encounterId, event));
        }

        outboxRelay.relayAll();

        assertThat(recordsOnTopic(encounterId))
                .extracting(record -> decode(record.value()).getEventId())
                .containsExactlyElementsOf(eventIds);
    }

    @Test
    void appendsOfOneTransactionArePublishedInAppendOrderAndAnInnerTransactionsWithIt() {
        String encounterId = "enc-" + UUID.randomUUID();
        String innerKey = "enc-" + UUID.randomUUID();
        List<String> eventIds = new ArrayList<>();
        TransactionTemplate inner = new TransactionTemplate(transactions.getTransactionManager());
        inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

        transactions.executeWithoutResult(status -> {
            for (int i = 0; i < 5; i++) {
                PlatformTestEvent event =
                        new PlatformTestEvent(UUID.randomUUID().toString(), encounterId, "ok");
                eventIds.add(event.getEventId());
                outboxWriter.append(TOPIC, encounterId, event);
                if (i == 2) {
                    // a transaction of its own inside: its row commits with it, whatever the outer one does
                    inner.executeWithoutResult(innerStatus -> outboxWriter.append(
                            TOPIC,
                            innerKey,
                            new PlatformTestEvent(UUID.randomUUID().toString(), innerKey, "ok")));
                    assertThat(rowsFor(innerKey)).isEqualTo(1);
                }
            }
        });
        outboxRelay.relayAll();

        assertThat(recordsOnTopic(encounterId))
                .extracting(record -> decode(record.value()).getEventId())
                .containsExactlyElementsOf(eventIds);
        assertThat(recordsOnTopic(innerKey)).hasSize(1);
    }

    @Test
    void anInnerTransactionsRowsStayWhenTheOuterOneRollsBack() {
        String outerKey = "enc-" + UUID.randomUUID();
        String innerKey = "enc-" + UUID.randomUUID();
        TransactionTemplate inner = new TransactionTemplate(transactions.getTransactionManager());
        inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

        transactions.executeWithoutResult(status -> {
            outboxWriter.append(
                    TOPIC, outerKey, new PlatformTestEvent(UUID.randomUUID().toString(), outerKey, "ok"));
            inner.executeWithoutResult(innerStatus -> outboxWriter.append(
                    TOPIC, innerKey, new PlatformTestEvent(UUID.randomUUID().toString(), innerKey, "ok")));
            status.setRollbackOnly();
        });

        assertThat(rowsFor(outerKey)).isZero();
        assertThat(rowsFor(innerKey)).isEqualTo(1);
    }

    @Test
    void aRowTheBrokerCannotTakeIsParkedWithItsReasonAndTheRowsAfterItFlow() {
        String tooLargeKey = "enc-" + UUID.randomUUID();
        String nextKey = "enc-" + UUID.randomUUID();
        // over the producer's 1 MiB max.request.size: the broker can never take it
        PlatformTestEvent tooLarge =
                new PlatformTestEvent(UUID.randomUUID().toString(), tooLargeKey, "x".repeat(2_000_000));
        PlatformTestEvent next = new PlatformTestEvent(UUID.randomUUID().toString(), nextKey, "ok");
        UUID parkedId = transactions.execute(status -> outboxWriter.append(TOPIC, tooLargeKey, tooLarge));
        UUID nextId = transactions.execute(status -> outboxWriter.append(TOPIC, nextKey, next));

        relayUntilPublished(nextId);

        assertThat(recordsOnTopic(nextKey)).hasSize(1);
        assertThat(publishedAt(parkedId)).isNull();
        assertThat(jdbc.queryForObject(
                        "SELECT parked_reason FROM claimflow_platform.outbox WHERE id = ?", String.class, parkedId))
                .contains("RecordTooLargeException")
                .doesNotContain("xxxx");
        // never tried again: the relay is not held behind it
        String laterKey = "enc-" + UUID.randomUUID();
        UUID laterId = transactions.execute(status -> outboxWriter.append(
                TOPIC, laterKey, new PlatformTestEvent(UUID.randomUUID().toString(), laterKey, "ok")));
        relayUntilPublished(laterId);
        assertThat(publishedAt(parkedId)).isNull();
    }

    /** Relays (another relay may hold the lock for a moment) until the row is published, at most 30 s. */
    private void relayUntilPublished(UUID id) {
        long until = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (publishedAt(id) == null && System.nanoTime() < until) {
            outboxRelay.relayAll();
        }
        assertThat(publishedAt(id)).as("row " + id + " published").isNotNull();
    }

    @Test
    void runningRelayPublishesACommittedAppendByItself() {
        PlatformTestEvent event = event("ok");
        outboxRelay.start();
        try {
            UUID id = transactions.execute(status -> outboxWriter.append(TOPIC, event.getEncounterId(), event));

            List<ConsumerRecord<String, byte[]>> published = Records.awaitRecords(
                    TOPIC,
                    1,
                    Duration.ofSeconds(60),
                    new ByteArrayDeserializer(),
                    record -> event.getEncounterId().equals(record.key()));
            assertThat(decode(published.get(0).value())).isEqualTo(event);
            outboxRelay.stop();
            assertThat(publishedAt(id)).isNotNull();
        } finally {
            outboxRelay.stop();
        }
        assertThat(outboxRelay.isRunning()).isFalse();
    }

    @Test
    void appendOutsideATransactionIsRefused() {
        PlatformTestEvent event = event("ok");

        assertThatThrownBy(() -> outboxWriter.append(TOPIC, event.getEncounterId(), event))
                .isInstanceOf(IllegalTransactionStateException.class);
        assertThat(rowsFor(event.getEncounterId())).isZero();
    }

    /**
     * The relay polls rarely (its fallback; a commit wakes it): a row committed while another instance's relay holds
     * the lock must not wait for that poll. Here a relay polling once an hour is woken while the lock is taken
     * elsewhere; once the lock is free it sends the row within a second or so.
     */
    @Test
    void aRowWokenWhileAnotherInstanceRelaysIsSentSoonNotAtTheNextPoll() throws Exception {
        OutboxRelay hourly = anotherRelay("hourly", Duration.ofHours(1), 100, Duration.ofDays(7));
        hourly.start();
        try (java.sql.Connection otherInstance = dataSource.getConnection();
                java.sql.Statement statement = otherInstance.createStatement()) {
            // the first poll runs at start: let it pass, then another instance takes the relay's lock
            Thread.sleep(500);
            statement.execute("SELECT pg_advisory_lock(" + 0x636c61696d666c6fL + ")");
            PlatformTestEvent event = event("ok");
            UUID id = transactions.execute(status -> outboxWriter.append(TOPIC, event.getEncounterId(), event));
            hourly.wakeUp();
            Thread.sleep(500);
            assertThat(publishedAt(id))
                    .as("not sent while the lock is held elsewhere")
                    .isNull();
            statement.execute("SELECT pg_advisory_unlock(" + 0x636c61696d666c6fL + ")");

            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> assertThat(publishedAt(id))
                            .as("sent once the lock is free")
                            .isNotNull());
        } finally {
            hourly.stop();
        }
    }

    /**
     * One instance never sends a row twice: its lock retry, its wake-ups (several threads committing at once) and its
     * poll all run on the relay's one thread, never two drains side by side. Here they coincide on purpose: a relay
     * polling every 10 ms (so its lock retry is 10 ms too) is woken from three threads while another instance holds
     * the lock, then relays with the wake-ups still coming. Every row arrives once, in append order.
     */
    @Test
    void retriesWakeUpsAndPollsTogetherSendEachRowOnce() throws Exception {
        OutboxRelay busy = anotherRelay("busy", Duration.ofMillis(10), 5, Duration.ofDays(7));
        String encounterId = "enc-" + UUID.randomUUID();
        List<String> eventIds = new ArrayList<>();
        List<UUID> rows = new ArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean waking = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.ExecutorService wakers = java.util.concurrent.Executors.newFixedThreadPool(3);
        busy.start();
        try (java.sql.Connection otherInstance = dataSource.getConnection();
                java.sql.Statement statement = otherInstance.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(" + 0x636c61696d666c6fL + ")");
            for (int i = 0; i < 3; i++) {
                wakers.execute(() -> {
                    while (waking.get()) {
                        busy.wakeUp();
                        java.util.concurrent.locks.LockSupport.parkNanos(200_000);
                    }
                });
            }
            for (int i = 0; i < 12; i++) {
                PlatformTestEvent event =
                        new PlatformTestEvent(UUID.randomUUID().toString(), encounterId, "ok");
                eventIds.add(event.getEventId());
                rows.add(transactions.execute(status -> outboxWriter.append(TOPIC, encounterId, event)));
            }
            Thread.sleep(300); // lock retries, polls and wake-ups find the lock taken
            assertThat(publishedAt(rows.get(0))).isNull();
            statement.execute("SELECT pg_advisory_unlock(" + 0x636c61696d666c6fL + ")");

            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> rows.stream().allMatch(id -> publishedAt(id) != null));
            Thread.sleep(300); // and a while more of wake-ups and polls with nothing left to send
        } finally {
            waking.set(false);
            wakers.shutdown();
            busy.stop();
        }

        assertThat(recordsOnTopic(encounterId))
                .extracting(record -> decode(record.value()).getEventId())
                .containsExactlyElementsOf(eventIds);
    }

    private int rowsFor(String key) {
        return jdbc.queryForObject("SELECT count(*) FROM claimflow_platform.outbox WHERE key = ?", Integer.class, key);
    }

    private Object publishedAt(UUID id) {
        return jdbc.queryForObject("SELECT published_at FROM claimflow_platform.outbox WHERE id = ?", Object.class, id);
    }

    private PlatformTestEvent decode(byte[] value) {
        try (ConfluentAvroDeserializer deserializer = new ConfluentAvroDeserializer()) {
            deserializer.configure(new HashMap<>(consumerFactory.getConfigurationProperties()), false);
            return (PlatformTestEvent) deserializer.deserialize(TOPIC, value);
        }
    }

    /** Everything on the topic now (up to the end offsets at the start of the read) with this key, in order. */
    private static List<ConsumerRecord<String, byte[]>> recordsOnTopic(String key) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                Infrastructure.get().kafkaBootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed");
        List<ConsumerRecord<String, byte[]>> matching = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(TOPIC, info.partition()))
                    .toList();
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<TopicPartition> remaining = new ArrayList<>(partitions);
            while (!remaining.isEmpty()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())
                            && record.offset() < end.get(new TopicPartition(TOPIC, record.partition()))) {
                        matching.add(record);
                    }
                }
                remaining.removeIf(partition -> consumer.position(partition) >= end.get(partition));
            }
        }
        return matching;
    }

    // another instance's relay (or one with settings of its own): the test's database and broker, no tracing
    private OutboxRelay anotherRelay(String name, Duration pollInterval, int batchSize, Duration publishedRetention) {
        return new OutboxRelay(
                dataSource,
                rawRecordTemplate,
                processedEvents,
                new ClaimFlowOutboxProperties(
                        true,
                        true,
                        true,
                        pollInterval,
                        batchSize,
                        Duration.ofSeconds(30),
                        publishedRetention,
                        Duration.ofDays(35)),
                io.micrometer.observation.ObservationRegistry.NOOP,
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry(),
                name);
    }
}
