package io.claimflow.testsupport.archfixture.edge.claim.adapter;

import java.util.List;
import org.springframework.kafka.annotation.KafkaListener;

/** Fixture: a batch listener without a transaction. */
public class ClaimListener {

    @KafkaListener(topics = "claims", batch = "true")
    void onClaims(List<String> claims) {}
}
