package io.claimflow.e2e.bench;

import java.util.Collection;
import java.util.Locale;

/**
 * p50, p95, p99 and the maximum of a set of values (nearest rank: the smallest value with at least p % of the values
 * at or below it); all null when there are none.
 */
public record Percentiles(int count, Long p50, Long p95, Long p99, Long max) {

    /** The percentiles of {@code values}. */
    public static Percentiles of(Collection<Long> values) {
        if (values.isEmpty()) {
            return new Percentiles(0, null, null, null, null);
        }
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Percentiles(
                sorted.length, rank(sorted, 50), rank(sorted, 95), rank(sorted, 99), sorted[sorted.length - 1]);
    }

    private static long rank(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length / 100) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** p50, p95, p99, for the chart. */
    public Long[] chartValues() {
        return new Long[] {p50, p95, p99};
    }

    /** {@code p50 / p95 / p99 / max} in ms with thousands separators, or a dash when empty. */
    public String render() {
        if (count == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%,d / %,d / %,d / %,d", p50, p95, p99, max);
    }
}
