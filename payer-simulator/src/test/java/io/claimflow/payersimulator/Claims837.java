package io.claimflow.payersimulator;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * 837P interchanges for the simulator's tests, written from the X222A1 layout: one claim per transaction set for
 * member BHP884120337 (the PPO plan of payer-simulator.yml), with the lines, frequency and replaced claim asked for.
 */
final class Claims837 {

    private Claims837() {}

    /** One claim: patient control number, frequency (1, 7), the payer claim number it replaces, date, lines. */
    record Claim(String pcn, String frequency, String replaces, LocalDate dos, List<String> lines, Cob cob) {

        Claim(String pcn, String frequency, String replaces, LocalDate dos, List<String> lines) {
            this(pcn, frequency, replaces, dos, lines, null);
        }

        /** The claim billed to another payer, with other-payer loops (coordination of benefits). */
        Claim to(Cob billedTo) {
            return new Claim(pcn, frequency, replaces, dos, lines, billedTo);
        }

        static Claim original(String pcn, LocalDate dos, String... lines) {
            return new Claim(pcn, "1", null, dos, List.of(lines));
        }

        static Claim replacement(String pcn, String replaces, LocalDate dos, String... lines) {
            return new Claim(pcn, "7", replaces, dos, List.of(lines));
        }
    }

    /**
     * The destination payer (2000B SBR01, 2010BA member id, 2010BB payer) and the other-payer loops: 2320/2330A/2330B
     * segments after the claim's own, and per line (in order) the 2430 segments after its REF*6R.
     */
    record Cob(
            String sbr01,
            String memberId,
            String payerId,
            String payerName,
            List<String> otherPayerLoops,
            List<List<String>> lineAdjudications) {}

    /** An interchange (ISA13 {@code control}, ISA14 1 when {@code ta1}) of one group with one transaction per claim. */
    static byte[] interchange(int control, boolean ta1, Claim... claims) {
        StringBuilder x = new StringBuilder();
        x.append(String.format(
                "ISA*00*          *00*          *ZZ*CLAIMFLOW      *ZZ*SIMPAYER       *260311*0200*^"
                        + "*00501*%09d*%s*T*:~\n",
                control, ta1 ? "1" : "0"));
        x.append("GS*HC*CLAIMFLOW*SIMPAYER*20260311*0200*").append(control).append("*X*005010X222A1~\n");
        int st = 0;
        for (Claim claim : claims) {
            x.append(transaction(String.format("%04d", ++st), claim));
        }
        x.append("GE*").append(claims.length).append('*').append(control).append("~\n");
        x.append(String.format("IEA*1*%09d~\n", control));
        return x.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String transaction(String st, Claim claim) {
        List<String> s = new ArrayList<>();
        s.add("ST*837*" + st + "*005010X222A1");
        s.add("BHT*0019*00*" + st + "*20260311*0200*CH");
        s.add("NM1*41*2*CLAIMFLOW BILLING*****46*CLAIMFLOW");
        s.add("PER*IC*BILLING DESK*TE*6145550100");
        s.add("NM1*40*2*BUCKEYE HEALTH PLAN*****46*SIMPAYER");
        s.add("HL*1**20*1");
        s.add("NM1*85*2*RIVERSIDE FAMILY MEDICINE LLC*****XX*1847362914");
        s.add("N3*2200 RIVERSIDE DR");
        s.add("N4*COLUMBUS*OH*432211234");
        s.add("REF*EI*311234567");
        s.add("HL*2*1*22*0");
        Cob cob = claim.cob();
        s.add(cob == null ? "SBR*P*18*GRP20417******CI" : "SBR*" + cob.sbr01() + "*18*******CI");
        s.add("NM1*IL*1*DOE*JANE****MI*" + (cob == null ? "BHP884120337" : cob.memberId()));
        s.add("DMG*D8*19610722*F");
        s.add(
                cob == null
                        ? "NM1*PR*2*BUCKEYE HEALTH PLAN*****PI*BKHP1"
                        : "NM1*PR*2*" + cob.payerName() + "*****PI*" + cob.payerId());
        BigDecimal total = claim.lines().stream()
                .map(l -> new BigDecimal(l.split(":")[1]))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        s.add("CLM*" + claim.pcn() + "*" + total.toPlainString() + "***11:B:" + claim.frequency() + "*Y*A*Y*Y");
        if (claim.replaces() != null) {
            s.add("REF*F8*" + claim.replaces());
        }
        s.add(cob == null ? "HI*ABK:I10" : "HI*ABK:E119");
        if (cob != null) {
            s.addAll(cob.otherPayerLoops());
        }
        int n = 0;
        for (String line : claim.lines()) {
            String[] codeCharge = line.split(":");
            s.add("LX*" + (++n));
            s.add("SV1*HC:" + codeCharge[0] + "*" + codeCharge[1] + "*UN*1***1");
            s.add("DTP*472*D8*" + claim.dos().toString().replace("-", ""));
            s.add("REF*6R*" + claim.pcn() + "-" + n);
            if (cob != null && cob.lineAdjudications().size() >= n) {
                s.addAll(cob.lineAdjudications().get(n - 1));
            }
        }
        s.add("SE*" + (s.size() + 1) + "*" + st);
        return String.join("~\n", s) + "~\n";
    }
}
