package io.claimflow.adjudication.submission;

import io.claimflow.adjudication.claim.ClaimStatus;
import io.claimflow.adjudication.claim.OutboundClaims;
import io.claimflow.adjudication.config.GatewayProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Works the durable send queue: each due interchange is locked, sent through the {@link PayerConnector} and, with
 * its 999, marked sent in the same transaction. One that cannot be sent stays queued with its attempt count and
 * the reason, and is tried again after an exponential back-off with jitter; nothing is dropped. The row lock means
 * two gateway instances never send the same interchange at once; a 999 for an interchange sent again after a crash
 * is matched by its control numbers (the payer answers a repeated ISA13 with the same 999).
 */
@Service
public class InterchangeSender {

    private static final Logger LOG = LoggerFactory.getLogger(InterchangeSender.class);

    private final Interchanges interchanges;
    private final OutboundClaims claims;
    private final PayerConnector connector;
    private final AcknowledgmentReceiver acknowledgments;
    private final TransactionTemplate transactions;
    private final GatewayProperties properties;
    private final Clock clock;

    public InterchangeSender(
            Interchanges interchanges,
            OutboundClaims claims,
            PayerConnector connector,
            AcknowledgmentReceiver acknowledgments,
            TransactionTemplate transactions,
            GatewayProperties properties,
            Clock clock) {
        this.interchanges = interchanges;
        this.claims = claims;
        this.connector = connector;
        this.acknowledgments = acknowledgments;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /** Sends what is due; returns how many interchanges were sent. */
    public int sendDue() {
        int sent = 0;
        Set<String> unavailable = new HashSet<>();
        for (long id : interchanges.dueForSending(clock.instant(), 100)) {
            Boolean ok = transactions.execute(status -> sendOne(id, unavailable));
            if (Boolean.TRUE.equals(ok)) {
                sent++;
            }
        }
        return sent;
    }

    /** Whether outbound interchanges wait to be sent (due now or backing off). */
    public boolean anyQueued() {
        return interchanges.anyQueuedOutbound();
    }

    private boolean sendOne(long id, Set<String> unavailable) {
        Optional<Interchanges.Outbound> locked = interchanges.lockQueued(id);
        if (locked.isEmpty()) {
            return false;
        }
        Interchanges.Outbound outbound = locked.get();
        if (unavailable.contains(outbound.payerId())) {
            // the payer failed earlier in this round: leave the rest of its queue for the next round
            return false;
        }
        List<String> carried = claims.lockInInterchange(id);
        if (carried.size() < outbound.claimCount()) {
            withdraw(outbound, carried);
            return false;
        }
        byte[] ack;
        try {
            ack = connector.send837(outbound.payerId(), outbound.raw());
        } catch (PayerUnavailableException e) {
            unavailable.add(outbound.payerId());
            Instant next = clock.instant().plus(backoff(outbound.attempts() + 1));
            interchanges.markAttemptFailed(id, e.getMessage(), next);
            LOG.warn(
                    "interchange {} for payer {} not sent (attempt {}): {}; stays queued until {}",
                    id,
                    outbound.payerId(),
                    outbound.attempts() + 1,
                    e.getMessage(),
                    next);
            return false;
        }
        interchanges.markSent(id, clock.instant());
        claims.updateStatuses(carried.stream()
                .map(c -> new OutboundClaims.StatusChange(c, ClaimStatus.SENT, null))
                .toList());
        interchanges.recordClaimEvents(carried.stream()
                .map(c -> new Interchanges.NewClaimEvent(c, id, "837P", "SENT", null))
                .toList());
        LOG.info("interchange {} sent to payer {}", id, outbound.payerId());
        acknowledgments.receive(ack, "HTTP:" + outbound.payerId());
        return true;
    }

    /**
     * A claim of the interchange was released again (a new submission) before the interchange went out: its
     * superseded version must never reach the payer, so the interchange is withdrawn unsent and the claims still in
     * it go back to the send queue, to be written into a new interchange (the released-again claim waits there
     * already).
     */
    private void withdraw(Interchanges.Outbound outbound, List<String> carried) {
        interchanges.withdraw(outbound.id());
        for (String claimId : carried) {
            claims.requeue(claimId);
            interchanges.recordClaimEvent(
                    claimId,
                    outbound.id(),
                    "837P",
                    "WITHDRAWN",
                    "not sent: another claim of the interchange was released again; queued for a new interchange");
        }
        LOG.info(
                "interchange {} for payer {} withdrawn unsent: {} of its {} claim(s) released again since; "
                        + "{} queued again",
                outbound.id(),
                outbound.payerId(),
                outbound.claimCount() - carried.size(),
                outbound.claimCount(),
                carried.size());
    }

    /** retryBackoff * 2^(attempt-1), at most maxBackoff, with up to 20 % jitter either way. */
    Duration backoff(int attempt) {
        GatewayProperties.Send send = properties.send();
        long base = send.retryBackoff().toMillis();
        long millis = Math.min(send.maxBackoff().toMillis(), base * (1L << Math.min(20, Math.max(0, attempt - 1))));
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis((long) (millis * jitter));
    }

    /** Hands a 999 received with a send to inbound processing, in the sending transaction. */
    public interface AcknowledgmentReceiver {
        void receive(byte[] x12, String source);
    }
}
