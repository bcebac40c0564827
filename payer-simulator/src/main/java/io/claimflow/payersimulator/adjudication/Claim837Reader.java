package io.claimflow.payersimulator.adjudication;

import io.claimflow.x12.Segment;
import io.claimflow.x12.X12FormatException;
import io.claimflow.x12.X12Values;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a 837P interchange (segments already read by staedi). A transaction set without CLM, without HI or without
 * a subscriber is rejected for the 999 (required segment missing); the others become {@link SubmittedClaim}s.
 */
public final class Claim837Reader {

    private Claim837Reader() {}

    public static Received837 read(List<Segment> segments) {
        Segment isa = segments.get(0);
        Segment gs = segments.stream()
                .filter(s -> s.tag().equals("GS"))
                .findFirst()
                .orElseThrow(() -> new X12FormatException("no functional group (GS)"));
        if (!"HC".equals(gs.element(1))) {
            throw new X12FormatException("functional group " + gs.element(1) + " is not HC (health care claim)");
        }
        List<SubmittedClaim> claims = new ArrayList<>();
        List<Received837.TransactionError> errors = new ArrayList<>();
        int transactions = 0;
        Tx tx = null;
        for (Segment s : segments) {
            switch (s.tag()) {
                case "ST" -> {
                    if (!"837".equals(s.element(1))) {
                        throw new X12FormatException("transaction set " + s.element(1) + " is not an 837");
                    }
                    tx = new Tx(s.required(2));
                    transactions++;
                }
                case "SE" -> {
                    if (tx != null) {
                        tx.finish(claims, errors);
                    }
                    tx = null;
                }
                default -> {
                    if (tx != null) {
                        tx.accept(s);
                    }
                }
            }
        }
        return new Received837(
                isa.required(6),
                isa.required(8),
                isa.required(13),
                gs.required(6),
                X12Values.parseDate(gs.required(4)),
                claims,
                errors,
                transactions,
                isa.required(9),
                isa.required(10),
                "1".equals(isa.element(14)));
    }

    private static final class Tx {
        final String st02;
        String entity = "";
        String payerSequence;
        String memberId;
        String patientLast;
        String patientFirst;
        String billingName;
        String billingNpi;
        String billingTaxId;
        Segment clm;
        String replaced;
        String auth;
        List<String> diagnoses;
        final List<SubmittedClaim.Line> lines = new ArrayList<>();
        Segment sv1;
        java.time.LocalDate dos;
        String lineControl;
        boolean ndc;
        int count = 1;
        int clmPosition;
        String payerId;
        String payerName;
        final List<OtherPayerBuilder> others = new ArrayList<>();
        OtherPayerBuilder other;
        final List<SubmittedClaim.PriorLine> priorLines = new ArrayList<>();
        String svdPayer;
        BigDecimal svdPaid;
        List<SubmittedClaim.Cas> svdAdjustments;

        Tx(String st02) {
            this.st02 = st02;
        }

        void accept(Segment s) {
            count++;
            // loops 2320/2330 (other payers) come after the claim's own segments, before its first line
            boolean otherPayerLoop = other != null && sv1 == null;
            switch (s.tag()) {
                case "SBR" -> {
                    if (clm == null) {
                        payerSequence = s.element(1);
                    } else {
                        other = new OtherPayerBuilder(s.element(1));
                        others.add(other);
                    }
                }
                case "CAS" -> {
                    if (svdAdjustments != null) {
                        svdAdjustments.addAll(cas(s));
                    } else if (otherPayerLoop) {
                        other.adjustments.addAll(cas(s));
                    }
                }
                case "AMT" -> {
                    if (otherPayerLoop && "D".equals(s.element(1))) {
                        other.paid = X12Values.parseAmount(s.required(2));
                    } else if (otherPayerLoop && "EAF".equals(s.element(1))) {
                        other.remaining = X12Values.parseAmount(s.required(2));
                    }
                }
                case "SVD" -> {
                    if (sv1 != null) {
                        finishSvd();
                        svdPayer = s.required(1);
                        svdPaid = X12Values.parseAmount(s.required(2));
                        svdAdjustments = new ArrayList<>();
                    }
                }
                case "NM1" -> {
                    entity = s.element(1) == null ? "" : s.element(1);
                    if (otherPayerLoop) {
                        if ("IL".equals(entity)) {
                            other.memberId = s.element(9);
                        } else if ("PR".equals(entity)) {
                            other.payerId = s.element(9);
                            other.payerName = s.element(3);
                        }
                        return;
                    }
                    if ("PR".equals(entity) && clm == null) {
                        payerId = s.element(9);
                        payerName = s.element(3);
                    }
                    switch (entity) {
                        case "85" -> {
                            billingName = s.element(3);
                            billingNpi = s.element(9);
                        }
                        case "IL" -> {
                            memberId = s.element(9);
                            patientLast = s.element(3);
                            patientFirst = s.element(4);
                        }
                        case "QC" -> {
                            patientLast = s.element(3);
                            patientFirst = s.element(4);
                        }
                        default -> {}
                    }
                }
                case "REF" -> {
                    String q = s.element(1);
                    if (sv1 != null) {
                        if ("6R".equals(q)) {
                            lineControl = s.element(2);
                        }
                    } else if ("EI".equals(q) || "SY".equals(q)) {
                        if ("85".equals(entity)) {
                            billingTaxId = s.element(2);
                        }
                    } else if ("F8".equals(q) && otherPayerLoop) {
                        other.payerClaimNumber = s.element(2);
                    } else if ("F8".equals(q)) {
                        replaced = s.element(2);
                    } else if ("G1".equals(q)) {
                        auth = s.element(2);
                    }
                }
                case "CLM" -> {
                    clm = s;
                    clmPosition = count;
                }
                case "HI" -> {
                    diagnoses = new ArrayList<>();
                    for (int i = 1; i <= s.elements().size(); i++) {
                        String code = s.component(i, 2);
                        if (code != null) {
                            diagnoses.add(code);
                        }
                    }
                }
                case "LX" -> finishLine();
                case "SV1" -> sv1 = s;
                case "DTP" -> {
                    if (sv1 != null && "472".equals(s.element(1))) {
                        dos = X12Values.parseDate(s.component(3, 1));
                    }
                }
                case "LIN" -> ndc = true;
                default -> {}
            }
        }

        void finishSvd() {
            if (svdPayer != null) {
                priorLines.add(new SubmittedClaim.PriorLine(svdPayer, svdPaid, svdAdjustments));
            }
            svdPayer = null;
            svdPaid = null;
            svdAdjustments = null;
        }

        void finishLine() {
            if (sv1 == null) {
                return;
            }
            finishSvd();
            List<String> procedure = sv1.components(1);
            List<Integer> pointers =
                    sv1.components(7).stream().map(Integer::valueOf).toList();
            lines.add(new SubmittedClaim.Line(
                    procedure.get(1),
                    procedure.subList(2, procedure.size()),
                    X12Values.parseAmount(sv1.required(2)),
                    new BigDecimal(sv1.required(4)).intValue(),
                    pointers,
                    dos,
                    lineControl,
                    ndc,
                    List.copyOf(priorLines)));
            priorLines.clear();
            sv1 = null;
            dos = null;
            lineControl = null;
            ndc = false;
        }

        void finish(List<SubmittedClaim> claims, List<Received837.TransactionError> errors) {
            finishLine();
            if (memberId == null) {
                errors.add(new Received837.TransactionError(st02, "NM1", count + 1, "2010BA", "3"));
            } else if (clm == null) {
                errors.add(new Received837.TransactionError(st02, "CLM", count + 1, "2300", "3"));
            } else if (diagnoses == null || diagnoses.isEmpty()) {
                errors.add(new Received837.TransactionError(st02, "HI", clmPosition + 1, "2300", "3"));
            } else if (lines.isEmpty()) {
                errors.add(new Received837.TransactionError(st02, "SV1", count + 1, "2400", "3"));
            } else {
                claims.add(new SubmittedClaim(
                        st02,
                        clm.required(1),
                        X12Values.parseAmount(clm.required(2)),
                        clm.component(5, 3),
                        payerSequence,
                        replaced,
                        auth,
                        memberId,
                        patientLast,
                        patientFirst,
                        billingName,
                        billingNpi,
                        billingTaxId,
                        diagnoses,
                        lines,
                        payerId,
                        payerName,
                        others.stream().map(OtherPayerBuilder::build).toList()));
            }
        }
    }

    private static List<SubmittedClaim.Cas> cas(Segment s) {
        List<SubmittedClaim.Cas> result = new ArrayList<>();
        for (int i = 2; i + 1 <= 19; i += 3) {
            if (s.element(i) != null) {
                result.add(
                        new SubmittedClaim.Cas(s.required(1), s.element(i), X12Values.parseAmount(s.required(i + 1))));
            }
        }
        return result;
    }

    private static final class OtherPayerBuilder {
        final String sequence;
        final List<SubmittedClaim.Cas> adjustments = new ArrayList<>();
        String memberId;
        String payerId;
        String payerName;
        BigDecimal paid;
        BigDecimal remaining;
        String payerClaimNumber;

        OtherPayerBuilder(String sequence) {
            this.sequence = sequence;
        }

        SubmittedClaim.OtherPayer build() {
            return new SubmittedClaim.OtherPayer(
                    sequence, memberId, payerId, payerName, paid, remaining, adjustments, payerClaimNumber);
        }
    }
}
