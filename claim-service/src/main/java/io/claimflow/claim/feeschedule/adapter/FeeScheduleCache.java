package io.claimflow.claim.feeschedule.adapter;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Remembers the fee schedule's rows per tenant and procedure code, with their dates, so that pricing a claim line
 * asks PostgreSQL nothing for a code priced before, on any date of service (issue 22: a statement per line). A change
 * in this instance clears it when it commits; a change by another instance (or any statement on fee_schedule) raises
 * fee_schedule_revision (V110), which is looked at when pricing, at most every
 * {@code claimflow.claim.fee-schedule.check-interval} (2 s).
 */
@Component
class FeeScheduleCache {

    static final int MAX_ENTRIES = 50_000;

    /** The rows of one tenant (and of the default table) for one code. */
    record Key(String tenantId, String procedureCode) {}

    private final JdbcClient jdbc;
    private final long checkIntervalNanos;
    private final Map<Key, List<?>> entries = new ConcurrentHashMap<>();
    /** Bumped on every clear: rows read before a clear are not kept after it. */
    private final AtomicLong generation = new AtomicLong();

    private volatile long revision = -1;
    private volatile long checkedAt;

    FeeScheduleCache(JdbcClient jdbc, FeeScheduleProperties properties) {
        this.jdbc = jdbc;
        this.checkIntervalNanos = properties.checkInterval().toNanos();
    }

    @SuppressWarnings("unchecked")
    <T> List<T> get(Key key, Supplier<List<T>> lookup) {
        refreshIfStale();
        List<?> rows = entries.get(key);
        if (rows == null) {
            long before = generation.get();
            rows = lookup.get();
            if (entries.size() >= MAX_ENTRIES) {
                clear();
            } else {
                entries.put(key, rows);
                if (generation.get() != before) {
                    entries.remove(key); // cleared meanwhile: what was read may be from before the change
                }
            }
        }
        return (List<T>) rows;
    }

    /** Forgets everything (a change committed). */
    void clear() {
        generation.incrementAndGet();
        entries.clear();
        checkedAt = 0;
    }

    private void refreshIfStale() {
        long now = System.nanoTime();
        if (now - checkedAt < checkIntervalNanos && revision >= 0) {
            return;
        }
        long current = jdbc.sql("SELECT revision FROM fee_schedule_revision")
                .query(Long.class)
                .single();
        if (current != revision) {
            generation.incrementAndGet();
            entries.clear();
            revision = current;
        }
        checkedAt = now;
    }
}
