package io.claimflow.adjudication.response;

import io.claimflow.adjudication.claim.ClaimEvents;
import io.claimflow.adjudication.claim.ClaimStatus;
import io.claimflow.adjudication.claim.DenialCategories;
import io.claimflow.adjudication.claim.Notices;
import io.claimflow.adjudication.claim.OutboundClaim;
import io.claimflow.adjudication.claim.OutboundClaims;
import io.claimflow.adjudication.claim.SentClaim;
import io.claimflow.adjudication.config.GatewayProperties;
import io.claimflow.adjudication.submission.InterchangeRecord;
import io.claimflow.adjudication.submission.Interchanges;
import io.claimflow.adjudication.x12.Acknowledgment;
import io.claimflow.adjudication.x12.ClaimAcknowledgment;
import io.claimflow.adjudication.x12.InterchangeAcknowledgment;
import io.claimflow.adjudication.x12.Professional837Writer;
import io.claimflow.codes.DenialCategory;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies TA1, 999 and 277CA acknowledgments: a 999 names our transaction sets by their control numbers (AK2), a 277CA
 * our claims by patient control number (TRN02 of loop 2200D). A rejection becomes a ClaimDenied at stage
 * FRONT_END_REJECTION; an acceptance moves the claim on. A claim already further along is not moved back.
 */
@Service
public class AcknowledgmentHandling {

    private static final Logger LOG = LoggerFactory.getLogger(AcknowledgmentHandling.class);
    private static final Set<ClaimStatus> AWAITING_999 = EnumSet.of(ClaimStatus.BATCHED, ClaimStatus.SENT);
    private static final Set<ClaimStatus> AWAITING_277 =
            EnumSet.of(ClaimStatus.BATCHED, ClaimStatus.SENT, ClaimStatus.ACKNOWLEDGED);

    private final OutboundClaims claims;
    private final Interchanges interchanges;
    private final ClaimEvents events;
    private final RemittancePosting posting;
    private final GatewayProperties properties;

    public AcknowledgmentHandling(
            OutboundClaims claims,
            Interchanges interchanges,
            ClaimEvents events,
            RemittancePosting posting,
            GatewayProperties properties) {
        this.claims = claims;
        this.interchanges = interchanges;
        this.events = events;
        this.posting = posting;
        this.properties = properties;
    }

    /**
     * Applies a file's 999s; returns how many of our claims they named. Every 999 is checked against our envelopes
     * first, and the file is refused (nothing changes) when one is not ours: the interchange (ISA08) or group (GS03)
     * not addressed to us, an AK1 for another functional group or version than our 837P (HC 005010X222A1), a group
     * we did not send, or sent to another partner than the one answering (ISA06). A group rejected (AK9 R) rejects
     * every claim of it that waits for its 999, named in an AK2 or not.
     *
     * @throws QuarantineException saying which check failed
     */
    // the checks come before any change: a refusal must not roll back the caller, which quarantines the file
    @Transactional(propagation = Propagation.MANDATORY, noRollbackFor = QuarantineException.class)
    public int on999(List<Acknowledgment> acknowledgments, String isaSender, String isaReceiver, long interchangeId) {
        List<InterchangeRecord> groups = new ArrayList<>();
        for (Acknowledgment ack : acknowledgments) {
            requireAddressedToUs("999", isaReceiver, ack.receiverId());
            // AK103 is required by X231A1; a 999 without it names no other version and is taken by its group number
            if (!"HC".equals(ack.functionalIdentifier())
                    || ack.versionCode() != null && !Professional837Writer.VERSION.equals(ack.versionCode())) {
                throw new QuarantineException("999 AK1 acknowledges a group " + ack.functionalIdentifier() + " "
                        + ack.versionCode() + ", which the gateway does not send (HC " + Professional837Writer.VERSION
                        + ")");
            }
            InterchangeRecord outbound = parseLong(ack.groupControlNumber())
                    .flatMap(interchanges::outboundByGroupControlNumber)
                    .orElseThrow(() -> new QuarantineException(
                            "999 AK1 names group " + ack.groupControlNumber() + ", which the gateway did not send"));
            requireSentTo("999", outbound, isaSender, "group " + ack.groupControlNumber());
            groups.add(outbound);
        }
        // every claim the file names, read once: one read for the file, not one per transaction set
        Map<Long, SentClaim> byTransaction = claims.byTransactionControlNumbers(acknowledgments.stream()
                .flatMap(a -> a.transactions().stream())
                .map(t -> parseLong(t.transactionControlNumber()))
                .flatMap(Optional::stream)
                .collect(Collectors.toSet()));
        Bookkeeping bookkeeping = new Bookkeeping(interchangeId);
        int matched = 0;
        for (int i = 0; i < acknowledgments.size(); i++) {
            Acknowledgment ack = acknowledgments.get(i);
            InterchangeRecord outbound = groups.get(i);
            interchanges.updateStatus(
                    outbound.id(),
                    switch (ack.groupStatus()) {
                        case "A", "E" -> "ACCEPTED";
                        case "P" -> "PARTIALLY_ACCEPTED";
                        default -> "REJECTED";
                    });
            Set<String> named = new HashSet<>();
            for (Acknowledgment.TransactionAck transaction : ack.transactions()) {
                Optional<SentClaim> sent =
                        parseLong(transaction.transactionControlNumber()).map(byTransaction::get);
                if (sent.isEmpty()) {
                    LOG.warn(
                            "999 names transaction set {} of group {}, which the gateway did not send",
                            transaction.transactionControlNumber(),
                            ack.groupControlNumber());
                    continue;
                }
                matched++;
                OutboundClaim claim = sent.get().claim();
                if (!parseLong(transaction.transactionControlNumber())
                        .equals(Optional.ofNullable(sent.get().transactionControlNumber()))) {
                    // an earlier submission of a claim sent again since: history only, the current one waits
                    bookkeeping.event(
                            claim.claimId(),
                            "999",
                            transaction.rejected() ? "REJECTED_EARLIER_SUBMISSION" : "ACCEPTED_EARLIER_SUBMISSION",
                            "transaction set " + transaction.transactionControlNumber());
                    continue;
                }
                named.add(claim.claimId());
                if (!AWAITING_999.contains(
                        bookkeeping.status(claim.claimId(), sent.get().status()))) {
                    continue;
                }
                if (transaction.rejected() || ack.groupRejected()) {
                    List<Acknowledgment.Error> errors =
                            transaction.errors().isEmpty() ? ack.groupErrors() : transaction.errors();
                    reject(
                            claim,
                            bookkeeping,
                            errors,
                            "999 rejected transaction set " + transaction.transactionControlNumber());
                } else {
                    bookkeeping.status(claim.claimId(), ClaimStatus.ACKNOWLEDGED, null);
                    bookkeeping.event(claim.claimId(), "999", "ACCEPTED", null);
                }
            }
            // the claims of the group the 999 names in no AK2: the group's status is theirs (their statuses read,
            // the claims themselves only when one waits for its 999)
            List<String> waiting = new ArrayList<>();
            claims.statusesInInterchange(outbound.id()).forEach((claimId, status) -> {
                if (!named.contains(claimId) && AWAITING_999.contains(bookkeeping.status(claimId, status))) {
                    waiting.add(claimId);
                }
            });
            Map<String, SentClaim> unnamed = waiting.isEmpty() ? Map.of() : claims.byClaimIds(waiting);
            for (String claimId : waiting) {
                SentClaim sent = unnamed.get(claimId);
                matched++;
                if (ack.groupRejected()) {
                    List<Acknowledgment.Error> errors = ack.groupErrors().isEmpty()
                            ? List.of(new Acknowledgment.Error(
                                    "R", "Functional group rejected", "functional group " + ack.groupControlNumber()))
                            : ack.groupErrors();
                    reject(
                            sent.claim(),
                            bookkeeping,
                            errors,
                            "999 rejected functional group " + ack.groupControlNumber());
                } else if (!"P".equals(ack.groupStatus())) {
                    bookkeeping.status(claimId, ClaimStatus.ACKNOWLEDGED, null);
                    bookkeeping.event(claimId, "999", "ACCEPTED", "functional group " + ack.groupControlNumber());
                }
            }
        }
        bookkeeping.flush();
        return matched;
    }

    /**
     * A file's changes to its claims, written at its end in one statement each (the claims' statuses, their X12
     * history) instead of two statements per claim; a claim's status changed earlier in the file is the one later
     * steps see.
     */
    private final class Bookkeeping {

        private final long interchangeId;
        private final Map<String, ClaimStatus> changed = new HashMap<>();
        private final List<OutboundClaims.StatusChange> statuses = new ArrayList<>();
        private final List<Interchanges.NewClaimEvent> events = new ArrayList<>();

        Bookkeeping(long interchangeId) {
            this.interchangeId = interchangeId;
        }

        ClaimStatus status(String claimId, ClaimStatus read) {
            return changed.getOrDefault(claimId, read);
        }

        void status(String claimId, ClaimStatus status, String payerClaimNumber) {
            changed.put(claimId, status);
            statuses.add(new OutboundClaims.StatusChange(claimId, status, payerClaimNumber));
        }

        void event(String claimId, String transactionType, String outcome, String detail) {
            events.add(new Interchanges.NewClaimEvent(claimId, interchangeId, transactionType, outcome, detail));
        }

        void flush() {
            claims.updateStatuses(statuses);
            interchanges.recordClaimEvents(events);
            statuses.clear();
            events.clear();
        }
    }

    private void reject(OutboundClaim claim, Bookkeeping bookkeeping, List<Acknowledgment.Error> errors, String text) {
        List<Notices.Rejection> rejections = errors.stream()
                .map(e -> new Notices.Rejection(e.code(), e.description(), e.location()))
                .toList();
        events.denied(new Notices.Denial(
                ref(claim),
                claim.patientControlNumber(),
                Notices.Stage.FRONT_END_REJECTION,
                Notices.Source.X12_999,
                null,
                null,
                DenialCategories.ofSyntaxErrors(
                        errors.stream().map(Acknowledgment.Error::code).toList()),
                List.of(),
                List.of(),
                List.of(),
                rejections,
                text,
                false));
        bookkeeping.status(claim.claimId(), ClaimStatus.REJECTED, null);
        bookkeeping.event(
                claim.claimId(),
                "999",
                "REJECTED",
                rejections.stream()
                        .map(r -> r.code() + " " + r.location())
                        .toList()
                        .toString());
    }

    /**
     * Applies a file's TA1 interchange acknowledgments (asked for by our ISA14 = 1), each checked against the
     * interchange it answers first (addressed to us, an ISA13 we sent, from the partner we sent it to): TA104 is
     * recorded on the interchange; R rejects the interchange and every claim in it that waits for its 999, with the
     * TA105 note's meaning. Returns what was done, in words.
     *
     * @throws QuarantineException saying which check failed
     */
    // the checks come before any change: a refusal must not roll back the caller, which quarantines the file
    @Transactional(propagation = Propagation.MANDATORY, noRollbackFor = QuarantineException.class)
    public String onTa1(
            List<InterchangeAcknowledgment> acknowledgments, String isaSender, String isaReceiver, long interchangeId) {
        requireAddressedToUs("TA1", isaReceiver, null);
        List<InterchangeRecord> answered = new ArrayList<>();
        for (InterchangeAcknowledgment ack : acknowledgments) {
            InterchangeRecord outbound = parseLong(ack.interchangeControlNumber())
                    .flatMap(interchanges::outboundByInterchangeControlNumber)
                    .orElseThrow(() -> new QuarantineException("TA1 answers interchange "
                            + ack.interchangeControlNumber() + ", which the gateway did not send"));
            requireSentTo("TA1", outbound, isaSender, "interchange " + ack.interchangeControlNumber());
            answered.add(outbound);
        }
        List<String> done = new ArrayList<>();
        for (int i = 0; i < acknowledgments.size(); i++) {
            InterchangeAcknowledgment ack = acknowledgments.get(i);
            InterchangeRecord outbound = answered.get(i);
            interchanges.recordTa1(outbound.id(), ack.code(), ack.noteCode());
            int rejected = 0;
            if (ack.rejected()) {
                interchanges.updateStatus(outbound.id(), "REJECTED");
                for (SentClaim sent : claims.inInterchange(outbound.id())) {
                    if (!AWAITING_999.contains(sent.status())) {
                        continue;
                    }
                    OutboundClaim claim = sent.claim();
                    List<Notices.Rejection> rejections = List.of(new Notices.Rejection(
                            "TA1:" + ack.noteCode(),
                            ack.noteDescription(),
                            "interchange " + ack.interchangeControlNumber()));
                    events.denied(new Notices.Denial(
                            ref(claim),
                            claim.patientControlNumber(),
                            Notices.Stage.FRONT_END_REJECTION,
                            Notices.Source.X12_999,
                            null,
                            null,
                            DenialCategory.OTHER,
                            List.of(),
                            List.of(),
                            List.of(),
                            rejections,
                            "TA1 rejected interchange " + ack.interchangeControlNumber() + ": " + ack.noteDescription(),
                            false));
                    claims.updateStatus(claim.claimId(), ClaimStatus.REJECTED, null);
                    interchanges.recordClaimEvent(
                            claim.claimId(),
                            interchangeId,
                            "TA1",
                            "REJECTED",
                            "TA1:" + ack.noteCode() + " " + ack.noteDescription());
                    rejected++;
                }
            }
            done.add("TA1 " + ack.code() + " (" + ack.noteCode() + ") for interchange " + outbound.id()
                    + (ack.rejected() ? ", " + rejected + " claim(s) rejected" : ""));
        }
        return String.join("; ", done);
    }

    private void requireAddressedToUs(String type, String isaReceiver, String gsReceiver) {
        String us = properties.submitter().id();
        if (!us.equals(isaReceiver)) {
            throw new QuarantineException(type + " is addressed to ISA08 " + isaReceiver + ", not to us (" + us + ")");
        }
        if (gsReceiver != null && !us.equals(gsReceiver)) {
            throw new QuarantineException(
                    type + " group is addressed to GS03 " + gsReceiver + ", not to us (" + us + ")");
        }
    }

    private static void requireSentTo(String type, InterchangeRecord outbound, String isaSender, String what) {
        if (outbound.receiverId() != null && !outbound.receiverId().equals(isaSender)) {
            throw new QuarantineException(type + " comes from ISA06 " + isaSender + ", but " + what + " was sent to "
                    + outbound.receiverId());
        }
    }

    /** Returns how many of our claims the 277CAs named. */
    @Transactional(propagation = Propagation.MANDATORY)
    public int on277(List<ClaimAcknowledgment> acknowledgments, long interchangeId) {
        // every claim the file names, read once
        Map<String, SentClaim> byPcn = claims.byPatientControlNumbers(acknowledgments.stream()
                .map(ClaimAcknowledgment::patientControlNumber)
                .filter(java.util.Objects::nonNull)
                .collect(Collectors.toSet()));
        Bookkeeping bookkeeping = new Bookkeeping(interchangeId);
        List<String> accepted = new ArrayList<>();
        int matched = 0;
        for (ClaimAcknowledgment ack : acknowledgments) {
            SentClaim sent = ack.patientControlNumber() == null ? null : byPcn.get(ack.patientControlNumber());
            if (sent == null) {
                LOG.warn(
                        "277CA names a patient control number the gateway did not send (interchange {})",
                        interchangeId);
                continue;
            }
            matched++;
            OutboundClaim claim = sent.claim();
            if (!AWAITING_277.contains(bookkeeping.status(claim.claimId(), sent.status()))) {
                continue;
            }
            String statuses = ack.statuses().stream()
                    .map(ClaimAcknowledgment.Status::composite)
                    .toList()
                    .toString();
            if (ack.rejected()) {
                List<Notices.Rejection> rejections = ack.statuses().stream()
                        .map(s -> new Notices.Rejection(s.composite(), s.freeText(), null))
                        .toList();
                events.denied(new Notices.Denial(
                        ref(claim),
                        ack.patientControlNumber(),
                        Notices.Stage.FRONT_END_REJECTION,
                        Notices.Source.X12_277CA,
                        null,
                        null,
                        DenialCategories.ofClaimStatus(ack.statuses().stream()
                                .map(ClaimAcknowledgment.Status::code)
                                .toList()),
                        List.of(),
                        List.of(),
                        List.of(),
                        rejections,
                        ack.statuses().get(0).freeText(),
                        false));
                bookkeeping.status(claim.claimId(), ClaimStatus.REJECTED, null);
                bookkeeping.event(claim.claimId(), "277CA", "REJECTED", statuses);
            } else {
                bookkeeping.status(claim.claimId(), ClaimStatus.ACCEPTED, ack.payerClaimNumber());
                bookkeeping.event(claim.claimId(), "277CA", "ACCEPTED", statuses);
                accepted.add(claim.claimId());
            }
        }
        bookkeeping.flush();
        // their payer claim numbers are known now: an 835 kept unmatched may name them in CLP07
        posting.rematch(accepted);
        return matched;
    }

    static Notices.ClaimRef ref(OutboundClaim claim) {
        return new Notices.ClaimRef(
                claim.claimId(),
                claim.encounterId(),
                claim.tenantId(),
                claim.submittedEventId(),
                claim.payerId(),
                claim.coverage().payerName(),
                claim.totalCharge());
    }

    private static Optional<Long> parseLong(String value) {
        try {
            return Optional.of(Long.parseLong(value));
        } catch (NumberFormatException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
