package io.claimflow.adjudication.submission;

import io.claimflow.adjudication.claim.OutboundClaim;
import io.claimflow.adjudication.claim.OutboundClaims;
import io.claimflow.adjudication.config.GatewayProperties;
import io.claimflow.adjudication.x12.ClaimTransaction;
import io.claimflow.adjudication.x12.InterchangeEnvelope;
import io.claimflow.adjudication.x12.Professional837Writer;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns queued claims into 837P interchanges: per payer, one interchange of up to {@code batch.size} claims, one
 * transaction set per claim, closed when full or when its oldest claim has waited {@code batch.max-wait}. Control
 * numbers come from database sequences; the interchange and its claims' new state commit together.
 */
@Service
public class BatchAssembler {

    private static final Logger LOG = LoggerFactory.getLogger(BatchAssembler.class);

    private final OutboundClaims claims;
    private final Interchanges interchanges;
    private final ControlNumbers controlNumbers;
    private final Professional837Writer writer;
    private final GatewayProperties properties;
    private final Clock clock;

    public BatchAssembler(OutboundClaims claims, Interchanges interchanges, ControlNumbers controlNumbers,
            Professional837Writer writer, GatewayProperties properties, Clock clock) {
        this.claims = claims;
        this.interchanges = interchanges;
        this.controlNumbers = controlNumbers;
        this.writer = writer;
        this.properties = properties;
        this.clock = clock;
    }

    /** Payers whose queued claims are due for an interchange now ({@code force}: any queued claim is due). */
    public List<String> payersDue(boolean force) {
        List<String> due = new ArrayList<>();
        Instant now = clock.instant();
        for (String payerId : claims.payersWithQueuedClaims()) {
            Optional<Instant> oldest = claims.oldestQueued(payerId);
            if (force || oldest.isPresent() && !oldest.get().plus(properties.batch().maxWait()).isAfter(now)) {
                due.add(payerId);
            }
        }
        return due;
    }

    /** Writes one interchange for the payer from its oldest queued claims; returns its id, or empty when none. */
    @Transactional
    public Optional<Long> assemble(String payerId) {
        GatewayProperties.PayerConnection connection = properties.connection(payerId);
        if (connection == null) {
            LOG.warn("no connection configured for payer {} (nor a default); its claims stay queued", payerId);
            return Optional.empty();
        }
        List<OutboundClaim> batch = claims.lockQueued(payerId, properties.batch().size());
        if (batch.isEmpty()) {
            return Optional.empty();
        }
        long isa = controlNumbers.nextInterchange();
        long gs = controlNumbers.nextGroup();
        List<ClaimTransaction> transactions = new ArrayList<>();
        for (OutboundClaim claim : batch) {
            transactions.add(new ClaimTransaction(controlNumbers.nextTransaction(), claim));
        }
        GatewayProperties.Submitter submitter = properties.submitter();
        InterchangeEnvelope envelope = new InterchangeEnvelope(submitter.id(), connection.receiverId(), isa, gs,
                LocalDateTime.now(clock), properties.production(), submitter.name(), submitter.contactName(),
                submitter.contactPhone(), connection.receiverName() == null ? batch.get(0).coverage().payerName()
                        : connection.receiverName());
        byte[] x12 = writer.write(envelope, transactions);
        long id = interchanges.storeOutbound(payerId, submitter.id(), connection.receiverId(), isa, gs, x12,
                transactions.size());
        for (ClaimTransaction transaction : transactions) {
            claims.markBatched(transaction.claim().claimId(), id, transaction.transactionControlNumber());
            interchanges.recordClaimEvent(transaction.claim().claimId(), id, "837P", "BATCHED",
                    "ISA13 " + envelope.isaControlNumber() + ", GS06 " + gs + ", ST02 "
                            + transaction.stControlNumber());
        }
        LOG.info("interchange {} (ISA13 {}) for payer {} holds {} claim(s)", id, envelope.isaControlNumber(),
                payerId, transactions.size());
        return Optional.of(id);
    }
}
