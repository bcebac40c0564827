package io.claimflow.platform.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Outbox gauges, read from the database at each scrape: {@value #BACKLOG} (unpublished rows) and
 * {@value #OLDEST_AGE} (age of the oldest unpublished row: how far the relay is behind; 0 when there is no backlog).
 * Both use the partial index on unpublished rows, so they cost as little as the backlog is small.
 */
final class OutboxMetrics implements MeterBinder {

    /** Gauge: unpublished outbox rows. */
    static final String BACKLOG = "claimflow.outbox.backlog";

    /** Gauge: seconds since the oldest unpublished row was appended. */
    static final String OLDEST_AGE = "claimflow.outbox.oldest.unpublished.age";

    private final JdbcTemplate jdbc;

    OutboxMetrics(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(BACKLOG, this, OutboxMetrics::backlog)
                .description("Outbox rows not yet published to Kafka")
                .baseUnit("rows")
                .register(registry);
        Gauge.builder(OLDEST_AGE, this, OutboxMetrics::oldestAgeSeconds)
                .description("Age of the oldest unpublished outbox row (relay lag); 0 without backlog")
                .baseUnit("seconds")
                .register(registry);
    }

    private double backlog() {
        return query("SELECT count(*) AS value FROM " + PlatformSchema.SCHEMA + ".outbox WHERE published_at IS NULL");
    }

    private double oldestAgeSeconds() {
        return query("SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0) AS value FROM "
                + PlatformSchema.SCHEMA + ".outbox WHERE published_at IS NULL");
    }

    // A scrape while the database is away reports NaN (no value) instead of failing the whole scrape.
    private double query(String sql) {
        try {
            Map<String, Object> row = jdbc.queryForMap(sql);
            return ((Number) row.get("value")).doubleValue();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
