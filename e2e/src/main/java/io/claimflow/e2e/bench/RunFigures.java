package io.claimflow.e2e.bench;

import io.claimflow.schemas.Topics;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run's throughput and latencies from the records its encounters left on the topics (every ClaimFlow record is
 * keyed by its encounter id): the record timestamps are the producers' send times, so documented -> coded is from
 * the encounter's {@code EncounterDocumented} record to its first {@code EncounterCoded} (coding-service's share of
 * documented -> submitted), documented -> submitted is
 * from the encounter's {@code EncounterDocumented} record to the first {@code ClaimSubmitted} of that encounter, and
 * documented -> posted to its first {@code PaymentPosted}. The run drained when its last record (on any event topic)
 * was written; encounters per second are the encounters documented over the time from the first documented record
 * to that last record.
 *
 * @param deadLetters the run's records on dead-letter topics
 */
public record RunFigures(
        int documented,
        int submitted,
        int posted,
        int denied,
        long deadLetters,
        long firstDocumentedMillis,
        long lastRecordMillis,
        Percentiles toCoded,
        Percentiles toSubmitted,
        Percentiles toPosted) {

    /** One record: its topic, key and timestamp (epoch ms). */
    public record Record(String topic, String key, long timestamp) {}

    /** Seconds from the first documented record to the run's last record. */
    public double drainSeconds() {
        return Math.max(0, lastRecordMillis - firstDocumentedMillis) / 1000.0;
    }

    /** Encounters documented per second of {@link #drainSeconds()}; 0 when nothing was measured. */
    public double perSecond() {
        double seconds = drainSeconds();
        return seconds > 0 ? documented / seconds : 0;
    }

    /** The figures of the records whose key starts with {@code keyPrefix}; others are ignored. */
    public static RunFigures of(Collection<Record> records, String keyPrefix) {
        Map<String, Long> documented = new HashMap<>();
        Map<String, Long> coded = new HashMap<>();
        Map<String, Long> submitted = new HashMap<>();
        Map<String, Long> posted = new HashMap<>();
        Map<String, Long> denied = new HashMap<>();
        long deadLetters = 0;
        long last = Long.MIN_VALUE;
        for (Record r : records) {
            if (r.key() == null || !r.key().startsWith(keyPrefix)) {
                continue;
            }
            if (r.topic().endsWith(Topics.DLT_SUFFIX)) {
                deadLetters++;
                continue;
            }
            last = Math.max(last, r.timestamp());
            Map<String, Long> firsts = switch (r.topic()) {
                case Topics.ENCOUNTER_DOCUMENTED -> documented;
                case Topics.ENCOUNTER_CODED -> coded;
                case Topics.CLAIM_SUBMITTED -> submitted;
                case Topics.PAYMENT_POSTED -> posted;
                case Topics.CLAIM_DENIED -> denied;
                default -> null;
            };
            if (firsts != null) {
                firsts.merge(r.key(), r.timestamp(), Math::min);
            }
        }
        long first =
                documented.values().stream().mapToLong(Long::longValue).min().orElse(0);
        return new RunFigures(
                documented.size(),
                submitted.size(),
                posted.size(),
                denied.size(),
                deadLetters,
                first,
                documented.isEmpty() ? 0 : last,
                Percentiles.of(latencies(documented, coded)),
                Percentiles.of(latencies(documented, submitted)),
                Percentiles.of(latencies(documented, posted)));
    }

    private static List<Long> latencies(Map<String, Long> from, Map<String, Long> to) {
        return to.entrySet().stream()
                .filter(e -> from.containsKey(e.getKey()))
                .map(e -> e.getValue() - from.get(e.getKey()))
                .toList();
    }

    /** For the report. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("documented", documented);
        map.put("submitted", submitted);
        map.put("posted", posted);
        map.put("denied", denied);
        map.put("deadLetters", deadLetters);
        map.put("drainSeconds", drainSeconds());
        map.put("perSecond", perSecond());
        map.put("toCoded", toCoded);
        map.put("toSubmitted", toSubmitted);
        map.put("toPosted", toPosted);
        return map;
    }
}
