package io.claimflow.console.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The pipeline as the brokers see it: records written per topic and per second, each consumer group's lag and
 * rate, dead letters per topic. Rates come from the difference between this sample and one taken about a minute
 * earlier (kept here, in memory), so the first look after a start shows totals without rates. Samples are shared
 * by every viewer and taken at most once a second, so many open pages do not add load on the brokers.
 */
public final class PipelineStatus {

    static final Duration RATE_WINDOW = Duration.ofSeconds(60);
    static final Duration MIN_SAMPLE_INTERVAL = Duration.ofSeconds(1);
    static final Duration KEEP = Duration.ofMinutes(3);

    private final BrokerOffsets broker;
    private final Clock clock;
    private final Deque<OffsetsSample> samples = new ArrayDeque<>();

    public PipelineStatus(BrokerOffsets broker, Clock clock) {
        this.broker = broker;
        this.clock = clock;
    }

    /** The view now: from a fresh sample, or from the last one if it is less than a second old. */
    public synchronized View current(Collection<String> topics) {
        Instant now = clock.instant();
        OffsetsSample latest = samples.peekLast();
        if (latest == null || !latest.at().plus(MIN_SAMPLE_INTERVAL).isAfter(now)) {
            try {
                latest = broker.sample(topics);
            } catch (BrokerOffsets.BrokerUnavailableException e) {
                return new View(false, e.getMessage(), now, List.of(), List.of(), null);
            }
            samples.addLast(latest);
            while (samples.size() > 1
                    && samples.peekFirst().at().isBefore(latest.at().minus(KEEP))) {
                samples.removeFirst();
            }
        }
        OffsetsSample earlier = baseline(latest);
        double seconds = earlier == null
                ? 0
                : Duration.between(earlier.at(), latest.at()).toMillis() / 1000.0;
        OffsetsSample sample = latest;
        List<TopicRow> topicRows = topics.stream()
                .map(topic -> new TopicRow(
                        topic,
                        sample.endOffsets().getOrDefault(topic, 0L),
                        rate(
                                sample.endOffsets().get(topic),
                                earlier == null ? null : earlier.endOffsets().get(topic),
                                seconds),
                        sample.deadLetters().getOrDefault(topic, 0L)))
                .toList();
        List<ConsumerRow> consumerRows = sample.groups().stream()
                .map(g -> new ConsumerRow(
                        g.group(),
                        g.topic(),
                        g.lag(),
                        rate(
                                g.committed(),
                                earlier == null ? null : committed(earlier, g.group(), g.topic()),
                                seconds)))
                .toList();
        return new View(
                true,
                null,
                sample.at(),
                topicRows,
                consumerRows,
                earlier == null ? null : Duration.between(earlier.at(), sample.at()));
    }

    /** The oldest sample within the rate window before {@code latest}, if any other than itself. */
    private OffsetsSample baseline(OffsetsSample latest) {
        Instant from = latest.at().minus(RATE_WINDOW);
        for (OffsetsSample s : samples) {
            if (s != latest && !s.at().isBefore(from)) {
                return s;
            }
        }
        return null;
    }

    private static Long committed(OffsetsSample sample, String group, String topic) {
        return sample.groups().stream()
                .filter(g -> g.group().equals(group) && g.topic().equals(topic))
                .map(OffsetsSample.GroupOffsets::committed)
                .findFirst()
                .orElse(null);
    }

    private static Double rate(Long now, Long before, double seconds) {
        if (now == null || before == null || seconds <= 0) {
            return null;
        }
        return Math.max(0, now - before) / seconds;
    }

    /**
     * What the pipeline page shows from the brokers.
     *
     * @param reachable whether the brokers answered
     * @param problem why not, when they did not
     * @param at when the sample was taken
     * @param topics per topic: records written, rate, dead letters
     * @param consumers per consumer group and topic: lag and rate
     * @param rateWindow over how long the rates were measured, null before there are two samples
     */
    public record View(
            boolean reachable,
            String problem,
            Instant at,
            List<TopicRow> topics,
            List<ConsumerRow> consumers,
            Duration rateWindow) {

        /** Total lag per consumer group. */
        public Map<String, Long> lagByGroup() {
            Map<String, Long> lag = new java.util.TreeMap<>();
            consumers.forEach(c -> lag.merge(c.group(), c.lag(), Long::sum));
            return lag;
        }
    }

    /** One topic: records written in total, per second (null until measured) and held in its dead-letter topic. */
    public record TopicRow(String topic, long written, Double perSecond, long deadLetters) {}

    /** One consumer group on one topic: records behind, and committed per second (null until measured). */
    public record ConsumerRow(String group, String topic, long lag, Double perSecond) {}
}
