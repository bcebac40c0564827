package io.claimflow.adjudication.x12;

import io.claimflow.x12.Segment;
import io.claimflow.x12.X12FormatException;
import io.claimflow.x12.X12Values;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Reads the 835 transaction sets of an interchange into {@link Remittance}s; structure errors are format errors. */
public final class Remittance835Reader {

    private Remittance835Reader() {}

    public static List<Remittance> read(List<Segment> segments) {
        List<Remittance> remittances = new ArrayList<>();
        Builder current = null;
        for (Segment s : segments) {
            switch (s.tag()) {
                case "ST" -> {
                    if (!"835".equals(s.element(1))) {
                        throw new X12FormatException("transaction set " + s.element(1) + " is not an 835");
                    }
                    current = new Builder(s.element(2));
                }
                case "SE" -> {
                    if (current == null) {
                        throw new X12FormatException("SE without ST at segment " + s.position());
                    }
                    remittances.add(current.build());
                    current = null;
                }
                default -> {
                    if (current != null) {
                        current.accept(s);
                    }
                }
            }
        }
        if (remittances.isEmpty()) {
            throw new X12FormatException("no 835 transaction set in the file");
        }
        return remittances;
    }

    private static final class Builder {
        final String st02;
        Segment bpr;
        Segment trn;
        String payerId;
        String payerName;
        String n1Context = "";
        final List<Remittance.ClaimPayment> claims = new ArrayList<>();
        final List<Remittance.ProviderAdjustment> plb = new ArrayList<>();
        ClaimBuilder claim;
        LineBuilder line;

        Builder(String st02) {
            this.st02 = st02;
        }

        void accept(Segment s) {
            switch (s.tag()) {
                case "BPR" -> bpr = s;
                case "TRN" -> trn = s;
                case "N1" -> {
                    n1Context = s.element(1) == null ? "" : s.element(1);
                    if ("PR".equals(n1Context)) {
                        payerName = s.element(2);
                    }
                }
                case "REF" -> {
                    if (line != null) {
                        if ("6R".equals(s.element(1))) {
                            line.lineItemControlNumber = s.element(2);
                        }
                    } else if (claim == null && "PR".equals(n1Context) && "2U".equals(s.element(1))) {
                        payerId = s.element(2);
                    }
                }
                case "CLP" -> {
                    finishClaim();
                    claim = new ClaimBuilder(s);
                }
                case "SVC" -> {
                    requireClaim(s);
                    finishLine();
                    line = new LineBuilder(s);
                }
                case "CAS" -> {
                    requireClaim(s);
                    List<Remittance.Cas> target = line != null ? line.adjustments : claim.adjustments;
                    target.addAll(cas(s));
                }
                case "DTM" -> {
                    if (line != null && ("472".equals(s.element(1)) || "150".equals(s.element(1)))) {
                        line.dateOfService = X12Values.parseDate(s.element(2));
                    } else if (line == null && claim != null && "232".equals(s.element(1))) {
                        claim.statementFrom = X12Values.parseDate(s.element(2));
                    } else if (line == null && claim != null && "233".equals(s.element(1))) {
                        claim.statementTo = X12Values.parseDate(s.element(2));
                    }
                }
                case "NM1" -> {
                    if (claim != null
                            && line == null
                            && "MI".equals(s.element(8))
                            && ("QC".equals(s.element(1)) && claim.memberId == null || "IL".equals(s.element(1)))) {
                        // the insured's id (IL) is the member id when both are sent
                        claim.memberId = s.element(9);
                    }
                    if (claim != null && line == null && "TT".equals(s.element(1))) {
                        // crossover carrier: the payer the claim was forwarded to
                        claim.crossoverCarrierId = s.element(9);
                        claim.crossoverCarrierName = s.element(3);
                    }
                }
                case "AMT" -> {
                    if (line != null && "B6".equals(s.element(1))) {
                        line.allowed = X12Values.parseAmount(s.element(2));
                    }
                }
                case "LQ" -> {
                    if (line != null && "HE".equals(s.element(1))) {
                        line.remarks.add(s.required(2));
                    }
                }
                case "MOA", "MIA" -> {
                    requireClaim(s);
                    // remark codes sit in MOA03-07 / MIA05, MIA20-23; MOA is what professional claims carry
                    int from = "MOA".equals(s.tag()) ? 3 : 5;
                    int to = "MOA".equals(s.tag()) ? 7 : 5;
                    for (int i = from; i <= to; i++) {
                        if (s.element(i) != null) {
                            claim.remarks.add(s.element(i));
                        }
                    }
                }
                case "PLB" -> {
                    finishClaim();
                    for (int i = 3; i + 1 <= s.elements().size(); i += 2) {
                        if (s.element(i) == null) {
                            continue;
                        }
                        plb.add(new Remittance.ProviderAdjustment(
                                s.element(1),
                                s.element(2) == null ? null : X12Values.parseDate(s.element(2)),
                                s.component(i, 1),
                                s.component(i, 2),
                                X12Values.parseAmount(s.required(i + 1))));
                    }
                }
                case "LX" -> finishClaim();
                default -> {
                    // other segments (DTM, NM1, PER, ...) carry nothing the gateway posts
                }
            }
        }

        private void requireClaim(Segment s) {
            if (claim == null) {
                throw new X12FormatException(s.tag() + " outside a claim (CLP) at segment " + s.position());
            }
        }

        private void finishLine() {
            if (line != null) {
                claim.lines.add(line.build());
                line = null;
            }
        }

        private void finishClaim() {
            if (claim != null) {
                finishLine();
                claims.add(claim.build());
                claim = null;
            }
        }

        Remittance build() {
            finishClaim();
            if (bpr == null) {
                throw new X12FormatException("835 transaction " + st02 + " has no BPR (financial information)");
            }
            if (trn == null) {
                throw new X12FormatException("835 transaction " + st02 + " has no TRN (reassociation trace number)");
            }
            return new Remittance(
                    st02,
                    bpr.required(1),
                    X12Values.parseAmount(bpr.required(2)),
                    bpr.required(3),
                    bpr.required(4),
                    X12Values.parseDate(bpr.required(16)),
                    trn.required(2),
                    trn.required(3),
                    payerId,
                    payerName,
                    claims,
                    plb);
        }
    }

    private static List<Remittance.Cas> cas(Segment s) {
        String group = s.required(1);
        List<Remittance.Cas> result = new ArrayList<>();
        for (int i = 2; i <= 17; i += 3) {
            String reason = s.element(i);
            if (reason == null) {
                continue;
            }
            BigDecimal amount = X12Values.parseAmount(s.required(i + 1));
            result.add(new Remittance.Cas(group, reason, amount));
        }
        if (result.isEmpty()) {
            throw new X12FormatException("CAS without a reason at segment " + s.position());
        }
        return result;
    }

    private static final class ClaimBuilder {
        final Segment clp;
        final List<Remittance.Cas> adjustments = new ArrayList<>();
        final List<String> remarks = new ArrayList<>();
        final List<Remittance.ServicePayment> lines = new ArrayList<>();
        String memberId;
        String crossoverCarrierId;
        String crossoverCarrierName;
        java.time.LocalDate statementFrom;
        java.time.LocalDate statementTo;

        ClaimBuilder(Segment clp) {
            this.clp = clp;
        }

        Remittance.ClaimPayment build() {
            BigDecimal patient =
                    clp.element(5) == null ? BigDecimal.ZERO.setScale(2) : X12Values.parseAmount(clp.element(5));
            return new Remittance.ClaimPayment(
                    clp.required(1),
                    clp.required(2),
                    X12Values.parseAmount(clp.required(3)),
                    X12Values.parseAmount(clp.required(4)),
                    patient,
                    clp.element(6),
                    clp.element(7),
                    adjustments,
                    remarks,
                    lines,
                    memberId,
                    statementFrom,
                    statementTo,
                    crossoverCarrierId,
                    crossoverCarrierName);
        }
    }

    private static final class LineBuilder {
        final Segment svc;
        final List<Remittance.Cas> adjustments = new ArrayList<>();
        final List<String> remarks = new ArrayList<>();
        java.time.LocalDate dateOfService;
        String lineItemControlNumber;
        BigDecimal allowed;

        LineBuilder(Segment svc) {
            this.svc = svc;
        }

        Remittance.ServicePayment build() {
            List<String> procedure = svc.components(1);
            if (procedure.size() < 2) {
                throw new X12FormatException(
                        "SVC01 needs a qualifier and a procedure code (segment " + svc.position() + ")");
            }
            // SVC05 is a decimal number (R): 1.5 units is allowed
            BigDecimal units = BigDecimal.ONE;
            if (svc.element(5) != null) {
                try {
                    units = new BigDecimal(svc.element(5));
                } catch (NumberFormatException e) {
                    throw new X12FormatException("SVC05 is not a number of units (segment " + svc.position() + ")");
                }
            }
            return new Remittance.ServicePayment(
                    procedure.get(0),
                    procedure.get(1),
                    procedure.subList(2, procedure.size()),
                    X12Values.parseAmount(svc.required(2)),
                    X12Values.parseAmount(svc.required(3)),
                    units,
                    dateOfService,
                    lineItemControlNumber,
                    allowed,
                    adjustments,
                    remarks);
        }
    }
}
