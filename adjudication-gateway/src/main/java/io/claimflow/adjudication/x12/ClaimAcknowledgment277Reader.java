package io.claimflow.adjudication.x12;

import io.claimflow.x12.Segment;
import io.claimflow.x12.X12FormatException;
import io.claimflow.x12.X12Values;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Reads the claim-level statuses (loop 2200D, HL level PT) of the 277CA transaction sets of an interchange. */
public final class ClaimAcknowledgment277Reader {

    private ClaimAcknowledgment277Reader() {}

    public static List<ClaimAcknowledgment> read(List<Segment> segments) {
        List<ClaimAcknowledgment> claims = new ArrayList<>();
        boolean in277 = false;
        boolean patientLevel = false;
        boolean inServiceLine = false;
        String pcn = null;
        String payerClaimNumber = null;
        BigDecimal charge = null;
        List<ClaimAcknowledgment.Status> statuses = new ArrayList<>();
        for (Segment s : segments) {
            String tag = s.tag();
            if (tag.equals("ST")) {
                if (!"277".equals(s.element(1))) {
                    throw new X12FormatException("transaction set " + s.element(1) + " is not a 277");
                }
                in277 = true;
                continue;
            }
            if (tag.equals("HL") || tag.equals("SE")) {
                if (pcn != null) {
                    claims.add(new ClaimAcknowledgment(pcn, payerClaimNumber, charge, statuses));
                }
                pcn = null;
                payerClaimNumber = null;
                charge = null;
                statuses = new ArrayList<>();
                inServiceLine = false;
                patientLevel = tag.equals("HL") && "PT".equals(s.element(3));
                continue;
            }
            if (!patientLevel) {
                continue;
            }
            switch (tag) {
                case "TRN" -> pcn = s.required(2);
                case "STC" -> {
                    if (!inServiceLine) {
                        statuses.add(new ClaimAcknowledgment.Status(
                                s.component(1, 1), s.component(1, 2), s.component(1, 3), s.element(12)));
                        if (charge == null && s.element(4) != null) {
                            charge = X12Values.parseAmount(s.element(4));
                        }
                    }
                }
                case "REF" -> {
                    if ("1K".equals(s.element(1)) && !inServiceLine) {
                        payerClaimNumber = s.element(2);
                    }
                }
                case "SVC" -> inServiceLine = true;
                default -> {}
            }
        }
        if (!in277) {
            throw new X12FormatException("no 277 transaction set in the file");
        }
        return claims;
    }
}
