package io.claimflow.adjudication.response;

import io.claimflow.adjudication.claim.ClaimStatus;
import io.claimflow.adjudication.claim.OutboundClaim;
import io.claimflow.adjudication.claim.OutboundClaims;
import io.claimflow.adjudication.claim.SentClaim;
import io.claimflow.adjudication.submission.Interchanges;
import io.claimflow.adjudication.x12.Remittance;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Posts an 835 file: every transaction set must balance first ({@link Balancing}), else nothing of the file is
 * posted and it is quarantined. An ERA already posted (same payer, TRN03, and trace number, TRN02) posts nothing.
 * Each CLP is matched to a claim by patient control number; a paid claim gives a PaymentPosted (with a ClaimDenied
 * too for its fully denied lines), a denied claim (CLP02 4) a ClaimDenied, a claim the gateway never sent is kept
 * as unmatched. All in the caller's transaction.
 */
@Service
public class RemittancePosting {

    private static final Logger LOG = LoggerFactory.getLogger(RemittancePosting.class);
    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    private final OutboundClaims claims;
    private final Remittances remittances;
    private final Interchanges interchanges;
    private final ClaimEvents events;

    public RemittancePosting(OutboundClaims claims, Remittances remittances, Interchanges interchanges,
            ClaimEvents events) {
        this.claims = claims;
        this.remittances = remittances;
        this.interchanges = interchanges;
        this.events = events;
    }

    /** Result: what happened to the file. */
    public record Result(String status, int posted, int duplicates, int unmatched) {
    }

    /**
     * Checks that every transaction set of the file balances.
     *
     * @throws QuarantineException naming the rules broken (not transactional on purpose: the caller's transaction
     *     goes on to quarantine the file)
     */
    public void check(List<Remittance> file) {
        List<String> problems = new ArrayList<>();
        for (Remittance remittance : file) {
            problems.addAll(Balancing.problems(remittance));
        }
        if (!problems.isEmpty()) {
            throw new QuarantineException("does not balance: " + String.join("; ",
                    problems.subList(0, Math.min(5, problems.size())))
                    + (problems.size() > 5 ? "; and " + (problems.size() - 5) + " more" : ""));
        }
    }

    /** Posts a file that {@link #check passed the check}, in the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Result post(List<Remittance> file, long interchangeId) {
        int posted = 0;
        int duplicates = 0;
        int unmatched = 0;
        Set<String> seenInFile = new LinkedHashSet<>();
        for (Remittance remittance : file) {
            String key = remittance.payerKey() + "|" + remittance.traceNumber();
            if (!seenInFile.add(key) || remittances.exists(remittance.payerKey(), remittance.traceNumber())) {
                duplicates++;
                LOG.info("ERA trace {} of payer {} was posted before; nothing posted again",
                        remittance.traceNumber(), remittance.payerKey());
                continue;
            }
            long remittanceId = remittances.record(remittance.payerKey(), remittance.traceNumber(), interchangeId,
                    remittance.paymentAmount(), paymentMethod(remittance.paymentMethod()),
                    remittance.paymentDate(), remittance.claims().size());
            for (Remittance.ClaimPayment payment : remittance.claims()) {
                Optional<SentClaim> match = claims.byPatientControlNumber(payment.patientControlNumber());
                if (match.isEmpty()) {
                    unmatched++;
                    remittances.recordClaim(remittanceId, null, payment.patientControlNumber(),
                            payment.payerClaimNumber(), payment.statusCode(), payment.chargeAmount(),
                            payment.paidAmount(), payment.patientResponsibility(), "UNMATCHED");
                    LOG.warn("835 trace {}: CLP for a claim the gateway never sent kept as unmatched",
                            remittance.traceNumber());
                    continue;
                }
                String outcome = postClaim(remittance, payment, match.get(), interchangeId);
                remittances.recordClaim(remittanceId, match.get().claim().claimId(), payment.patientControlNumber(),
                        payment.payerClaimNumber(), payment.statusCode(), payment.chargeAmount(),
                        payment.paidAmount(), payment.patientResponsibility(), outcome);
                posted++;
            }
        }
        String status = posted + unmatched > 0 ? "POSTED" : "DUPLICATE";
        return new Result(status, posted, duplicates, unmatched);
    }

    private String postClaim(Remittance remittance, Remittance.ClaimPayment payment, SentClaim sent,
            long interchangeId) {
        OutboundClaim claim = sent.claim();
        Notices.ClaimRef ref = new Notices.ClaimRef(claim.claimId(), claim.encounterId(), claim.tenantId(),
                claim.submittedEventId(), claim.payerId(), claim.coverage().payerName(), claim.totalCharge());
        List<Notices.Line> lines = payment.lines().stream().map(l -> line(l, claim)).toList();
        List<Notices.Adjustment> claimAdjustments = payment.adjustments().stream().map(RemittancePosting::adjustment)
                .toList();
        String payerId = remittance.payerId() != null ? remittance.payerId() : claim.payerId();
        String payerName = remittance.payerName() != null ? remittance.payerName() : claim.coverage().payerName();
        String outcome;
        if ("4".equals(payment.statusCode())) {
            events.denied(denial(ref, remittance, payment, claimAdjustments, lines));
            claims.updateStatus(claim.claimId(), ClaimStatus.DENIED, payment.payerClaimNumber());
            outcome = "DENIED";
        } else {
            List<Notices.Adjustment> all = new ArrayList<>(claimAdjustments);
            lines.forEach(l -> all.addAll(l.adjustments()));
            Notices.PatientShare share = new Notices.PatientShare(pr(all, "1"), pr(all, "2"), pr(all, "3"),
                    all.stream().filter(a -> a.groupCode().equals("PR") && !List.of("1", "2", "3")
                            .contains(a.reasonCode())).map(Notices.Adjustment::amount).reduce(ZERO, BigDecimal::add));
            BigDecimal contractual = all.stream().filter(a -> a.groupCode().equals("CO"))
                    .map(Notices.Adjustment::amount).reduce(ZERO, BigDecimal::add);
            events.paid(new Notices.Payment(ref, payment.patientControlNumber(), payerId, payerName,
                    payment.payerClaimNumber(), remittance.paymentDate(), remittance.traceNumber(),
                    paymentMethod(remittance.paymentMethod()), payment.statusCode(), payment.chargeAmount(),
                    payment.paidAmount(), share, contractual, claimAdjustments, payment.remarkCodes(), lines));
            List<Notices.Line> denied = lines.stream().filter(RemittancePosting::deniedLine).toList();
            if (!denied.isEmpty() && !"22".equals(payment.statusCode())) {
                events.denied(denial(ref, remittance, payment, List.of(), denied));
                outcome = "PARTIALLY_DENIED";
            } else {
                outcome = "22".equals(payment.statusCode()) ? "REVERSED" : "PAID";
            }
            claims.updateStatus(claim.claimId(), ClaimStatus.PAID, payment.payerClaimNumber());
        }
        interchanges.recordClaimEvent(claim.claimId(), interchangeId, "835", outcome,
                "trace " + remittance.traceNumber() + ", paid " + payment.paidAmount() + " of "
                        + payment.chargeAmount());
        return outcome;
    }

    private static Notices.Denial denial(Notices.ClaimRef ref, Remittance remittance,
            Remittance.ClaimPayment payment, List<Notices.Adjustment> claimAdjustments, List<Notices.Line> lines) {
        Set<String> carcs = new LinkedHashSet<>();
        Set<String> rarcs = new LinkedHashSet<>(payment.remarkCodes());
        claimAdjustments.stream().map(Notices.Adjustment::reasonCode)
                .filter(c -> !DenialCategories.NOT_DENIALS.contains(c)).forEach(carcs::add);
        for (Notices.Line line : lines) {
            line.adjustments().stream().map(Notices.Adjustment::reasonCode)
                    .filter(c -> !DenialCategories.NOT_DENIALS.contains(c)).forEach(carcs::add);
            rarcs.addAll(line.remarkCodes());
        }
        DenialCategory category = DenialCategories.ofRemittance(carcs, rarcs);
        String text = (carcs.isEmpty() ? "" : "CARC " + String.join(", ", carcs))
                + (rarcs.isEmpty() ? "" : (carcs.isEmpty() ? "" : "; ") + "RARC " + String.join(", ", rarcs));
        return new Notices.Denial(ref, payment.patientControlNumber(), Notices.Stage.ADJUDICATED,
                Notices.Source.X12_835, payment.payerClaimNumber(), remittance.traceNumber(), category,
                claimAdjustments, payment.remarkCodes(), lines, List.of(), text.isEmpty() ? null : text);
    }

    /** Paid nothing and adjusted for a reason other than the patient's share or the fee schedule. */
    private static boolean deniedLine(Notices.Line line) {
        return line.paidAmount().signum() == 0 && line.adjustments().stream()
                .anyMatch(a -> !DenialCategories.NOT_DENIALS.contains(a.reasonCode()));
    }

    private static Notices.Line line(Remittance.ServicePayment service, OutboundClaim claim) {
        Map<String, OutboundClaim.Line> byControl = claim.lines().stream()
                .collect(Collectors.toMap(OutboundClaim.Line::lineItemControlNumber, Function.identity(),
                        (a, b) -> a));
        OutboundClaim.Line billed = service.lineItemControlNumber() == null ? null
                : byControl.get(service.lineItemControlNumber());
        return new Notices.Line(billed == null ? null : billed.lineNumber(), service.lineItemControlNumber(),
                service.procedureCode(), codeSystem(service.procedureCode()), service.modifiers(),
                service.dateOfService() != null ? service.dateOfService()
                        : billed == null ? null : billed.dateOfService(),
                service.units(), service.chargeAmount(), service.allowedAmount(), service.paidAmount(),
                service.adjustments().stream().map(RemittancePosting::adjustment).toList(), service.remarkCodes());
    }

    /** CPT codes are five digits (or four and a letter for category II/III); HCPCS Level II start with a letter. */
    static String codeSystem(String code) {
        return code != null && !code.isEmpty() && Character.isLetter(code.charAt(0)) ? "HCPCS" : "CPT";
    }

    private static Notices.Adjustment adjustment(Remittance.Cas cas) {
        return new Notices.Adjustment(cas.group(), cas.reason(), cas.amount());
    }

    private static BigDecimal pr(List<Notices.Adjustment> adjustments, String carc) {
        return adjustments.stream().filter(a -> a.groupCode().equals("PR") && a.reasonCode().equals(carc))
                .map(Notices.Adjustment::amount).reduce(ZERO, BigDecimal::add);
    }

    static String paymentMethod(String bpr04) {
        return switch (bpr04 == null ? "" : bpr04) {
            case "CHK" -> "CHECK";
            case "ACH", "FWT", "BOP" -> "EFT";
            case "NON" -> "NON_PAYMENT";
            default -> "OTHER";
        };
    }
}
