package io.claimflow.adjudication.operations.adapter;

import io.claimflow.adjudication.claim.ClaimStatus;
import io.claimflow.adjudication.claim.OutboundClaims;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Queue state as metrics: {@code claimflow.adjudication.claims{status=...}} per claim status (QUEUED is the send
 * queue). The circuit breakers, retries, bulkheads and rate limiters publish their own resilience4j metrics.
 */
@Component
class GatewayMetrics {

    GatewayMetrics(MeterRegistry registry, OutboundClaims claims) {
        for (ClaimStatus status : ClaimStatus.values()) {
            Gauge.builder(
                            "claimflow.adjudication.claims",
                            claims,
                            c -> c.countByStatus().get(status))
                    .tag("status", status.name())
                    .description("claims held by the gateway, by status")
                    .register(registry);
        }
    }
}
