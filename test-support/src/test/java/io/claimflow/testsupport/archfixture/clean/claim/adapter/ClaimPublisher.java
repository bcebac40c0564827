package io.claimflow.testsupport.archfixture.clean.claim.adapter;

import io.claimflow.testsupport.archfixture.clean.claim.Claim;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Fixture: an adapter may use Kafka. */
public class ClaimPublisher {
    ProducerRecord<String, String> toRecord(Claim claim) {
        return new ProducerRecord<>(
                "claims", claim.claimId(), claim.totalCharge().toPlainString());
    }
}
