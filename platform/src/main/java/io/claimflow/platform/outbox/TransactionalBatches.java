package io.claimflow.platform.outbox;

import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.kafka.support.micrometer.KafkaListenerObservation;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Handles the records of a batch listener in one database transaction: one commit (and one outbox wake-up) per
 * poll instead of one per record, with the same outcome per record as a record listener.
 *
 * <p>A listener is thin: its id, the idempotency check and a call into the transactional handler, all in one
 * line with {@link #handleOnce(String, List, Class, Function, Consumer)}, which marks each event as processed
 * ({@link ProcessedEvents}, consumer id = listener id) before handing it on, and skips an event seen before:
 *
 * <pre>{@code
 * @KafkaListener(id = CONSUMER, idIsGroup = false, topics = Topics.ENCOUNTER_CODED, batch = "true")
 * void on(List<ConsumerRecord<String, EncounterCoded>> records) {
 *     batches.handleOnce(CONSUMER, records, EncounterCoded.class, EncounterCoded::getEventId,
 *             event -> submission.onEncounterCoded(EncounterCodedMapper.toDomain(event)));
 * }
 * }</pre>
 *
 * <p>{@link #handle(String, List, Class, Consumer)} is the same without the mark, for a handler that marks events
 * itself (with another consumer id, or after checks of its own).
 *
 * <p>When a record fails (its handler throws, its value could not be deserialized or is not of the expected type),
 * the transaction rolls back, the records before it are handled again in a new transaction and committed, and a
 * {@link BatchListenerFailedException} names the failed record. The platform's {@code DefaultErrorHandler} then
 * commits the offsets before it, retries it as configured (not at all for deserialization, validation and
 * {@link IllegalArgumentException}), dead-letters it with its reason, and carries on with the records after it: the
 * bad record of a batch goes to the dead-letter topic, alone, and the rest are handled exactly once. Handlers are
 * idempotent ({@link ProcessedEvents}) as with record listeners; a handler's {@code @Transactional} joins the batch's
 * transaction.
 *
 * <p>Lock order: before its first record, a batch's transaction takes a PostgreSQL advisory lock per distinct record
 * key, in key order; a listener whose handler locks rows by another key (a patient account shared by many
 * encounters) names that key with {@link #handle(String, List, Class, Function, Consumer)}. Two batches running at
 * once (two listeners, or a listener's concurrent consumers) that share a key thus run one after the other, whatever
 * order their records lock rows in, and never deadlock; records are still handled in their order. With
 * {@code handleOnce} the locks and the batch's idempotency marks are one statement (the locks taken first). The first
 * transaction of a poll tries the locks without waiting: the records of keys another transaction holds are handled
 * after the others, in a transaction of their own that waits for those keys (so one busy key does not hold up the
 * whole poll; each key's records keep their order).
 *
 * <p>Each record is handled inside a Spring Kafka listener observation of its own (as a record listener's is): its
 * {@code traceparent} continues into the spans and outbox rows it causes, and {@code claimflow.events.consumed} and
 * {@code claimflow.listener.processing} count records, not batches.
 */
public class TransactionalBatches {

    private static final LogAccessor LOG = new LogAccessor(TransactionalBatches.class);

    // the seed of the lock keys' hash: the same for every batch, so that two batches sharing a key meet
    static final long LOCK_SEED = 7919;

    private final TransactionTemplate transactions;
    private final ObservationRegistry observationRegistry;
    private final ProcessedEvents processedEvents;

    TransactionalBatches(
            PlatformTransactionManager transactionManager,
            ObservationRegistry observationRegistry,
            ProcessedEvents processedEvents) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.observationRegistry = observationRegistry;
        this.processedEvents = processedEvents;
    }

    /**
     * As {@link #handle(String, List, Class, Consumer)}, each event once: inside the batch's transaction, marks
     * {@code eventId} of each value as processed by {@code listenerId} ({@link ProcessedEvents#markIfNew}) and calls
     * {@code handler} only the first time. The mark commits or rolls back with the handler's changes.
     *
     * @param eventId the value's event id (a UUID, or its canonical string form)
     */
    public <V> void handleOnce(
            String listenerId,
            List<ConsumerRecord<String, V>> records,
            Class<V> type,
            Function<? super V, ?> eventId,
            Consumer<? super V> handler) {
        handleOnce(listenerId, records, type, null, eventId, handler);
    }

    /**
     * {@link #handleOnce(String, List, Class, Function, Consumer)} with the lock key of
     * {@link #handle(String, List, Class, Function, Consumer)}.
     */
    public <V> void handleOnce(
            String listenerId,
            List<ConsumerRecord<String, V>> records,
            Class<V> type,
            Function<? super V, String> lockKey,
            Function<? super V, ?> eventId,
            Consumer<? super V> handler) {
        run(listenerId, records, type, lockKey, new Once<>(listenerId, eventId), handler);
    }

    /**
     * {@link #handleOnce(String, List, Class, Function, Function, Consumer)} with the marks kept under
     * {@code consumerId} instead of the listener id: for a consumer whose marks were recorded under a name of its own
     * before it was batched (its handler marked each event itself), so that events it handled then are still known.
     */
    public <V> void handleOnce(
            String listenerId,
            String consumerId,
            List<ConsumerRecord<String, V>> records,
            Class<V> type,
            Function<? super V, String> lockKey,
            Function<? super V, ?> eventId,
            Consumer<? super V> handler) {
        run(listenerId, records, type, lockKey, new Once<>(consumerId, eventId), handler);
    }

    // handleOnce's idempotency marks: one multi-row insert for the batch's records before the first is handled (the
    // marks commit or roll back with the batch), instead of one insert per record; a record whose value or event id
    // is bad is marked in its turn, where it fails as before
    private final class Once<V> {

        private final String consumerId;
        private final Function<? super V, ?> eventId;
        private Boolean[] fresh;

        Once(String consumerId, Function<? super V, ?> eventId) {
            this.consumerId = consumerId;
            this.eventId = eventId;
        }

        void markBatch(List<ConsumerRecord<String, V>> records, int end, Class<V> type, SortedSet<String> lockKeys) {
            UUID[] ids = ids(records, end, type);
            recorded(ids, processedEvents.lockThenMarkAllIfNew(lockKeys, LOCK_SEED, consumerId, nonNull(ids)));
        }

        // the batch's try-locks, and its marks when every key was free: the keys another transaction holds (nothing
        // marked then)
        Set<String> tryMarkBatch(List<ConsumerRecord<String, V>> records, Class<V> type, SortedSet<String> lockKeys) {
            UUID[] ids = ids(records, records.size(), type);
            ProcessedEvents.TryLocked result =
                    processedEvents.tryLockThenMarkAllIfNew(lockKeys, LOCK_SEED, consumerId, nonNull(ids));
            if (result.busy().isEmpty()) {
                recorded(ids, result.recorded());
            }
            return result.busy();
        }

        private UUID[] ids(List<ConsumerRecord<String, V>> records, int end, Class<V> type) {
            UUID[] ids = new UUID[end];
            for (int i = 0; i < end; i++) {
                try {
                    Object id = eventId.apply(value(records.get(i), type));
                    ids[i] = id instanceof UUID uuid ? uuid : id == null ? null : UUID.fromString(id.toString());
                } catch (RuntimeException e) {
                    ids[i] = null;
                }
            }
            return ids;
        }

        private static List<UUID> nonNull(UUID[] ids) {
            List<UUID> all = new ArrayList<>(ids.length);
            for (UUID id : ids) {
                if (id != null) {
                    all.add(id);
                }
            }
            return all;
        }

        private void recorded(UUID[] ids, Set<UUID> recordedNow) {
            Set<UUID> recorded = new HashSet<>(recordedNow);
            fresh = new Boolean[ids.length];
            for (int i = 0; i < ids.length; i++) {
                // the first record of an id recorded now is new; a repeat within the batch is not
                fresh[i] = ids[i] == null ? null : recorded.remove(ids[i]);
            }
        }

        boolean isNew(int index, V value) {
            Boolean known = fresh[index];
            return known != null ? known : TransactionalBatches.this.isNew(consumerId, eventId.apply(value));
        }
    }

    /**
     * A poll of a listener of several topics, cut into runs of consecutive records of one topic, in the poll's order:
     * a listener hands each run to {@link #handleOnce} with that topic's type and handler. A run that fails stops the
     * poll there (its {@link BatchListenerFailedException} names the record), so the runs before it stay committed
     * and the records after it are delivered again, as with a listener per topic; one consumer polls the broker for
     * all of them (issue 22: a consumer per topic polled it on its own, busy or idle).
     */
    public static <V> List<List<ConsumerRecord<String, V>>> topicRuns(List<ConsumerRecord<String, V>> records) {
        List<List<ConsumerRecord<String, V>>> runs = new ArrayList<>();
        int start = 0;
        while (start < records.size()) {
            String topic = records.get(start).topic();
            int end = start + 1;
            while (end < records.size() && records.get(end).topic().equals(topic)) {
                end++;
            }
            runs.add(records.subList(start, end));
            start = end;
        }
        return runs;
    }

    /** A run of {@link #topicRuns}, as the records of its topic's type (each value is checked when handled). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <V> List<ConsumerRecord<String, V>> typed(List<? extends ConsumerRecord<String, ?>> run) {
        return (List) run;
    }

    private boolean isNew(String consumerId, Object eventId) {
        if (eventId instanceof UUID uuid) {
            return processedEvents.markIfNew(consumerId, uuid);
        }
        return processedEvents.markIfNew(consumerId, eventId == null ? null : eventId.toString());
    }

    /**
     * Handles {@code records} with {@code handler} in one transaction, as described above.
     *
     * @param listenerId the listener's id (metrics tag and span name, as for a record listener)
     * @param type the value type the listener expects; any other value fails its record as bad input
     * @throws BatchListenerFailedException naming the first record that failed, after the ones before it committed
     */
    public <V> void handle(
            String listenerId, List<ConsumerRecord<String, V>> records, Class<V> type, Consumer<? super V> handler) {
        handle(listenerId, records, type, null, handler);
    }

    /**
     * As {@link #handle(String, List, Class, Consumer)}, for a handler whose row locks follow another key than the
     * record key: {@code lockKey} names it per value (e.g. the patient account an answer posts to; it may read the
     * database, inside the batch's transaction; null or empty: none), locked instead of the record key.
     */
    public <V> void handle(
            String listenerId,
            List<ConsumerRecord<String, V>> records,
            Class<V> type,
            Function<? super V, String> lockKey,
            Consumer<? super V> handler) {
        run(listenerId, records, type, lockKey, null, handler);
    }

    private <V> void run(
            String listenerId,
            List<ConsumerRecord<String, V>> records,
            Class<V> type,
            Function<? super V, String> lockKey,
            Once<V> once,
            Consumer<? super V> handler) {
        FirstAttempt<V> first = handleFreeKeys(listenerId, records, type, lockKey, once, handler);
        if (first.waiting().isEmpty()) {
            return;
        }
        records = first.waiting();
        // a first attempt of the whole poll that failed at a record is the loop's first attempt: the records before
        // that one are tried again without it
        Failure failure = first.failure();
        int end = failure == null ? records.size() : failure.index();
        while (end > 0) {
            Failure attempt = handle(listenerId, records, end, type, lockKey, once, handler);
            if (attempt == null) {
                break;
            }
            failure = attempt;
            end = attempt.index();
        }
        if (failure != null) {
            ConsumerRecord<String, V> failed = records.get(failure.index());
            throw new BatchListenerFailedException(
                    "record " + failed.topic() + "-" + failed.partition() + "@" + failed.offset()
                            + " of the batch failed",
                    failure.cause(),
                    failed);
        }
    }

    // null when records [0, end) committed; else the first failing record (the transaction rolled back). Before the
    // first record the transaction takes an advisory lock per distinct lock key of the batch, in key order, so that
    // two batches sharing a key (two listeners, or a listener's concurrent consumers) run one after the other
    // instead of locking the same rows in opposite orders ("deadlock detected"); records keep their order.
    private <V> Failure handle(
            String listenerId,
            List<ConsumerRecord<String, V>> records,
            int end,
            Class<V> type,
            Function<? super V, String> lockKey,
            Once<V> once,
            Consumer<? super V> handler) {
        int[] current = {0};
        try {
            transactions.executeWithoutResult(status -> {
                SortedSet<String> keys = lockKeys(records, end, type, lockKey);
                if (once != null) {
                    // the locks and the marks in one statement, the locks first
                    once.markBatch(records, end, type, keys);
                } else {
                    processedEvents.lock(keys, LOCK_SEED);
                }
                handleRecords(listenerId, records, end, type, once, handler, current);
                // a failing commit is blamed on the last record: the ones before it are tried again without it
                current[0] = end - 1;
            });
            return null;
        } catch (RuntimeException e) {
            return new Failure(current[0], e);
        }
    }

    /**
     * The poll's first transaction takes its keys' locks without waiting. When every key is free (the usual case) it
     * handles the whole poll and returns nothing left. When another transaction holds some keys (another listener's
     * poll on the same encounters), it handles the records of the free keys and returns the others, in poll order,
     * for the waiting path: one held key no longer holds up every record of the poll until that other transaction
     * commits. When the whole poll fails at a record (its handler, the commit), that is the waiting path's first
     * attempt: the records before it are tried again without it, and it is named. When part of the poll fails, it
     * rolls back and the waiting path handles the whole poll anew.
     *
     * <p>Committing records of the poll out of its order is safe for the error handler: a record the waiting path
     * names as failed comes after, in offset order, only records already committed (the free ones here, the waiting
     * ones before it there); records after it are delivered again and their events' marks (or the handlers'
     * idempotency) skip what was done.
     */
    private <V> FirstAttempt<V> handleFreeKeys(
            String listenerId,
            List<ConsumerRecord<String, V>> records,
            Class<V> type,
            Function<? super V, String> lockKey,
            Once<V> once,
            Consumer<? super V> handler) {
        List<ConsumerRecord<String, V>> held = new ArrayList<>();
        int[] current = {0};
        boolean[] whole = {true};
        try {
            transactions.executeWithoutResult(status -> {
                // each record's lock key once, inside the transaction (a listener's lock key may read the database)
                List<String> recordKeys = recordLockKeys(records, records.size(), type, lockKey);
                SortedSet<String> keys = sorted(recordKeys);
                Set<String> busy = once != null
                        // the try-locks and, when every key was free, the marks: one statement
                        ? once.tryMarkBatch(records, type, keys)
                        : processedEvents.tryLock(keys, LOCK_SEED);
                List<ConsumerRecord<String, V>> free = records;
                if (!busy.isEmpty()) {
                    free = new ArrayList<>();
                    for (int i = 0; i < records.size(); i++) {
                        String key = recordKeys.get(i);
                        (key != null && busy.contains(key) ? held : free).add(records.get(i));
                    }
                    whole[0] = false;
                    if (once != null) {
                        once.markBatch(free, free.size(), type, new TreeSet<>());
                    }
                }
                handleRecords(listenerId, free, free.size(), type, once, handler, current);
                current[0] = free.size() - 1;
            });
            return new FirstAttempt<>(held, null);
        } catch (RuntimeException e) {
            // the whole poll, tried in order: as the waiting path's first attempt; part of it: the waiting path
            // handles the whole poll anew
            return new FirstAttempt<>(records, whole[0] ? new Failure(current[0], e) : null);
        }
    }

    // what a poll's first transaction left: the records still to handle, and the failure of the whole poll's attempt
    private record FirstAttempt<V>(List<ConsumerRecord<String, V>> waiting, Failure failure) {}

    private <V> void handleRecords(
            String listenerId,
            List<ConsumerRecord<String, V>> records,
            int end,
            Class<V> type,
            Once<V> once,
            Consumer<? super V> handler,
            int[] current) {
        for (int i = 0; i < end; i++) {
            current[0] = i;
            int index = i;
            ConsumerRecord<String, V> record = records.get(i);
            V value = value(record, type);
            observed(listenerId, record, () -> {
                if (once == null || once.isNew(index, value)) {
                    handler.accept(value);
                }
            });
        }
    }

    // the distinct lock keys of records [0, end), sorted: the record key, or the listener's lock key of the value
    private static <V> SortedSet<String> lockKeys(
            List<ConsumerRecord<String, V>> records, int end, Class<V> type, Function<? super V, String> lockKey) {
        return sorted(recordLockKeys(records, end, type, lockKey));
    }

    // each lock key of records [0, end) in the records' order (null: the record has none)
    private static <V> List<String> recordLockKeys(
            List<ConsumerRecord<String, V>> records, int end, Class<V> type, Function<? super V, String> lockKey) {
        List<String> keys = new ArrayList<>(end);
        for (int i = 0; i < end; i++) {
            keys.add(lockKeyOf(records.get(i), type, lockKey));
        }
        return keys;
    }

    // the distinct keys, sorted: the order in which every transaction locks them
    private static SortedSet<String> sorted(List<String> keys) {
        SortedSet<String> sorted = new TreeSet<>();
        for (String key : keys) {
            if (key != null) {
                sorted.add(key);
            }
        }
        return sorted;
    }

    // a record's lock key, or null for none (no key, or a bad record: it fails in its turn, when handled)
    private static <V> String lockKeyOf(
            ConsumerRecord<String, V> record, Class<V> type, Function<? super V, String> lockKey) {
        String key = record.key();
        if (lockKey != null) {
            try {
                key = lockKey.apply(value(record, type));
            } catch (RuntimeException e) {
                key = null;
            }
        }
        return key == null || key.isEmpty() ? null : key;
    }

    private static <V> V value(ConsumerRecord<String, V> record, Class<V> type) {
        DeserializationException deserialization = SerializationUtils.getExceptionFromHeader(
                record, SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
        if (deserialization != null) {
            throw deserialization;
        }
        Object value = record.value();
        if (value == null) {
            throw new IllegalArgumentException(
                    "record " + record.topic() + "-" + record.partition() + "@" + record.offset() + " has no value");
        }
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("record " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + " holds a " + value.getClass().getSimpleName() + ", not a "
                    + type.getSimpleName());
        }
        return type.cast(value);
    }

    private void observed(String listenerId, ConsumerRecord<?, ?> record, Runnable work) {
        if (observationRegistry.isNoop()) {
            work.run();
            return;
        }
        String group = KafkaUtils.getConsumerGroupId();
        KafkaRecordReceiverContext context = new KafkaRecordReceiverContext(
                record, listenerId, listenerId, group == null ? listenerId : group, () -> null);
        KafkaListenerObservation.LISTENER_OBSERVATION
                .observation(
                        null,
                        KafkaListenerObservation.DefaultKafkaListenerObservationConvention.INSTANCE,
                        () -> context,
                        observationRegistry)
                .observe(work);
    }

    private record Failure(int index, RuntimeException cause) {}
}
