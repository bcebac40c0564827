package io.claimflow.adjudication.response;

import io.claimflow.adjudication.claim.ClaimStatus;
import io.claimflow.adjudication.claim.OutboundClaim;
import io.claimflow.adjudication.claim.OutboundClaims;
import io.claimflow.adjudication.claim.SentClaim;
import io.claimflow.adjudication.submission.InterchangeRecord;
import io.claimflow.adjudication.submission.Interchanges;
import io.claimflow.adjudication.x12.Acknowledgment;
import io.claimflow.adjudication.x12.ClaimAcknowledgment;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies 999 and 277CA acknowledgments: a 999 names our transaction sets by their control numbers (AK2), a 277CA
 * our claims by patient control number (TRN02 of loop 2200D). A rejection becomes a ClaimDenied at stage
 * FRONT_END_REJECTION; an acceptance moves the claim on. A claim already further along is not moved back.
 */
@Service
public class AcknowledgmentHandling {

    private static final Logger LOG = LoggerFactory.getLogger(AcknowledgmentHandling.class);
    private static final Set<ClaimStatus> AWAITING_999 = EnumSet.of(ClaimStatus.BATCHED, ClaimStatus.SENT);
    private static final Set<ClaimStatus> AWAITING_277 = EnumSet.of(ClaimStatus.BATCHED, ClaimStatus.SENT,
            ClaimStatus.ACKNOWLEDGED);

    private final OutboundClaims claims;
    private final Interchanges interchanges;
    private final ClaimEvents events;

    public AcknowledgmentHandling(OutboundClaims claims, Interchanges interchanges, ClaimEvents events) {
        this.claims = claims;
        this.interchanges = interchanges;
        this.events = events;
    }

    /** Returns how many of our claims the 999s named. */
    @Transactional(propagation = Propagation.MANDATORY)
    public int on999(List<Acknowledgment> acknowledgments, long interchangeId) {
        int matched = 0;
        for (Acknowledgment ack : acknowledgments) {
            Optional<InterchangeRecord> outbound = parseLong(ack.groupControlNumber())
                    .flatMap(interchanges::outboundByGroupControlNumber);
            outbound.ifPresent(o -> interchanges.updateStatus(o.id(), switch (ack.groupStatus()) {
                case "A", "E" -> "ACCEPTED";
                case "P" -> "PARTIALLY_ACCEPTED";
                default -> "REJECTED";
            }));
            for (Acknowledgment.TransactionAck transaction : ack.transactions()) {
                Optional<SentClaim> sent = parseLong(transaction.transactionControlNumber())
                        .flatMap(claims::byTransactionControlNumber);
                if (sent.isEmpty()) {
                    LOG.warn("999 names transaction set {} of group {}, which the gateway did not send",
                            transaction.transactionControlNumber(), ack.groupControlNumber());
                    continue;
                }
                matched++;
                OutboundClaim claim = sent.get().claim();
                if (!parseLong(transaction.transactionControlNumber())
                        .equals(Optional.ofNullable(sent.get().transactionControlNumber()))) {
                    // an earlier submission of a claim sent again since: history only, the current one waits
                    interchanges.recordClaimEvent(claim.claimId(), interchangeId, "999",
                            transaction.rejected() ? "REJECTED_EARLIER_SUBMISSION" : "ACCEPTED_EARLIER_SUBMISSION",
                            "transaction set " + transaction.transactionControlNumber());
                    continue;
                }
                if (!AWAITING_999.contains(sent.get().status())) {
                    continue;
                }
                if (transaction.rejected()) {
                    List<Notices.Rejection> rejections = transaction.errors().stream()
                            .map(e -> new Notices.Rejection(e.code(), e.description(), e.location())).toList();
                    events.denied(new Notices.Denial(ref(claim), claim.patientControlNumber(),
                            Notices.Stage.FRONT_END_REJECTION, Notices.Source.X12_999, null, null,
                            DenialCategories.ofSyntaxErrors(transaction.errors().stream()
                                    .map(Acknowledgment.Error::code).toList()),
                            List.of(), List.of(), List.of(), rejections, "999 rejected transaction set "
                                    + transaction.transactionControlNumber()));
                    claims.updateStatus(claim.claimId(), ClaimStatus.REJECTED, null);
                    interchanges.recordClaimEvent(claim.claimId(), interchangeId, "999", "REJECTED",
                            rejections.stream().map(r -> r.code() + " " + r.location()).toList().toString());
                } else {
                    claims.updateStatus(claim.claimId(), ClaimStatus.ACKNOWLEDGED, null);
                    interchanges.recordClaimEvent(claim.claimId(), interchangeId, "999", "ACCEPTED", null);
                }
            }
        }
        return matched;
    }

    /** Returns how many of our claims the 277CAs named. */
    @Transactional(propagation = Propagation.MANDATORY)
    public int on277(List<ClaimAcknowledgment> acknowledgments, long interchangeId) {
        int matched = 0;
        for (ClaimAcknowledgment ack : acknowledgments) {
            Optional<SentClaim> sent = claims.byPatientControlNumber(ack.patientControlNumber());
            if (sent.isEmpty()) {
                LOG.warn("277CA names a patient control number the gateway did not send (interchange {})",
                        interchangeId);
                continue;
            }
            matched++;
            OutboundClaim claim = sent.get().claim();
            if (!AWAITING_277.contains(sent.get().status())) {
                continue;
            }
            String statuses = ack.statuses().stream().map(ClaimAcknowledgment.Status::composite).toList().toString();
            if (ack.rejected()) {
                List<Notices.Rejection> rejections = ack.statuses().stream()
                        .map(s -> new Notices.Rejection(s.composite(), s.freeText(), null)).toList();
                events.denied(new Notices.Denial(ref(claim), ack.patientControlNumber(),
                        Notices.Stage.FRONT_END_REJECTION, Notices.Source.X12_277CA, null, null,
                        DenialCategories.ofClaimStatus(ack.statuses().stream().map(ClaimAcknowledgment.Status::code)
                                .toList()),
                        List.of(), List.of(), List.of(), rejections, ack.statuses().get(0).freeText()));
                claims.updateStatus(claim.claimId(), ClaimStatus.REJECTED, null);
                interchanges.recordClaimEvent(claim.claimId(), interchangeId, "277CA", "REJECTED", statuses);
            } else {
                claims.updateStatus(claim.claimId(), ClaimStatus.ACCEPTED, ack.payerClaimNumber());
                interchanges.recordClaimEvent(claim.claimId(), interchangeId, "277CA", "ACCEPTED", statuses);
            }
        }
        return matched;
    }

    static Notices.ClaimRef ref(OutboundClaim claim) {
        return new Notices.ClaimRef(claim.claimId(), claim.encounterId(), claim.tenantId(),
                claim.submittedEventId(), claim.payerId(), claim.coverage().payerName(), claim.totalCharge());
    }

    private static Optional<Long> parseLong(String value) {
        try {
            return Optional.of(Long.parseLong(value));
        } catch (NumberFormatException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
