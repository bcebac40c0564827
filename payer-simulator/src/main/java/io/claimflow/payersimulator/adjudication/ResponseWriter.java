package io.claimflow.payersimulator.adjudication;

import static io.claimflow.x12.X12Values.amount;
import static io.claimflow.x12.X12Values.date;
import static io.claimflow.x12.X12Values.fixed;
import static io.claimflow.x12.X12Values.text;

import io.claimflow.payersimulator.config.SimulatorProperties;
import io.claimflow.x12.X12Output;
import io.claimflow.x12.X12Values;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Writes the simulator's answers with staedi: 999 (005010X231A1), 277CA (005010X214) and 835 (005010X221A1), one
 * transaction set each, in an interchange from the payer back to the submitter, and TA1 interchange
 * acknowledgments.
 */
public final class ResponseWriter {

    private final SimulatorProperties properties;

    public ResponseWriter(SimulatorProperties properties) {
        this.properties = properties;
    }

    /** The 999 for a received 837: AK2/IK5 per transaction set, AK9 for the group. */
    public byte[] write999(Received837 received, long controlNumber, LocalDateTime now) {
        try (X12Output out = envelope(received.senderId(), controlNumber, "FA", now)) {
            out.startTransaction();
            out.segment("ST", "999", "0001", "005010X231A1");
            out.segment("AK1", "HC", received.groupControlNumber(), "005010X222A1");
            int accepted = 0;
            for (SubmittedClaim claim : received.claims()) {
                out.segment("AK2", "837", claim.transactionControlNumber(), "005010X222A1");
                out.segment("IK5", "A");
                accepted++;
            }
            for (Received837.TransactionError error : received.rejectedTransactions()) {
                out.segment("AK2", "837", error.transactionControlNumber(), "005010X222A1");
                out.segment(
                        "IK3", error.segmentId(), Integer.toString(error.position()), error.loop(), error.errorCode());
                out.segment("IK5", "R", "5");
            }
            int count = received.transactionCount();
            String groupStatus = accepted == count ? "A" : accepted == 0 ? "R" : "P";
            out.segment(
                    "AK9", groupStatus, Integer.toString(count), Integer.toString(count), Integer.toString(accepted));
            out.segment("SE", Integer.toString(out.segmentCountIncludingSe()), "0001");
            return finish(out, controlNumber);
        }
    }

    /**
     * A 999 rejecting the whole functional group: AK1 and AK9 R with the group-level reason {@code reason} (AK905),
     * no AK2 (no transaction set is reported on its own).
     */
    public byte[] write999GroupRejected(Received837 received, long controlNumber, LocalDateTime now, String reason) {
        try (X12Output out = envelope(received.senderId(), controlNumber, "FA", now)) {
            out.startTransaction();
            out.segment("ST", "999", "0001", "005010X231A1");
            out.segment("AK1", "HC", received.groupControlNumber(), "005010X222A1");
            String count = Integer.toString(received.transactionCount());
            out.segment("AK9", "R", count, count, "0", reason);
            out.segment("SE", Integer.toString(out.segmentCountIncludingSe()), "0001");
            return finish(out, controlNumber);
        }
    }

    /**
     * A TA1 for the received interchange: TA101-TA103 its ISA13, ISA09 and ISA10, TA104 A (accepted, note 000) or R
     * (rejected, with the interchange note code), alone in an interchange of its own (no functional group).
     */
    public byte[] writeTa1(
            Received837 received, long controlNumber, LocalDateTime now, boolean accepted, String noteCode) {
        try (X12Output out = new X12Output(true)) {
            out.startInterchange();
            isa(out, received.senderId(), controlNumber, now);
            out.segment(
                    "TA1",
                    received.interchangeControlNumber(),
                    received.interchangeDate(),
                    received.interchangeTime(),
                    accepted ? "A" : "R",
                    accepted ? "000" : noteCode);
            out.segment("IEA", "0", String.format("%09d", controlNumber));
            out.endInterchange();
            return out.toBytes();
        }
    }

    /** A 277CA answering every claim that passed the 999: accepted (A2:20) or rejected (A3:33:IL member not found). */
    public byte[] write277(Received837 received, List<ClaimStatus> statuses, long controlNumber, LocalDateTime now) {
        return write277(received.senderId(), received.interchangeControlNumber(), statuses, false, controlNumber, now);
    }

    /**
     * A later 277 (same X214 layout) telling the submitter that claims accepted earlier are pended in adjudication:
     * STC P1:20 (pending, in process) for each, with its payer claim number.
     */
    public byte[] write277Pended(
            String submitterId, String reference, List<ClaimStatus> statuses, long controlNumber, LocalDateTime now) {
        return write277(submitterId, reference, statuses, true, controlNumber, now);
    }

    private byte[] write277(
            String submitterId,
            String reference,
            List<ClaimStatus> statuses,
            boolean pended,
            long controlNumber,
            LocalDateTime now) {
        try (X12Output out = envelope(submitterId, controlNumber, "HN", now)) {
            out.startTransaction();
            String today = X12Values.DATE.format(now);
            out.segment("ST", "277", "0001", "005010X214");
            out.segment("BHT", "0085", "08", "277CA" + controlNumber, today, X12Values.TIME.format(now), "TH");
            out.segment("HL", "1", null, "20", "1");
            out.segment(
                    "NM1",
                    "AY",
                    "2",
                    text(properties.payerName()),
                    null,
                    null,
                    null,
                    null,
                    "46",
                    properties.interchangeId());
            out.segment("TRN", "1", "277CA" + controlNumber);
            out.segment("DTP", "050", "D8", today);
            out.segment("DTP", "009", "D8", today);
            out.segment("HL", "2", "1", "21", "1");
            out.segment("NM1", "41", "2", "SUBMITTER", null, null, null, null, "46", submitterId);
            out.segment("TRN", "2", reference);
            long acceptedCount = statuses.stream().filter(ClaimStatus::accepted).count();
            BigDecimal acceptedAmount = statuses.stream()
                    .filter(ClaimStatus::accepted)
                    .map(s -> s.claim().totalCharge())
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal rejectedAmount = statuses.stream()
                    .filter(s -> !s.accepted())
                    .map(s -> s.claim().totalCharge())
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            out.segment(
                    "STC", new String[] {"A1", "19", "PR"}, today, "WQ", amount(acceptedAmount.add(rejectedAmount)));
            out.segment("QTY", "90", Long.toString(acceptedCount));
            out.segment("QTY", "AA", Long.toString(statuses.size() - acceptedCount));
            out.segment("AMT", "YU", amount(acceptedAmount));
            out.segment("AMT", "YY", amount(rejectedAmount));
            int hl = 2;
            for (ClaimStatus status : statuses) {
                SubmittedClaim claim = status.claim();
                int providerHl = ++hl;
                out.segment("HL", Integer.toString(providerHl), "2", "19", "1");
                out.segment(
                        "NM1", "85", "2", text(claim.billingName()), null, null, null, null, "XX", claim.billingNpi());
                out.segment("TRN", "1", "PRV" + claim.transactionControlNumber());
                // provider level (2200C): STC02 is Not Used
                out.segment("STC", new String[] {"A1", "19", "PR"}, null, "WQ", amount(claim.totalCharge()));
                out.segment("HL", Integer.toString(++hl), Integer.toString(providerHl), "PT");
                out.segment(
                        "NM1",
                        "QC",
                        "1",
                        text(claim.patientLastName()),
                        text(claim.patientFirstName()),
                        null,
                        null,
                        null,
                        "MI",
                        claim.memberId());
                out.segment("TRN", "2", claim.patientControlNumber());
                if (pended) {
                    out.segment("STC", new String[] {"P1", "20", "PR"}, today, "WQ", amount(claim.totalCharge()));
                    out.segment("REF", "1K", status.payerClaimNumber());
                } else if (status.accepted()) {
                    out.segment("STC", new String[] {"A2", "20", "PR"}, today, "WQ", amount(claim.totalCharge()));
                    out.segment("REF", "1K", status.payerClaimNumber());
                } else {
                    // STC05-STC09 Not Used, STC10 and STC11 (further status composites) not needed: the
                    // payer's words go to STC12, the free-form message text
                    out.segment(
                            "STC",
                            new String[] {"A3", "33", "IL"},
                            today,
                            "U",
                            amount(claim.totalCharge()),
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            "SUBSCRIBER AND SUBSCRIBER ID NOT FOUND");
                }
                LocalDate from = claim.lines().stream()
                        .map(SubmittedClaim.Line::dateOfService)
                        .min(LocalDate::compareTo)
                        .orElseThrow();
                LocalDate to = claim.lines().stream()
                        .map(SubmittedClaim.Line::dateOfService)
                        .max(LocalDate::compareTo)
                        .orElseThrow();
                out.segment("DTP", "472", "RD8", date(from) + "-" + date(to));
            }
            out.segment("SE", Integer.toString(out.segmentCountIncludingSe()), "0001");
            return finish(out, controlNumber);
        }
    }

    /**
     * An 835 paying the adjudicated claims by check; {@code offset} is added to BPR02 (zero unless the unbalanced
     * fault is on).
     */
    public byte[] write835(
            String submitterId,
            List<Adjudication> claims,
            String traceNumber,
            long controlNumber,
            LocalDateTime now,
            BigDecimal offset) {
        return write835(
                submitterId,
                claims.stream().map(ClaimPayment::whole).toList(),
                List.of(),
                traceNumber,
                controlNumber,
                now,
                offset);
    }

    /**
     * An 835 with these CLP loops (whole claims, parts of split claims, reversals) and provider-level adjustments
     * (one PLB each): BPR02 = sum(CLP04) - sum(PLB amounts) + {@code offset}, by check, or BPR01 H and NON when
     * nothing is paid.
     */
    public byte[] write835(
            String submitterId,
            List<ClaimPayment> claims,
            List<ProviderAdjustment> adjustments,
            String traceNumber,
            long controlNumber,
            LocalDateTime now,
            BigDecimal offset) {
        try (X12Output out = envelope(submitterId, controlNumber, "HP", now)) {
            out.startTransaction();
            String today = X12Values.DATE.format(now);
            BigDecimal total = claims.stream()
                    .map(ClaimPayment::paid)
                    .reduce(BigDecimal.ZERO, BigDecimal::add)
                    .subtract(adjustments.stream()
                            .map(ProviderAdjustment::amount)
                            .reduce(BigDecimal.ZERO, BigDecimal::add))
                    .add(offset);
            // ST03 (implementation convention reference) is Not Used in the 835: GS08 names the guide
            out.segment("ST", "835", "0001");
            if (total.signum() == 0) {
                out.segment(
                        "BPR", "H", "0", "C", "NON", null, null, null, null, null, null, null, null, null, null, null,
                        today);
            } else {
                out.segment(
                        "BPR",
                        "I",
                        amount(total),
                        "C",
                        "CHK",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        today);
            }
            // the payer the claims were billed to (loop 2010BB of the 837P), else the configured one: an ERA is one
            // payer's (the simulator writes one per payer), under its own payer identifier, "1" and its EIN
            SubmittedClaim billed = claims.get(0).adjudication().claim();
            boolean named = billed.payerId() != null && billed.payerName() != null;
            out.segment("TRN", "1", traceNumber, "1" + properties.taxIdOf(named ? billed.payerId() : null));
            out.segment("DTM", "405", today);
            out.segment("N1", "PR", text(named ? billed.payerName() : properties.payerName()));
            out.segment("N3", "100 PAYER WAY");
            out.segment("N4", "COLUMBUS", "OH", "43215");
            out.segment("REF", "2U", named ? billed.payerId() : properties.payerId());
            out.segment("PER", "BL", "PROVIDER SERVICES", "TE", "8005550100");
            SubmittedClaim first = claims.get(0).adjudication().claim();
            out.segment("N1", "PE", text(first.billingName()), "XX", first.billingNpi());
            if (first.billingTaxId() != null) {
                out.segment("REF", "TJ", first.billingTaxId());
            }
            out.segment("LX", "1");
            for (ClaimPayment payment : claims) {
                claim(out, payment);
            }
            // PLB02: the last day of the provider's fiscal year (a calendar year here)
            String fiscalYearEnd = now.getYear() + "1231";
            for (ProviderAdjustment adjustment : adjustments) {
                out.segment(
                        "PLB",
                        first.billingNpi(),
                        fiscalYearEnd,
                        new String[] {adjustment.reason(), adjustment.reference()},
                        amount(adjustment.amount()));
            }
            out.segment("SE", Integer.toString(out.segmentCountIncludingSe()), "0001");
            return finish(out, controlNumber);
        }
    }

    private static void claim(X12Output out, ClaimPayment payment) {
        Adjudication adjudication = payment.adjudication();
        SubmittedClaim claim = adjudication.claim();
        BigDecimal patient = payment.patientResponsibility();
        out.segment(
                "CLP",
                claim.patientControlNumber(),
                payment.statusCode(),
                amount(payment.charge()),
                amount(payment.paid()),
                patient.signum() == 0 ? null : amount(patient),
                "12",
                adjudication.payerClaimNumber(),
                "11",
                claim.frequencyCode());
        out.segment(
                "NM1",
                "QC",
                "1",
                text(claim.patientLastName()),
                text(claim.patientFirstName()),
                null,
                null,
                null,
                "MI",
                claim.memberId());
        if (adjudication.crossoverPayerId() != null && !payment.reversal()) {
            // crossover carrier: the payer the claim was forwarded to (CLP02 19-21)
            out.segment(
                    "NM1",
                    "TT",
                    "2",
                    text(adjudication.crossoverPayerName()),
                    null,
                    null,
                    null,
                    null,
                    "PI",
                    adjudication.crossoverPayerId());
        }
        for (Adjudication.Line line : payment.lines()) {
            SubmittedClaim.Line billed = line.line();
            String[] procedure = new String[2 + billed.modifiers().size()];
            procedure[0] = "HC";
            procedure[1] = billed.procedureCode();
            for (int m = 0; m < billed.modifiers().size(); m++) {
                procedure[2 + m] = billed.modifiers().get(m);
            }
            out.segment(
                    "SVC",
                    procedure,
                    amount(payment.signed(billed.charge())),
                    amount(payment.signed(line.paid())),
                    null,
                    Integer.toString(billed.units()));
            out.segment("DTM", "472", date(billed.dateOfService()));
            for (String group : List.of("CO", "PR", "OA", "PI")) {
                List<Object> cas = new java.util.ArrayList<>();
                cas.add(group);
                for (Adjudication.Cas adjustment : line.adjustments()) {
                    if (adjustment.group().equals(group)) {
                        cas.add(adjustment.reason());
                        cas.add(amount(payment.signed(adjustment.amount())));
                        cas.add(null);
                    }
                }
                if (cas.size() > 1) {
                    out.segment("CAS", cas.subList(0, cas.size() - 1).toArray());
                }
            }
            if (billed.lineItemControlNumber() != null) {
                out.segment("REF", "6R", billed.lineItemControlNumber());
            }
            if (line.allowed() != null) {
                out.segment("AMT", "B6", amount(payment.signed(line.allowed())));
            }
            for (String remark : line.remarks()) {
                out.segment("LQ", "HE", remark);
            }
        }
    }

    private X12Output envelope(String receiverId, long controlNumber, String functionalId, LocalDateTime now) {
        X12Output out = new X12Output(true);
        out.startInterchange();
        isa(out, receiverId, controlNumber, now);
        String version = switch (functionalId) {
            case "FA" -> "005010X231A1";
            case "HN" -> "005010X214";
            default -> "005010X221A1";
        };
        out.segment(
                "GS",
                functionalId,
                properties.interchangeId(),
                receiverId,
                X12Values.DATE.format(now),
                X12Values.TIME.format(now),
                Long.toString(controlNumber),
                "X",
                version);
        return out;
    }

    private void isa(X12Output out, String receiverId, long controlNumber, LocalDateTime now) {
        out.segment(
                "ISA",
                "00",
                fixed("", 10),
                "00",
                fixed("", 10),
                "ZZ",
                fixed(properties.interchangeId(), 15),
                "ZZ",
                fixed(receiverId, 15),
                X12Values.ISA_DATE.format(now),
                X12Values.TIME.format(now),
                "^",
                "00501",
                String.format("%09d", controlNumber),
                "0",
                "T",
                ":");
    }

    private static byte[] finish(X12Output out, long controlNumber) {
        out.segment("GE", "1", Long.toString(controlNumber));
        out.segment("IEA", "1", String.format("%09d", controlNumber));
        out.endInterchange();
        return out.toBytes();
    }

    /** A claim's front-end outcome for the 277CA. */
    public record ClaimStatus(SubmittedClaim claim, boolean accepted, String payerClaimNumber) {}
}
