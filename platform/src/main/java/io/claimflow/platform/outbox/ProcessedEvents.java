package io.claimflow.platform.outbox;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Consumer idempotency: remembers which events a consumer has handled. Call {@link #markIfNew} first thing in the
 * handler's database transaction and do nothing when it returns false; because the mark commits or rolls back with
 * the handler's own changes, a redelivered event changes nothing and a failed one is handled again.
 *
 * <pre>{@code
 * @KafkaListener(topics = Topics.ENCOUNTER_CODED)
 * @Transactional
 * void on(EncounterCoded event) {
 *     if (!processedEvents.markIfNew("claim-service.encounter-coded", event.getEventId())) {
 *         return; // seen before
 *     }
 *     ...
 * }
 * }</pre>
 */
public class ProcessedEvents {

    private final JdbcTemplate jdbc;

    ProcessedEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records that {@code consumerId} handled {@code eventId}.
     *
     * @return true the first time, false when already recorded (by a committed transaction, or by a concurrent one
     *     that then commits: the insert waits for it)
     * @throws IllegalTransactionStateException when called outside a transaction
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean markIfNew(String consumerId, UUID eventId) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalTransactionStateException(
                    "ProcessedEvents.markIfNew must run inside the handler's database transaction");
        }
        if (consumerId == null || consumerId.isBlank() || eventId == null) {
            throw new IllegalArgumentException("consumerId and eventId are required");
        }
        return jdbc.update(
                        "INSERT INTO " + PlatformSchema.SCHEMA + ".processed_event (consumer_id, event_id) "
                                + "VALUES (?, ?) ON CONFLICT DO NOTHING",
                        consumerId,
                        eventId)
                == 1;
    }

    /**
     * {@link #markIfNew(String, UUID)} for an event id in its string form.
     *
     * @throws IllegalArgumentException when {@code eventId} is not a UUID
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean markIfNew(String consumerId, String eventId) {
        if (eventId == null) {
            throw new IllegalArgumentException("eventId is required");
        }
        return markIfNew(consumerId, UUID.fromString(eventId));
    }

    /**
     * {@link #markIfNew(String, UUID)} for many events in one statement (a batch listener's poll): records that
     * {@code consumerId} handled each of {@code eventIds}.
     *
     * @return the ids recorded now, i.e. not recorded before (by a committed transaction, or by a concurrent one that
     *     then commits: the insert waits for it); an id given twice counts once
     * @throws IllegalTransactionStateException when called outside a transaction
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Set<UUID> markAllIfNew(String consumerId, Collection<UUID> eventIds) {
        return lockThenMarkAllIfNew(List.of(), 0, consumerId, eventIds);
    }

    /**
     * {@link #markAllIfNew} after taking a transaction-scoped advisory lock per key of {@code lockKeys}, in their
     * order, all in one statement (a batch listener's poll: one round trip instead of two before its first record).
     * The locks are taken before any mark is inserted (a one-time filter of the insert).
     *
     * @param lockKeys the keys to lock, in the order to lock them; empty: only the marks
     * @param lockSeed the seed of the keys' hash ({@code hashtextextended}), the same for every locker of a key
     * @return the ids recorded now
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Set<UUID> lockThenMarkAllIfNew(
            Collection<String> lockKeys, long lockSeed, String consumerId, Collection<UUID> eventIds) {
        requireMarkable(consumerId, eventIds);
        if (eventIds.isEmpty()) {
            lock(lockKeys, lockSeed);
            return Set.of();
        }
        String[] ids = sortedIds(eventIds);
        boolean locking = !lockKeys.isEmpty();
        String insert = "INSERT INTO " + PlatformSchema.SCHEMA + ".processed_event (consumer_id, event_id) "
                + "SELECT ?, id FROM unnest(CAST(? AS uuid[])) WITH ORDINALITY AS t (id, n) "
                + (locking ? "WHERE (SELECT count FROM locked) >= 0 " : "")
                + "ORDER BY n ON CONFLICT DO NOTHING RETURNING event_id";
        Object[] params = locking
                ? new Object[] {lockSeed, lockKeys.toArray(String[]::new), consumerId, ids}
                : new Object[] {consumerId, ids};
        Set<UUID> recorded = new HashSet<>();
        jdbc.query(
                locking ? "WITH locked AS (" + LOCKS + ") " + insert : insert,
                rs -> {
                    recorded.add(rs.getObject(1, UUID.class));
                },
                params);
        return recorded;
    }

    /**
     * What {@link #tryLockThenMarkAllIfNew} did.
     *
     * @param busy the keys another transaction holds (not locked); when any, nothing was marked
     * @param recorded the ids recorded now (empty when a key was busy)
     */
    record TryLocked(Set<String> busy, Set<UUID> recorded) {}

    /**
     * Tries a transaction-scoped advisory lock per key of {@code lockKeys} without waiting and, when every key was
     * free, marks {@code eventIds} as {@link #markAllIfNew} does, all in one statement (a batch listener's poll in the
     * usual case: nobody else holds its keys). The locks of the free keys are held whether or not another key was
     * busy; the marks are written only when none was (the caller then handles part of the poll and marks that part).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    TryLocked tryLockThenMarkAllIfNew(
            Collection<String> lockKeys, long lockSeed, String consumerId, Collection<UUID> eventIds) {
        if (lockKeys.isEmpty()) {
            return new TryLocked(Set.of(), lockThenMarkAllIfNew(List.of(), lockSeed, consumerId, eventIds));
        }
        if (eventIds.isEmpty()) {
            return new TryLocked(tryLock(lockKeys, lockSeed), Set.of());
        }
        requireMarkable(consumerId, eventIds);
        String[] ids = sortedIds(eventIds);
        Set<String> busy = new HashSet<>();
        Set<UUID> recorded = new HashSet<>();
        // tried is read whole (the marks' one-time filter, then the busy keys) before the statement ends: every key
        // is tried; the marks are inserted only after every key was tried and found free
        jdbc.query(
                "WITH tried AS MATERIALIZED (SELECT k, pg_try_advisory_xact_lock(" + LOCK_ID + ") AS got FROM"
                        + " unnest(CAST(? AS text[])) AS t (k)), marked AS (INSERT INTO " + PlatformSchema.SCHEMA
                        + ".processed_event (consumer_id, event_id) SELECT ?, id FROM unnest(CAST(? AS uuid[]))"
                        + " WITH ORDINALITY AS e (id, n) WHERE NOT EXISTS (SELECT FROM tried WHERE NOT got) ORDER BY n"
                        + " ON CONFLICT DO NOTHING RETURNING event_id)"
                        + " SELECT k, NULL::uuid FROM tried WHERE NOT got UNION ALL SELECT NULL, event_id FROM marked",
                rs -> {
                    String key = rs.getString(1);
                    if (key != null) {
                        busy.add(key);
                    } else {
                        recorded.add(rs.getObject(2, UUID.class));
                    }
                },
                lockSeed,
                lockKeys.toArray(String[]::new),
                consumerId,
                ids);
        if (!busy.isEmpty() && !recorded.isEmpty()) {
            throw new IllegalStateException("marks written although keys were busy");
        }
        return new TryLocked(busy, recorded);
    }

    // marks are written inside the handler's transaction, for a consumer, of event ids
    private static void requireMarkable(String consumerId, Collection<UUID> eventIds) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalTransactionStateException(
                    "ProcessedEvents writes its marks only inside the handler's database transaction");
        }
        if (consumerId == null
                || consumerId.isBlank()
                || eventIds == null
                || eventIds.stream().anyMatch(id -> id == null)) {
            throw new IllegalArgumentException("consumerId and eventIds are required");
        }
    }

    // sorted: two transactions inserting overlapping ids wait for each other in one order, never deadlock
    private static String[] sortedIds(Collection<UUID> eventIds) {
        return new TreeSet<>(eventIds).stream().map(UUID::toString).toArray(String[]::new);
    }

    /** Tries a transaction-scoped advisory lock per key without waiting; returns the keys another transaction holds. */
    Set<String> tryLock(Collection<String> keys, long seed) {
        Set<String> busy = new HashSet<>();
        if (!keys.isEmpty()) {
            jdbc.query(
                    "SELECT k FROM unnest(CAST(? AS text[])) AS t (k) WHERE NOT pg_try_advisory_xact_lock(" + LOCK_ID
                            + ")",
                    rs -> {
                        busy.add(rs.getString(1));
                    },
                    keys.toArray(String[]::new),
                    seed);
        }
        return busy;
    }

    /** Takes a transaction-scoped advisory lock per key, in the given order, in one statement. */
    void lock(Collection<String> keys, long seed) {
        if (!keys.isEmpty()) {
            jdbc.query(LOCKS, rs -> {}, seed, keys.toArray(String[]::new));
        }
    }

    // the advisory lock id of key k (a column of the statement) under the seed (its parameter): one expression for
    // the waiting lock and both tries, so that they lock the same id for a key
    private static final String LOCK_ID = "hashtextextended(k, ?)";

    // one advisory lock per key of the array, in the array's order
    private static final String LOCKS = "SELECT count(pg_advisory_xact_lock(" + LOCK_ID + ")) FROM (SELECT k"
            + " FROM unnest(CAST(? AS text[])) WITH ORDINALITY AS t (k, n) ORDER BY n) AS ordered";

    /** Forgets marks older than {@code age}; returns how many. */
    public int purgeOlderThan(Duration age) {
        return jdbc.update(
                "DELETE FROM " + PlatformSchema.SCHEMA + ".processed_event WHERE processed_at < now() - "
                        + "make_interval(secs => ?)",
                (double) age.toSeconds());
    }
}
