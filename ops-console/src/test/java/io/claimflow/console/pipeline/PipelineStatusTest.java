package io.claimflow.console.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Rates from two samples, the one-second cache shared by viewers, and a broker that does not answer. */
class PipelineStatusTest {

    static final String TOPIC = "claimflow.claim.submitted.v1";

    Instant now = Instant.parse("2026-03-01T10:00:00Z");
    final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    final Deque<OffsetsSample> answers = new ArrayDeque<>();
    final AtomicInteger asked = new AtomicInteger();
    final BrokerOffsets broker = topics -> {
        asked.incrementAndGet();
        OffsetsSample next = answers.poll();
        if (next == null) {
            throw new BrokerOffsets.BrokerUnavailableException("The brokers did not answer within 800 ms");
        }
        return next;
    };

    @Test
    void ratesComeFromTheDifferenceToAnEarlierSample() {
        PipelineStatus status = new PipelineStatus(broker, clock);
        answers.add(sample(now, 1000, 990, 2));
        PipelineStatus.View first = status.current(List.of(TOPIC));
        assertThat(first.reachable()).isTrue();
        assertThat(first.topics()).containsExactly(new PipelineStatus.TopicRow(TOPIC, 1000, null, 2));
        assertThat(first.rateWindow()).isNull();

        now = now.plusMillis(500);
        PipelineStatus.View cached = status.current(List.of(TOPIC));
        assertThat(asked).hasValue(1);
        assertThat(cached.topics()).isEqualTo(first.topics());

        now = now.plusMillis(9500);
        answers.add(sample(now, 1500, 1390, 3));
        PipelineStatus.View second = status.current(List.of(TOPIC));
        assertThat(second.rateWindow()).isEqualTo(Duration.ofSeconds(10));
        assertThat(second.topics()).containsExactly(new PipelineStatus.TopicRow(TOPIC, 1500, 50.0, 3));
        assertThat(second.consumers())
                .containsExactly(new PipelineStatus.ConsumerRow("claim-service", TOPIC, 110, 40.0));
        assertThat(second.lagByGroup()).containsExactly(Map.entry("claim-service", 110L));
    }

    @Test
    void aBrokerThatDoesNotAnswerIsShownAsSuch() {
        PipelineStatus status = new PipelineStatus(broker, clock);
        PipelineStatus.View view = status.current(List.of(TOPIC));
        assertThat(view.reachable()).isFalse();
        assertThat(view.problem()).contains("did not answer");
        assertThat(view.topics()).isEmpty();
        assertThat(view.lagByGroup()).isEmpty();
    }

    private static OffsetsSample sample(Instant at, long end, long committed, long deadLetters) {
        return new OffsetsSample(
                at,
                Map.of(TOPIC, end),
                Map.of(TOPIC, deadLetters),
                List.of(new OffsetsSample.GroupOffsets("claim-service", TOPIC, committed, end - committed)));
    }
}
