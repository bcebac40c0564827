package io.claimflow.adjudication.submission;

import io.claimflow.adjudication.claim.ClaimEvents;
import io.claimflow.adjudication.claim.ClaimStatus;
import io.claimflow.adjudication.claim.DenialCategories;
import io.claimflow.adjudication.claim.Notices;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns queued claims into 837P interchanges: per payer, one interchange of up to {@code batch.size} claims, one
 * transaction set per claim, closed when full or when its oldest claim has waited {@code batch.max-wait}. Control
 * numbers come from database sequences; the interchange and its claims' new state commit together.
 *
 * <p>One claim that cannot be written as X12 (a value with a delimiter or a control character, which the door should
 * have refused) never stops the batch: when the batch cannot be written, each claim is written on its own, one that
 * fails is set aside as
 * REJECTED with a ClaimDenied (front-end rejection, reason "invalid character in data element") that puts it on the
 * billers' rejection work list, and the rest of the batch is sent.
 */
@Service
public class BatchAssembler {

    private static final Logger LOG = LoggerFactory.getLogger(BatchAssembler.class);

    /** X12 999 IK403 code 6, "invalid character in data element": what a payer's 999 would say. */
    static final String INVALID_CHARACTER = "6";

    private final OutboundClaims claims;
    private final Interchanges interchanges;
    private final ControlNumbers controlNumbers;
    private final Professional837Writer writer;
    private final GatewayProperties properties;
    private final Clock clock;
    private final ClaimEvents events;

    public BatchAssembler(
            OutboundClaims claims,
            Interchanges interchanges,
            ControlNumbers controlNumbers,
            Professional837Writer writer,
            GatewayProperties properties,
            Clock clock,
            ClaimEvents events) {
        this.events = events;
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
        queuedPayers().forEach((payerId, dueNow) -> {
            if (force || dueNow) {
                due.add(payerId);
            }
        });
        return due;
    }

    /**
     * The payers with queued claims, each with whether they are due for an interchange now (its oldest claim has
     * waited {@code batch.max-wait}), in one read for all payers (issue 22: was one for the payers and one per payer).
     */
    public Map<String, Boolean> queuedPayers() {
        Map<String, Boolean> queued = new LinkedHashMap<>();
        Instant now = clock.instant();
        claims.oldestQueuedPerPayer()
                .forEach((payerId, oldest) -> queued.put(
                        payerId, !oldest.plus(properties.batch().maxWait()).isAfter(now)));
        return queued;
    }

    /** Writes one interchange for the payer from its oldest queued claims; returns its id, or empty when none. */
    @Transactional
    public Optional<Long> assemble(String payerId) {
        GatewayProperties.PayerConnection connection = properties.connection(payerId);
        if (connection == null) {
            LOG.warn("no connection configured for payer {} (nor a default); its claims stay queued", payerId);
            return Optional.empty();
        }
        List<OutboundClaim> batch =
                claims.lockQueued(payerId, properties.batch().size());
        if (batch.isEmpty()) {
            return Optional.empty();
        }
        long isa = controlNumbers.nextInterchange();
        long gs = controlNumbers.nextGroup();
        List<Long> numbers = controlNumbers.nextTransactions(batch.size());
        GatewayProperties.Submitter submitter = properties.submitter();
        InterchangeEnvelope envelope = new InterchangeEnvelope(
                submitter.id(),
                connection.receiverId(),
                isa,
                gs,
                LocalDateTime.now(clock),
                properties.production(),
                submitter.name(),
                submitter.contactName(),
                submitter.contactPhone(),
                connection.receiverName() == null ? batch.get(0).coverage().payerName() : connection.receiverName());
        List<ClaimTransaction> transactions = transactions(batch, numbers);
        byte[] x12;
        try {
            x12 = writer.write(envelope, transactions);
        } catch (RuntimeException e) {
            // a claim that cannot be written (an X12 delimiter in its data) is set aside; the others are written
            // with the control numbers drawn (nothing was stored or sent with them)
            List<OutboundClaim> writable = new ArrayList<>();
            for (OutboundClaim claim : batch) {
                if (writable(claim, connection)) {
                    writable.add(claim);
                } else {
                    setAside(claim);
                }
            }
            if (writable.isEmpty()) {
                return Optional.empty();
            }
            batch = writable;
            envelope = new InterchangeEnvelope(
                    envelope.senderId(),
                    envelope.receiverId(),
                    isa,
                    gs,
                    envelope.createdAt(),
                    envelope.production(),
                    envelope.submitterName(),
                    envelope.submitterContactName(),
                    envelope.submitterContactPhone(),
                    connection.receiverName() == null
                            ? batch.get(0).coverage().payerName()
                            : connection.receiverName());
            transactions = transactions(batch, numbers);
            x12 = writer.write(envelope, transactions);
        }
        long id = interchanges.storeOutbound(
                payerId, submitter.id(), connection.receiverId(), isa, gs, x12, transactions.size());
        Map<String, Long> batched = new LinkedHashMap<>();
        List<Interchanges.NewClaimEvent> history = new ArrayList<>();
        for (ClaimTransaction transaction : transactions) {
            batched.put(transaction.claim().claimId(), transaction.transactionControlNumber());
            history.add(new Interchanges.NewClaimEvent(
                    transaction.claim().claimId(),
                    id,
                    "837P",
                    "BATCHED",
                    "ISA13 " + envelope.isaControlNumber() + ", GS06 " + gs + ", ST02 "
                            + transaction.stControlNumber()));
        }
        claims.markBatched(id, batched);
        interchanges.recordClaimEvents(history);
        LOG.info(
                "interchange {} (ISA13 {}) for payer {} holds {} claim(s)",
                id,
                envelope.isaControlNumber(),
                payerId,
                transactions.size());
        return Optional.of(id);
    }

    private static List<ClaimTransaction> transactions(List<OutboundClaim> batch, List<Long> numbers) {
        List<ClaimTransaction> transactions = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            transactions.add(new ClaimTransaction(numbers.get(i), batch.get(i)));
        }
        return transactions;
    }

    /** Whether the claim can be written as an 837P on its own (written into a throw-away interchange). */
    private boolean writable(OutboundClaim claim, GatewayProperties.PayerConnection connection) {
        GatewayProperties.Submitter submitter = properties.submitter();
        InterchangeEnvelope probe = new InterchangeEnvelope(
                submitter.id(),
                connection.receiverId(),
                1,
                1,
                LocalDateTime.now(clock),
                properties.production(),
                submitter.name(),
                submitter.contactName(),
                submitter.contactPhone(),
                connection.receiverName() == null ? claim.coverage().payerName() : connection.receiverName());
        try {
            writer.write(probe, List.of(new ClaimTransaction(1, claim)));
            return true;
        } catch (RuntimeException e) {
            // the exception's message may quote the value: logged by class only
            LOG.warn(
                    "claim {} cannot be written as X12 ({}); set aside as rejected, the batch goes on",
                    claim.claimId(),
                    e.getClass().getSimpleName());
            return false;
        }
    }

    private void setAside(OutboundClaim claim) {
        Notices.Rejection rejection = new Notices.Rejection(
                INVALID_CHARACTER,
                "the claim could not be written as "
                        + "X12 837P: a value holds an X12 delimiter (* ~ : ^) or a control character, or is not X12 text; "
                        + "correct the claim's data and resubmit",
                null);
        Notices.ClaimRef ref = new Notices.ClaimRef(
                claim.claimId(),
                claim.encounterId(),
                claim.tenantId(),
                claim.submittedEventId(),
                claim.payerId(),
                claim.coverage().payerName(),
                claim.totalCharge());
        events.denied(new Notices.Denial(
                ref,
                claim.patientControlNumber(),
                Notices.Stage.FRONT_END_REJECTION,
                Notices.Source.X12_999,
                null,
                null,
                DenialCategories.ofSyntaxErrors(List.of(INVALID_CHARACTER)),
                List.of(),
                List.of(),
                List.of(),
                List.of(rejection),
                "not sent: the gateway could not write the claim as X12",
                false));
        claims.updateStatus(claim.claimId(), ClaimStatus.REJECTED, null);
    }
}
