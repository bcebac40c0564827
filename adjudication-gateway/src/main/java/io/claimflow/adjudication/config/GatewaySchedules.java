package io.claimflow.adjudication.config;

import io.claimflow.adjudication.submission.BatchAssembler;
import io.claimflow.adjudication.submission.InterchangeSender;
import io.claimflow.adjudication.submission.ResponsePoller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The gateway's clock work: close batches, work the send queue, poll the payers' mailboxes. Off with
 * {@code claimflow.adjudication.scheduling.enabled=false} (benchmarks and tests that drive the steps themselves).
 */
@Component
@ConditionalOnProperty(name = "claimflow.adjudication.scheduling.enabled", havingValue = "true", matchIfMissing = true)
class GatewaySchedules {

    private static final Logger LOG = LoggerFactory.getLogger(GatewaySchedules.class);

    private final BatchAssembler assembler;
    private final InterchangeSender sender;
    private final ResponsePoller poller;
    private final GatewayProperties properties;

    GatewaySchedules(
            BatchAssembler assembler, InterchangeSender sender, ResponsePoller poller, GatewayProperties properties) {
        this.assembler = assembler;
        this.sender = sender;
        this.poller = poller;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${claimflow.adjudication.batch.poll-interval:500ms}")
    void assemble() {
        try {
            for (String payerId : assembler.payersDue(false)) {
                while (assembler.assemble(payerId).isPresent()
                        && assembler.payersDue(false).contains(payerId)) {
                    // keep closing full batches while the payer's queue is due
                }
            }
        } catch (RuntimeException e) {
            LOG.error("assembling interchanges failed; will try again", e);
        }
    }

    @Scheduled(fixedDelayString = "${claimflow.adjudication.send.poll-interval:1s}")
    void send() {
        if (!properties.send().enabled()) {
            return;
        }
        try {
            sender.sendDue();
        } catch (RuntimeException e) {
            LOG.error("working the send queue failed; will try again", e);
        }
    }

    @Scheduled(fixedDelayString = "${claimflow.adjudication.responses.poll-interval:2s}")
    void poll() {
        if (!properties.responses().enabled()) {
            return;
        }
        try {
            poller.poll();
        } catch (RuntimeException e) {
            LOG.error("polling payer mailboxes failed; will try again", e);
        }
    }
}
