package io.claimflow.adjudication.claim.adapter;

import io.claimflow.events.ClaimSubmitted;
import io.claimflow.schemas.Topics;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.context.ApplicationContext;

/** Hands a poll of ClaimSubmitted records to the gateway's listener, as Kafka would (for tests outside its package). */
public final class ClaimSubmittedPolls {

    private ClaimSubmittedPolls() {}

    /** One poll of these events (keyed by encounter id, offsets from {@code firstOffset}) to the listener. */
    public static void deliver(ApplicationContext context, List<ClaimSubmitted> events, long firstOffset) {
        List<ConsumerRecord<String, ClaimSubmitted>> records = new ArrayList<>();
        for (ClaimSubmitted event : events) {
            records.add(new ConsumerRecord<>(
                    Topics.CLAIM_SUBMITTED,
                    0,
                    firstOffset + records.size(),
                    event.getEncounterId().toString(),
                    event));
        }
        context.getBean(ClaimSubmittedListener.class).on(records);
    }
}
