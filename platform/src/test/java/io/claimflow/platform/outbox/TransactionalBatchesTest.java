package io.claimflow.platform.outbox;

import static io.claimflow.platform.TestEvents.event;
import static io.claimflow.platform.TestEvents.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.claimflow.platform.PlatformTest;
import io.claimflow.platform.kafka.DeadLetterConventions;
import io.claimflow.platform.kafka.RawRecordTemplate;
import io.claimflow.platform.testapp.BatchTestListener;
import io.claimflow.platform.testapp.PlatformTestApplication;
import io.claimflow.platform.testapp.PlatformTestEvent;
import io.claimflow.testsupport.Records;
import io.claimflow.testsupport.StatementCounter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaHeaders;

/** One transaction per batch: the bad record of a batch is dead-lettered alone, the rest take effect once. */
@PlatformTest
class TransactionalBatchesTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    TransactionalBatches batches;

    @Autowired
    BatchTestListener listener;

    @Autowired
    KafkaTemplate<Object, Object> kafkaTemplate;

    @Autowired
    RawRecordTemplate rawRecordTemplate;

    @Autowired
    DataSource dataSource;

    @Autowired
    ProcessedEvents processedEvents;

    @Autowired
    StatementCounter counter;

    @Test
    void aFailingRecordRollsBackAloneAndTheRecordsBeforeItCommit() {
        List<PlatformTestEvent> events = List.of(event("ok"), event("ok"), event("reject"), event("ok"), event("ok"));
        List<ConsumerRecord<String, PlatformTestEvent>> records = direct(events);

        assertThatThrownBy(() -> batches.handle("direct", records, PlatformTestEvent.class, listener::handle))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, e -> {
                    assertThat(e.getRecord()).isSameAs(records.get(2));
                    assertThat(e.getCause()).isInstanceOf(IllegalArgumentException.class);
                });

        assertThat(rows(events))
                .containsExactlyInAnyOrder(
                        events.get(0).getEventId(), events.get(1).getEventId());
        assertThat(outboxRows(events)).isEqualTo(2);

        // what the error handler does next: the records after the failed one come again, and take effect
        batches.handle("direct", records.subList(3, 5), PlatformTestEvent.class, listener::handle);
        // and a redelivery of the whole batch changes nothing (idempotency marks), apart from the bad record failing
        assertThatThrownBy(() -> batches.handle("direct", records, PlatformTestEvent.class, listener::handle))
                .isInstanceOf(BatchListenerFailedException.class);
        assertThat(rows(events))
                .containsExactlyInAnyOrder(
                        events.get(0).getEventId(),
                        events.get(1).getEventId(),
                        events.get(3).getEventId(),
                        events.get(4).getEventId());
        assertThat(outboxRows(events)).isEqualTo(4);
    }

    @Test
    void handleOnceCallsTheHandlerOncePerEventAndAFailedEventAgainOnItsRedelivery() {
        List<PlatformTestEvent> events = List.of(event("ok"), event("reject"), event("ok"));
        List<ConsumerRecord<String, PlatformTestEvent>> records = direct(events);
        List<String> handled = new ArrayList<>();
        java.util.function.Consumer<PlatformTestEvent> handler = event -> {
            handled.add(event.getEventId());
            if (event.getInstruction().equals("reject")) {
                throw new IllegalArgumentException("test event rejected");
            }
        };

        assertThatThrownBy(() -> batches.handleOnce(
                        "direct-once", records, PlatformTestEvent.class, PlatformTestEvent::getEventId, handler))
                .isInstanceOf(BatchListenerFailedException.class);
        // the first event, the rejected one (rolled back), the first again (in the transaction without the failure)
        assertThat(handled)
                .containsExactly(
                        events.get(0).getEventId(),
                        events.get(1).getEventId(),
                        events.get(0).getEventId());
        handled.clear();

        // what the error handler does next, then a redelivery of the whole batch
        batches.handleOnce(
                "direct-once", records.subList(2, 3), PlatformTestEvent.class, PlatformTestEvent::getEventId, handler);
        assertThatThrownBy(() -> batches.handleOnce(
                        "direct-once", records, PlatformTestEvent.class, PlatformTestEvent::getEventId, handler))
                .isInstanceOf(BatchListenerFailedException.class);
        // marked events are skipped; the rejected one's mark rolled back with it, so it is tried again
        assertThat(handled)
                .containsExactly(events.get(2).getEventId(), events.get(1).getEventId());
        // the marks are the listener's own: another listener id sees the events as new
        handled.clear();
        batches.handleOnce(
                "direct-other",
                records.subList(0, 1),
                PlatformTestEvent.class,
                event -> java.util.UUID.fromString(event.getEventId()),
                handler);
        assertThat(handled).containsExactly(events.get(0).getEventId());
    }

    @Test
    void handleOnceTakesTheBatchsLocksAndMarksItsEventsInOneStatementBeforeItsFirstRecord() {
        List<PlatformTestEvent> events = List.of(event("ok"), event("ok"), event("ok"));
        List<ConsumerRecord<String, PlatformTestEvent>> records = direct(events);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        List<Long> advisoryLocksHeld = new ArrayList<>();
        java.util.function.Consumer<PlatformTestEvent> handler = event -> {
            if (advisoryLocksHeld.isEmpty()) {
                advisoryLocksHeld.add(jdbc.queryForObject(
                        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()",
                        Long.class));
            }
        };

        StatementCounter.Counts counts = counter.count(() -> batches.handleOnce(
                "direct-one-statement", records, PlatformTestEvent.class, PlatformTestEvent::getEventId, handler));

        // the batch's own statement (locks, then marks) and the handler's one query
        assertThat(counts.statements()).isEqualTo(2);
        assertThat(counts.commits()).isEqualTo(1);
        // at its first record the handler runs under a lock per record key, and every event is marked
        assertThat(advisoryLocksHeld).containsExactly(3L);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM claimflow_platform.processed_event WHERE consumer_id = ?",
                        Long.class,
                        "direct-one-statement"))
                .isEqualTo(3L);
        // redelivered: the marks skip every record, in one statement again
        advisoryLocksHeld.clear();
        StatementCounter.Counts again = counter.count(() -> batches.handleOnce(
                "direct-one-statement", records, PlatformTestEvent.class, PlatformTestEvent::getEventId, handler));
        assertThat(again.statements()).isEqualTo(1);
        assertThat(advisoryLocksHeld).isEmpty();
    }

    @Test
    void handleOnceUnderAConsumerIdOfItsOwnSkipsTheEventsItsHandlerMarkedBeforeAndMarksUnderThatId() {
        List<PlatformTestEvent> events = List.of(event("ok"), event("ok"), event("ok"));
        List<ConsumerRecord<String, PlatformTestEvent>> records = direct(events);
        String consumer = "legacy-consumer-" + java.util.UUID.randomUUID();
        // before it was batched, the handler marked the first event itself under the consumer's own name
        batches.handle(
                "direct",
                records.subList(0, 1),
                PlatformTestEvent.class,
                event -> processedEvents.markIfNew(consumer, event.getEventId()));
        List<String> handled = new ArrayList<>();

        batches.handleOnce(
                "direct-listener",
                consumer,
                records,
                PlatformTestEvent.class,
                null,
                PlatformTestEvent::getEventId,
                event -> handled.add(event.getEventId()));
        // and the whole batch redelivered
        batches.handleOnce(
                "direct-listener",
                consumer,
                records,
                PlatformTestEvent.class,
                null,
                PlatformTestEvent::getEventId,
                event -> handled.add(event.getEventId()));

        assertThat(handled)
                .containsExactly(events.get(1).getEventId(), events.get(2).getEventId());
        assertThat(new JdbcTemplate(dataSource)
                        .queryForObject(
                                "SELECT count(*) FROM claimflow_platform.processed_event WHERE consumer_id = ?",
                                Integer.class,
                                consumer))
                .isEqualTo(3);
        assertThat(new JdbcTemplate(dataSource)
                        .queryForObject(
                                "SELECT count(*) FROM claimflow_platform.processed_event WHERE consumer_id = ?",
                                Integer.class,
                                "direct-listener"))
                .isZero();
    }

    @Test
    void handleOnceHandlesAnEventRepeatedWithinABatchOnceAndFailsARecordWithoutAnEventIdAlone() {
        PlatformTestEvent first = event("ok");
        PlatformTestEvent noId = new PlatformTestEvent("not-a-uuid", "enc-" + java.util.UUID.randomUUID(), "ok");
        PlatformTestEvent last = event("ok");
        List<PlatformTestEvent> events = List.of(first, first, noId, last, first);
        List<ConsumerRecord<String, PlatformTestEvent>> records = direct(events);
        List<String> handled = new ArrayList<>();

        assertThatThrownBy(() -> batches.handleOnce(
                        "direct-repeat", records, PlatformTestEvent.class, PlatformTestEvent::getEventId, event -> {
                            handled.add(event.getEventId());
                        }))
                .isInstanceOfSatisfying(
                        BatchListenerFailedException.class,
                        e -> assertThat(e.getRecord().offset()).isEqualTo(2));
        // the batch up to the bad record, then again without it (committed): the repeat is skipped both times
        assertThat(handled).containsExactly(first.getEventId(), first.getEventId());
        handled.clear();

        // what the error handler does next: the records after the bad one; the first is already marked
        batches.handleOnce(
                "direct-repeat",
                records.subList(3, 5),
                PlatformTestEvent.class,
                PlatformTestEvent::getEventId,
                event -> handled.add(event.getEventId()));
        assertThat(handled).containsExactly(last.getEventId());
    }

    @Test
    void aValueOfAnotherTypeFailsItsRecordAsBadInput() {
        PlatformTestEvent ok = event("ok");
        List<ConsumerRecord<String, Object>> records = List.of(
                new ConsumerRecord<>("direct", 0, 0, ok.getEncounterId(), ok),
                new ConsumerRecord<>("direct", 0, 1, "k", "not an event"));
        @SuppressWarnings({"unchecked", "rawtypes"})
        List<ConsumerRecord<String, PlatformTestEvent>> typed = (List) records;

        assertThatThrownBy(() -> batches.handle("direct", typed, PlatformTestEvent.class, listener::handle))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, e -> {
                    assertThat(e.getRecord()).isSameAs(records.get(1));
                    assertThat(e.getCause())
                            .isInstanceOf(IllegalArgumentException.class)
                            .hasMessageContaining("holds a String, not a PlatformTestEvent");
                });
        assertThat(rows(List.of(ok))).containsExactly(ok.getEventId());
    }

    @Test
    void overKafkaTheBadRecordsOfABatchAreDeadLetteredWithTheirReasonsAndTheRestTakeEffectOnce() throws Exception {
        PlatformTestEvent first = event("ok");
        PlatformTestEvent rejected = event("reject");
        PlatformTestEvent flaky = event("fail-times:2");
        PlatformTestEvent last = event("ok");
        String garbageKey = "enc-garbage-" + first.getEventId();
        ProducerRecord<Object, Object> traced =
                new ProducerRecord<>(PlatformTestApplication.BATCH, 0, first.getEncounterId(), first);
        // no waiting between sends: they share produce requests, so the listener gets them in one or few batches
        var sends = List.of(
                kafkaTemplate.send(traced),
                rawRecordTemplate
                        .kafkaTemplate()
                        .send(PlatformTestApplication.BATCH, 0, garbageKey, new byte[] {42, 1, 2, 3}),
                kafkaTemplate.send(PlatformTestApplication.BATCH, 0, rejected.getEncounterId(), rejected),
                kafkaTemplate.send(PlatformTestApplication.BATCH, 0, flaky.getEncounterId(), flaky),
                kafkaTemplate.send(PlatformTestApplication.BATCH, 0, last.getEncounterId(), last));
        for (var send : sends) {
            send.get(30, TimeUnit.SECONDS);
        }
        // the template's send span wrote the record's traceparent: 00-<trace id>-<span id>-<flags>
        String traceId =
                new String(traced.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8).split("-")[1];

        List<ConsumerRecord<String, byte[]>> dead = Records.awaitRecords(
                PlatformTestApplication.BATCH + ".dlt",
                2,
                WAIT,
                new ByteArrayDeserializer(),
                r -> Set.of(garbageKey, rejected.getEncounterId()).contains(r.key()));
        Map<String, ConsumerRecord<String, byte[]>> byKey =
                dead.stream().collect(Collectors.toMap(ConsumerRecord::key, r -> r));
        assertThat(byKey).containsOnlyKeys(garbageKey, rejected.getEncounterId());
        assertThat(header(byKey.get(garbageKey), DeadLetterConventions.REASON_HEADER))
                .startsWith("value could not be deserialized: ");
        assertThat(byKey.get(garbageKey).value()).isEqualTo(new byte[] {42, 1, 2, 3});
        assertThat(header(byKey.get(rejected.getEncounterId()), DeadLetterConventions.REASON_HEADER))
                .startsWith("not retryable: IllegalArgumentException: ");
        assertThat(byKey.get(rejected.getEncounterId()).partition()).isZero();
        // replays select a service's own dead letters by the consumer group Spring writes into each one
        assertThat(byKey.values())
                .allSatisfy(letter -> assertThat(header(letter, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP))
                        .isEqualTo(BatchTestListener.CONSUMER));

        List<PlatformTestEvent> all = List.of(first, rejected, flaky, last);
        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> rows(all).size() >= 3);
        assertThat(rows(all)).containsExactlyInAnyOrder(first.getEventId(), flaky.getEventId(), last.getEventId());
        assertThat(listener.attempts(flaky.getEventId())).isGreaterThanOrEqualTo(3);
        assertThat(listener.attempts(rejected.getEventId())).isEqualTo(1);
        // the record's trace continued into its handling and into the outbox row it appended
        assertThat(listener.traceId(first.getEventId())).isEqualTo(traceId);
        String headers = new JdbcTemplate(dataSource)
                .queryForObject(
                        "SELECT array_to_string(headers, ',') FROM " + PlatformSchema.SCHEMA + ".outbox WHERE key = ?",
                        String.class,
                        first.getEncounterId());
        assertThat(headers).contains(traceId);
    }

    private List<String> rows(List<PlatformTestEvent> events) {
        return new JdbcTemplate(dataSource)
                .queryForList(
                        "SELECT event_id FROM platform_test.batch_event WHERE " + "event_id = ANY (?)",
                        String.class,
                        (Object) events.stream()
                                .map(PlatformTestEvent::getEventId)
                                .toArray(String[]::new));
    }

    private int outboxRows(List<PlatformTestEvent> events) {
        Integer count = new JdbcTemplate(dataSource)
                .queryForObject(
                        "SELECT count(*) FROM " + PlatformSchema.SCHEMA + ".outbox WHERE key = ANY (?)",
                        Integer.class,
                        (Object) events.stream()
                                .map(PlatformTestEvent::getEncounterId)
                                .toArray(String[]::new));
        return count == null ? 0 : count;
    }

    // the events as one partition's records of a poll, keyed by encounter, offsets from 0
    private static List<ConsumerRecord<String, PlatformTestEvent>> direct(List<PlatformTestEvent> events) {
        List<ConsumerRecord<String, PlatformTestEvent>> records = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            records.add(new ConsumerRecord<>("direct", 0, i, events.get(i).getEncounterId(), events.get(i)));
        }
        return records;
    }
}
