package io.claimflow.coding.codeset.adapter;

import io.claimflow.coding.config.CodingProperties;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Remembers code-set rows: code sets change only when a release is imported, while every encounter asks about the
 * same few hundred codes. What is kept is what a date of service is decided from (a code's rows with their validity
 * dates, a release's dates), never the answer for one date, so an encounter on a date not seen before asks PostgreSQL
 * nothing about a code seen before (issue 22). An import in this instance clears the cache when it commits; an import
 * by another instance is noticed within {@code claimflow.coding.code-set-check-interval} (2 s) through the newest
 * release id (every import adds a release row).
 */
@Component
class CodeSetCache {

    static final int MAX_ENTRIES = 200_000;

    private record Key(String operation, Object argument) {}

    private final JdbcClient jdbc;
    private final long checkIntervalNanos;
    private final Map<Key, Object> entries = new ConcurrentHashMap<>();
    /** Bumped on every clear: a value read before a clear is not kept after it. */
    private final AtomicLong generation = new AtomicLong();

    private volatile long newestRelease = -1;
    private volatile long checkedAt;

    CodeSetCache(JdbcClient jdbc, CodingProperties properties) {
        this.jdbc = jdbc;
        this.checkIntervalNanos = properties.codeSetCheckInterval().toNanos();
    }

    /** The value kept for {@code argument}, read with {@code lookup} when there is none. */
    @SuppressWarnings("unchecked")
    <T> T get(String operation, Object argument, Supplier<T> lookup) {
        refreshIfStale();
        Key key = new Key(operation, argument);
        Object value = entries.get(key);
        if (value == null) {
            long before = generation.get();
            value = lookup.get();
            keep(before, Map.of(key, value));
        }
        return (T) value;
    }

    /**
     * The values kept for each of {@code arguments}; those missing are read together with one call of
     * {@code lookup}, which must answer for every argument it is given (an empty list for an unknown code).
     */
    @SuppressWarnings("unchecked")
    <A, T> Map<A, T> getAll(String operation, Collection<A> arguments, Function<Set<A>, Map<A, T>> lookup) {
        refreshIfStale();
        Map<A, T> found = new HashMap<>();
        Set<A> missing = new LinkedHashSet<>();
        for (A argument : arguments) {
            Object value = entries.get(new Key(operation, argument));
            if (value == null) {
                missing.add(argument);
            } else {
                found.put(argument, (T) value);
            }
        }
        if (!missing.isEmpty()) {
            long before = generation.get();
            Map<A, T> read = lookup.apply(missing);
            Map<Key, Object> keep = new HashMap<>();
            for (A argument : missing) {
                T value = read.get(argument);
                if (value == null) {
                    throw new IllegalStateException("code-set lookup " + operation + " gave no answer for an argument");
                }
                found.put(argument, value);
                keep.put(new Key(operation, argument), value);
            }
            keep(before, keep);
        }
        return found;
    }

    private void keep(long generationBefore, Map<Key, Object> values) {
        if (entries.size() + values.size() > MAX_ENTRIES) {
            clear();
            return;
        }
        entries.putAll(values);
        if (generation.get() != generationBefore) {
            // cleared meanwhile (an import committed): what was read may be from before it
            values.keySet().forEach(entries::remove);
        }
    }

    /** Forgets everything (an import committed). */
    void clear() {
        generation.incrementAndGet();
        entries.clear();
        checkedAt = 0;
    }

    int size() {
        return entries.size();
    }

    private void refreshIfStale() {
        long now = System.nanoTime();
        if (now - checkedAt < checkIntervalNanos && newestRelease >= 0) {
            return;
        }
        long newest = jdbc.sql("SELECT coalesce(max(id), 0) FROM code_set_release")
                .query(Long.class)
                .single();
        if (newest != newestRelease) {
            generation.incrementAndGet();
            entries.clear();
            newestRelease = newest;
        }
        checkedAt = now;
    }
}
