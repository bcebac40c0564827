package io.claimflow.e2e.demo;

import io.claimflow.schemas.Topics;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/** How many records each dead-letter topic holds (end offsets; dead-letter topics are never compacted). */
public final class DeadLetterCounts {

    private DeadLetterCounts() {}

    /** Dead-letter topic -> records, for every ClaimFlow topic whose dead-letter topic exists. */
    public static Map<String, Long> read(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                10_000))) {
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            Map<String, Long> counts = new TreeMap<>();
            for (String topic : Topics.all()) {
                String dlt = topic + Topics.DLT_SUFFIX;
                if (!existing.contains(dlt)) {
                    continue;
                }
                counts.put(dlt, 0L);
                admin.describeTopics(java.util.List.of(dlt))
                        .allTopicNames()
                        .get(10, TimeUnit.SECONDS)
                        .get(dlt)
                        .partitions()
                        .forEach(p -> ends.put(new TopicPartition(dlt, p.partition()), OffsetSpec.latest()));
            }
            admin.listOffsets(ends)
                    .all()
                    .get(10, TimeUnit.SECONDS)
                    .forEach((tp, info) -> counts.merge(tp.topic(), info.offset(), Long::sum));
            return counts;
        }
    }
}
