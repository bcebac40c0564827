package io.claimflow.coding.codeset.adapter;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Remembers code-set lookups: code sets change only when a release is imported, while every encounter asks the same
 * few dozen questions. An import in this instance clears the cache when it commits; an import by another instance
 * is noticed within {@link #CHECK_INTERVAL_NANOS} through the newest release id.
 */
@Component
class CodeSetCache {

    static final long CHECK_INTERVAL_NANOS = 2_000_000_000L;
    static final int MAX_ENTRIES = 200_000;

    private record Key(String operation, List<Object> arguments) {}

    private final JdbcClient jdbc;
    private final Map<Key, Object> entries = new ConcurrentHashMap<>();
    private volatile long newestRelease = -1;
    private volatile long checkedAt;

    CodeSetCache(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @SuppressWarnings("unchecked")
    <T> T get(String operation, List<Object> arguments, Supplier<T> lookup) {
        refreshIfStale();
        Key key = new Key(operation, arguments);
        Object value = entries.get(key);
        if (value == null) {
            value = lookup.get();
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
            entries.put(key, value);
        }
        return (T) value;
    }

    void clear() {
        entries.clear();
        checkedAt = 0;
    }

    private void refreshIfStale() {
        long now = System.nanoTime();
        if (now - checkedAt < CHECK_INTERVAL_NANOS && newestRelease >= 0) {
            return;
        }
        long newest = jdbc.sql("SELECT coalesce(max(id), 0) FROM code_set_release")
                .query(Long.class)
                .single();
        if (newest != newestRelease) {
            entries.clear();
            newestRelease = newest;
        }
        checkedAt = now;
    }
}
