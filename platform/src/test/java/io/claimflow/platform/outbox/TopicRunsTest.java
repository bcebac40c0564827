package io.claimflow.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** {@link TransactionalBatches#topicRuns}: a poll of several topics cut into runs of one topic, in its order. */
class TopicRunsTest {

    @Test
    void aPollIsCutWhereTheTopicChangesAndKeepsItsOrder() {
        List<ConsumerRecord<String, Object>> poll =
                List.of(record("a", 0, 5), record("a", 1, 7), record("b", 0, 1), record("a", 2, 3), record("a", 2, 4));

        List<List<ConsumerRecord<String, Object>>> runs = TransactionalBatches.topicRuns(poll);

        assertThat(runs).hasSize(3);
        assertThat(runs.get(0)).containsExactly(poll.get(0), poll.get(1));
        assertThat(runs.get(1)).containsExactly(poll.get(2));
        assertThat(runs.get(2)).containsExactly(poll.get(3), poll.get(4));
        assertThat(TransactionalBatches.topicRuns(List.<ConsumerRecord<String, Object>>of()))
                .isEmpty();
    }

    private static ConsumerRecord<String, Object> record(String topic, int partition, long offset) {
        return new ConsumerRecord<>(topic, partition, offset, "k", "v");
    }
}
