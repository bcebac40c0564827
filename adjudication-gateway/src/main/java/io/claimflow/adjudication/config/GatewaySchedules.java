package io.claimflow.adjudication.config;

import io.claimflow.adjudication.claim.ClaimIntake;
import io.claimflow.adjudication.submission.BatchAssembler;
import io.claimflow.adjudication.submission.InterchangeSender;
import io.claimflow.adjudication.submission.ResponsePoller;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The gateway's clock work: close batches, work the send queue, poll the payers' mailboxes; each woken by what gives
 * it work (a claim taken in, an interchange written, an interchange sent) and otherwise looking only every
 * {@code idle.check}, so that an idle gateway costs next to nothing ({@link GatewayProperties.Idle}). Each timer has a
 * scheduler thread of its own ({@code spring.task.scheduling.pool.size} in application.yml), so that a long mailbox
 * poll holds up no batch and no send; two timers at work at once are safe as two gateway instances are (the queues
 * are taken with {@code FOR UPDATE SKIP LOCKED}). Off with
 * {@code claimflow.adjudication.scheduling.enabled=false} (benchmarks and tests that drive the steps themselves).
 */
@Component
@ConditionalOnProperty(name = "claimflow.adjudication.scheduling.enabled", havingValue = "true", matchIfMissing = true)
class GatewaySchedules {

    private static final Logger LOG = LoggerFactory.getLogger(GatewaySchedules.class);

    /** At most this many looks at the mailboxes in one poll while each finds files; the rest wait for the next tick. */
    static final int MAX_LOOKS_PER_POLL = 10;

    private final BatchAssembler assembler;
    private final InterchangeSender sender;
    private final ResponsePoller poller;
    private final GatewayProperties properties;
    private final Clock clock;

    // what wakes each: at start every one looks once
    private final AtomicBoolean claimsTaken = new AtomicBoolean(true);
    private final AtomicBoolean interchangesWritten = new AtomicBoolean(true);
    private volatile Instant assemblerLooked = Instant.MIN;
    private volatile Instant senderLooked = Instant.MIN;
    private volatile Instant mailboxesPolled = Instant.MIN;
    private volatile Instant answersExpectedUntil = Instant.MIN;

    GatewaySchedules(
            BatchAssembler assembler,
            InterchangeSender sender,
            ResponsePoller poller,
            GatewayProperties properties,
            Clock clock) {
        this.assembler = assembler;
        this.sender = sender;
        this.poller = poller;
        this.properties = properties;
        this.clock = clock;
    }

    /** A claim taken in (committed): the assembler looks at its next tick. */
    @TransactionalEventListener(fallbackExecution = true)
    void on(ClaimIntake.ClaimTaken taken) {
        claimsTaken.set(true);
    }

    @Scheduled(fixedDelayString = "${claimflow.adjudication.batch.poll-interval:500ms}")
    void assemble() {
        Instant now = clock.instant();
        // cleared before looking: a claim taken in meanwhile sets it again
        if (!claimsTaken.getAndSet(false) && !idleCheckDue(assemblerLooked, now)) {
            return;
        }
        assemblerLooked = now;
        try {
            Map<String, Boolean> queued = assembler.queuedPayers();
            boolean assembled = false;
            for (Map.Entry<String, Boolean> payer : queued.entrySet()) {
                if (!payer.getValue()) {
                    continue;
                }
                String payerId = payer.getKey();
                while (assembler.assemble(payerId).isPresent()) {
                    assembled = true;
                    interchangesWritten.set(true);
                    if (!assembler.payersDue(false).contains(payerId)) {
                        break;
                    }
                    // keep closing full batches while the payer's queue is due
                }
            }
            // claims wait (not due yet, or their payer has no connection): look again at the next tick. When nothing
            // was assembled, the first read tells (a claim taken in since wakes the assembler anyway): one read a tick
            if (assembled ? !assembler.payersDue(true).isEmpty() : !queued.isEmpty()) {
                claimsTaken.set(true);
            }
        } catch (RuntimeException e) {
            claimsTaken.set(true);
            LOG.error("assembling interchanges failed; will try again", e);
        }
    }

    @Scheduled(fixedDelayString = "${claimflow.adjudication.send.poll-interval:1s}")
    void send() {
        if (!properties.send().enabled()) {
            return;
        }
        Instant now = clock.instant();
        if (!interchangesWritten.getAndSet(false) && !idleCheckDue(senderLooked, now)) {
            return;
        }
        senderLooked = now;
        try {
            if (sender.sendDue() > 0) {
                answersExpectedUntil = clock.instant().plus(properties.idle().answersExpectedFor());
                // a withdrawn interchange's claims are queued again
                claimsTaken.set(true);
            }
            if (sender.anyQueued()) {
                // not sent yet (a payer down, backing off): look again at the next tick
                interchangesWritten.set(true);
            }
        } catch (RuntimeException e) {
            interchangesWritten.set(true);
            LOG.error("working the send queue failed; will try again", e);
        }
    }

    @Scheduled(fixedDelayString = "${claimflow.adjudication.responses.poll-interval:2s}")
    void poll() {
        if (!properties.responses().enabled()) {
            return;
        }
        Instant now = clock.instant();
        if (now.isAfter(answersExpectedUntil) && !idleCheckDue(mailboxesPolled, now)) {
            return;
        }
        mailboxesPolled = now;
        try {
            // a look that found files looks again at once: what the payers posted meanwhile waits no poll-interval
            for (int look = 0; look < MAX_LOOKS_PER_POLL && poller.poll() > 0; look++) {
                answersExpectedUntil = clock.instant().plus(properties.idle().answersExpectedFor());
            }
        } catch (RuntimeException e) {
            LOG.error("polling payer mailboxes failed; will try again", e);
        }
    }

    private boolean idleCheckDue(Instant looked, Instant now) {
        return looked == Instant.MIN || !looked.plus(properties.idle().check()).isAfter(now);
    }
}
