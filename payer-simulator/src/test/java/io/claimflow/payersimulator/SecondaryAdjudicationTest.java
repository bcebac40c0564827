package io.claimflow.payersimulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.payersimulator.Claims837.Claim;
import io.claimflow.payersimulator.Claims837.Cob;
import io.claimflow.payersimulator.adjudication.Adjudication;
import io.claimflow.payersimulator.adjudication.Adjudicator;
import io.claimflow.payersimulator.adjudication.PayerSimulator;
import io.claimflow.payersimulator.adjudication.SubmittedClaim;
import io.claimflow.payersimulator.guide.GuideRules;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The simulator as a secondary payer (coordination of benefits) and a crossover. Plans for these tests: "medicare"
 * (no deductible, 20 % coinsurance) for member MCR0001 of payer MCROH, "supplement" (no deductible, 20 %) for member
 * SUP0001 of payer MGAP1; MCROH crosses over to MGAP1. Fee schedule (payer-simulator.yml): 99214 128.74, 83036 13.42.
 */
class SecondaryAdjudicationTest {

    static final LocalDate DOS = LocalDate.of(2026, 3, 2);

    static final Map<String, String> CONFIG = Map.ofEntries(
            Map.entry("plans[medicare].deductible", "0"),
            Map.entry("plans[medicare].coinsurance-percent", "20"),
            Map.entry("plans[medicare].copay", "0"),
            Map.entry("plans[medicare].out-of-pocket-maximum", "99999"),
            Map.entry("plans[supplement].deductible", "0"),
            Map.entry("plans[supplement].coinsurance-percent", "20"),
            Map.entry("plans[supplement].copay", "0"),
            Map.entry("plans[supplement].out-of-pocket-maximum", "1000"),
            Map.entry("members[MCR0001].plan", "medicare"),
            Map.entry("members[MCR0001].coverage-start", "2025-01-01"),
            Map.entry("members[MCR0001].coverage-end", "2027-12-31"),
            Map.entry("members[SUP0001].plan", "supplement"),
            Map.entry("members[SUP0001].coverage-start", "2025-01-01"),
            Map.entry("members[SUP0001].coverage-end", "2027-12-31"),
            Map.entry("crossovers[MCROH][0]", "MGAP1"));

    // ---- the arithmetic ----

    @Test
    void aSecondaryPaysItsAllowedLessThePrimarysPaymentCappedByTheLiabilityLeftLessItsOwnShare() {
        Adjudicator adjudicator = new Adjudicator(TestSimulators.properties(CONFIG));
        // the primary: 99214 (165.00) paid 100.00, CO-45 40.00, PR-2 25.00; 83036 (45.00) paid 10.00, CO-45 30.00,
        // PR-1 5.00
        SubmittedClaim claim = secondaryClaim(
                line("99214", "165.00", prior("100.00", cas("CO", "45", "40.00"), cas("PR", "2", "25.00"))),
                line("83036", "45.00", prior("10.00", cas("CO", "45", "30.00"), cas("PR", "1", "5.00"))));

        Adjudication adjudication = adjudicator.adjudicate(claim, DOS);

        assertThat(adjudication.statusCode()).isEqualTo("2");
        // 99214: allowed 128.74 - 100.00 = 28.74, capped at the 25.00 left; 20 % coinsurance 5.00; paid 20.00
        Adjudication.Line first = adjudication.lines().get(0);
        assertThat(first.paid()).isEqualByComparingTo("20.00");
        assertThat(first.adjustments())
                .containsExactlyInAnyOrder(
                        new Adjudication.Cas("OA", "23", new BigDecimal("100.00")),
                        new Adjudication.Cas("PR", "2", new BigDecimal("5.00")),
                        new Adjudication.Cas("CO", "45", new BigDecimal("40.00")));
        // 83036: allowed 13.42 - 10.00 = 3.42 (under the 5.00 left); coinsurance 0.68; paid 2.74
        Adjudication.Line second = adjudication.lines().get(1);
        assertThat(second.paid()).isEqualByComparingTo("2.74");
        assertThat(second.adjustments())
                .containsExactlyInAnyOrder(
                        new Adjudication.Cas("OA", "23", new BigDecimal("10.00")),
                        new Adjudication.Cas("PR", "2", new BigDecimal("0.68")),
                        new Adjudication.Cas("CO", "45", new BigDecimal("31.58")));
        assertThat(adjudication.paid()).isEqualByComparingTo("22.74");
        assertThat(adjudication.patientResponsibility()).isEqualByComparingTo("5.68");
        for (Adjudication.Line line : adjudication.lines()) {
            assertThat(line.paid().add(sum(line.adjustments())))
                    .as("charge = paid + adjustments")
                    .isEqualByComparingTo(line.line().charge());
        }
    }

    @Test
    void aSecondaryPaysNothingWhenThePrimaryPaidMoreThanItAllows() {
        Adjudicator adjudicator = new Adjudicator(TestSimulators.properties(CONFIG));
        // the primary paid 130.00 of 165.00: more than the secondary's 128.74 allowed
        SubmittedClaim claim = secondaryClaim(
                line("99214", "165.00", prior("130.00", cas("CO", "45", "25.00"), cas("PR", "2", "10.00"))));

        Adjudication adjudication = adjudicator.adjudicate(claim, DOS);

        Adjudication.Line line = adjudication.lines().get(0);
        assertThat(line.paid()).isEqualByComparingTo("0.00");
        assertThat(line.adjustments())
                .containsExactlyInAnyOrder(
                        new Adjudication.Cas("OA", "23", new BigDecimal("130.00")),
                        new Adjudication.Cas("CO", "45", new BigDecimal("35.00")));
        assertThat(adjudication.patientResponsibility()).isEqualByComparingTo("0.00");
    }

    @Test
    void aPrimaryAdjudicationAtClaimLevelOnlyIsSharedOverTheLinesByCharge() {
        Adjudicator adjudicator = new Adjudicator(TestSimulators.properties(CONFIG));
        // AMT*D 110.00 and AMT*EAF 30.00 for the claim of 165.00 + 45.00, no loop 2430
        SubmittedClaim claim = claimTo(
                "S",
                "SUP0001",
                "MGAP1",
                List.of(new SubmittedClaim.OtherPayer(
                        "P",
                        "MCR0001",
                        "MCROH",
                        "MEDICARE",
                        new BigDecimal("110.00"),
                        new BigDecimal("30.00"),
                        List.of(),
                        "MCR-1")),
                line("99214", "165.00"),
                line("83036", "45.00"));

        Adjudication adjudication = adjudicator.adjudicate(claim, DOS);

        // 99214 carries 165/210 of it: paid 86.43, liability 23.57; allowed 128.74 - 86.43 = 42.31 -> 23.57
        Adjudication.Line first = adjudication.lines().get(0);
        assertThat(first.adjustments()).contains(new Adjudication.Cas("OA", "23", new BigDecimal("86.43")));
        assertThat(first.paid()).isEqualByComparingTo("18.86");
        for (Adjudication.Line line : adjudication.lines()) {
            assertThat(line.paid().add(sum(line.adjustments())))
                    .isEqualByComparingTo(line.line().charge());
        }
    }

    // ---- over X12: the 837P's other-payer loops in, the 835 out ----

    @Test
    void aSecondaryClaimsLoops2320To2430AreReadAndItsEraReportsThePrimaryAsOa23() {
        PayerSimulator simulator = TestSimulators.simulator(CONFIG);
        Claim claim = Claim.original("PCNSEC1", DOS, "99214:165", "83036:45")
                .to(new Cob(
                        "S",
                        "SUP0001",
                        "MGAP1",
                        "BUCKEYE MEDIGAP",
                        List.of(
                                "SBR*P*18*******MB",
                                "AMT*D*110",
                                "AMT*EAF*30",
                                "OI***Y***Y",
                                "NM1*IL*1*DOE*JANE****MI*MCR0001",
                                "NM1*PR*2*MEDICARE PART B OHIO*****PI*MCROH",
                                "REF*F8*MCR-PAID-1"),
                        List.of(
                                List.of(
                                        "SVD*MCROH*100*HC:99214**1",
                                        "CAS*CO*45*40",
                                        "CAS*PR*2*25",
                                        "DTP*573*D8*20260310"),
                                List.of(
                                        "SVD*MCROH*10*HC:83036**1",
                                        "CAS*CO*45*30",
                                        "CAS*PR*1*5",
                                        "DTP*573*D8*20260310"))));

        simulator.receive(Claims837.interchange(9101, false, claim));

        List<String> eras = eras(simulator);
        assertThat(eras).hasSize(1);
        String era = eras.get(0);
        assertThat(era).contains("REF*2U*MGAP1~", "N1*PR*BUCKEYE MEDIGAP~");
        assertThat(era).contains("CLP*PCNSEC1*2*210*22.74*5.68*12*");
        // the claim's own member, not the primary's (2330A), and no replaced claim taken from 2330B REF*F8
        assertThat(era).contains("NM1*QC*1*DOE*JANE****MI*SUP0001~");
        assertThat(era).contains("CAS*OA*23*100~", "CAS*OA*23*10~");
        assertThat(GuideRules.violations(era.getBytes(StandardCharsets.US_ASCII)))
                .isEmpty();
    }

    @Test
    void aMedicareClaimCrossesOverAndTheSupplementSendsItsOwnEraForTheSameClaim() {
        PayerSimulator simulator = TestSimulators.simulator(CONFIG);
        Claim claim = Claim.original("PCNXOVER1", DOS, "99214:165", "83036:45").to(medicareWithSupplement());

        simulator.receive(Claims837.interchange(9102, false, claim));

        List<String> eras = eras(simulator);
        assertThat(eras).hasSize(2);
        // Medicare: allowed 128.74 and 13.42, coinsurance 25.75 and 2.68: paid 102.99 + 10.74 = 113.73
        String primary = eras.get(0);
        assertThat(primary).contains("REF*2U*MCROH~");
        assertThat(primary).contains("CLP*PCNXOVER1*19*210*113.73*28.43*12*");
        assertThat(primary).contains("NM1*TT*2*BUCKEYE MEDIGAP*****PI*MGAP1~");
        // the supplement, same CLP01: 99214 considers 128.74 - 102.99 = 25.75, pays 80 %: 20.60; 83036 2.68 -> 2.14
        String secondary = eras.get(1);
        assertThat(secondary).contains("REF*2U*MGAP1~");
        assertThat(secondary).contains("CLP*PCNXOVER1*2*210*22.74*5.69*12*");
        assertThat(secondary).contains("NM1*QC*1*DOE*JANE****MI*SUP0001~");
        assertThat(secondary).contains("CAS*OA*23*102.99~", "CAS*OA*23*10.74~");
        assertThat(secondary).doesNotContain("NM1*TT");
        for (String era : eras) {
            assertThat(GuideRules.violations(era.getBytes(StandardCharsets.US_ASCII)))
                    .isEmpty();
        }
    }

    /**
     * Each payer pays in its own ERA, under its own payer identifier (TRN03, "1" and the payer's EIN), naming itself
     * (N1*PR, REF*2U): an 837 with claims for two payers is answered by two 835s, and a crossover's two payers
     * never share a TRN03.
     */
    @Test
    void eachPayerPaysItsOwnClaimsInItsOwnEraUnderItsOwnTrn03() {
        PayerSimulator simulator = TestSimulators.simulator(CONFIG);
        Cob medicareOnly = new Cob("P", "MCR0001", "MCROH", "MEDICARE PART B OHIO", List.of(), List.of());

        simulator.receive(Claims837.interchange(
                9105,
                false,
                Claim.original("PCNBKHP1", DOS, "99214:165"),
                Claim.original("PCNMCROH", DOS, "99214:165").to(medicareOnly)));

        List<String> eras = eras(simulator);
        assertThat(eras).hasSize(2);
        String buckeye = eras.stream()
                .filter(e -> e.contains("CLP*PCNBKHP1*"))
                .findFirst()
                .orElseThrow();
        String medicare = eras.stream()
                .filter(e -> e.contains("CLP*PCNMCROH*"))
                .findFirst()
                .orElseThrow();
        assertThat(buckeye).contains("REF*2U*BKHP1~").doesNotContain("CLP*PCNMCROH*");
        assertThat(medicare)
                .contains("REF*2U*MCROH~", "N1*PR*MEDICARE PART B OHIO~")
                .doesNotContain("CLP*PCNBKHP1*");
        assertThat(trn03(buckeye)).matches("1\\d{9}").isNotEqualTo(trn03(medicare));
        assertThat(trn03(medicare)).matches("1\\d{9}");

        simulator.receive(Claims837.interchange(
                9106,
                false,
                Claim.original("PCNXOVER4", DOS.plusDays(1), "99214:165").to(medicareWithSupplement())));
        List<String> crossover = eras(simulator).subList(2, 4);
        assertThat(trn03(crossover.get(0))).isEqualTo(trn03(medicare));
        assertThat(trn03(crossover.get(1))).isNotEqualTo(trn03(medicare)).isNotEqualTo(trn03(buckeye));
        for (String era : eras(simulator)) {
            assertThat(GuideRules.violations(era.getBytes(StandardCharsets.US_ASCII)))
                    .isEmpty();
        }
    }

    /**
     * A payer pays in payment cycles, not an ERA per claim: the claims one 837 crossed over to the same secondary are
     * paid in that secondary's one 835 (each CLP under its own CLP01, CLP02 2), beside the primary's one 835. Before,
     * each crossed-over claim got an 835 of its own: in the demo's workload 57 of 97 835s, each one more fetch and
     * acknowledgment against the payer's rate limit.
     */
    @Test
    void theClaimsOneInterchangeCrossedOverToASecondaryArePaidInThatSecondarysOneEra() {
        PayerSimulator simulator = TestSimulators.simulator(CONFIG);

        simulator.receive(Claims837.interchange(
                9107,
                false,
                Claim.original("PCNXOVER5", DOS, "99214:165").to(medicareWithSupplement()),
                Claim.original("PCNXOVER6", DOS.plusDays(1), "99214:165").to(medicareWithSupplement()),
                Claim.original("PCNXOVER7", DOS.plusDays(2), "83036:45").to(medicareWithSupplement())));

        List<String> eras = eras(simulator);
        assertThat(eras).hasSize(2);
        assertThat(eras.get(0))
                .contains("REF*2U*MCROH~", "CLP*PCNXOVER5*19*", "CLP*PCNXOVER6*19*", "CLP*PCNXOVER7*19*");
        assertThat(eras.get(1))
                .contains("REF*2U*MGAP1~", "CLP*PCNXOVER5*2*", "CLP*PCNXOVER6*2*", "CLP*PCNXOVER7*2*")
                .doesNotContain("REF*2U*MCROH~");
        assertThat(trn03(eras.get(1))).isNotEqualTo(trn03(eras.get(0)));
        for (String era : eras) {
            assertThat(GuideRules.violations(era.getBytes(StandardCharsets.US_ASCII)))
                    .isEmpty();
        }
    }

    static String trn03(String era) {
        String trn = era.substring(era.indexOf("TRN*"));
        return trn.substring(0, trn.indexOf('~')).split("\\*")[3];
    }

    @Test
    void noCrossoverWhenTheSupplementDoesNotKnowTheMemberOrThePayerIsNotConfiguredTo() {
        Map<String, String> unknownMember = new java.util.HashMap<>(CONFIG);
        unknownMember.remove("members[SUP0001].plan");
        unknownMember.remove("members[SUP0001].coverage-start");
        unknownMember.remove("members[SUP0001].coverage-end");
        PayerSimulator simulator = TestSimulators.simulator(unknownMember);
        simulator.receive(Claims837.interchange(
                9103, false, Claim.original("PCNXOVER2", DOS, "99214:165").to(medicareWithSupplement())));

        List<String> eras = eras(simulator);
        assertThat(eras).hasSize(1);
        assertThat(eras.get(0)).contains("CLP*PCNXOVER2*1*").doesNotContain("NM1*TT");

        Map<String, String> noCrossover = new java.util.HashMap<>(CONFIG);
        noCrossover.remove("crossovers[MCROH][0]");
        PayerSimulator plain = TestSimulators.simulator(noCrossover);
        plain.receive(Claims837.interchange(
                9104, false, Claim.original("PCNXOVER3", DOS, "99214:165").to(medicareWithSupplement())));
        assertThat(eras(plain)).hasSize(1);
    }

    static Cob medicareWithSupplement() {
        return new Cob(
                "P",
                "MCR0001",
                "MCROH",
                "MEDICARE PART B OHIO",
                List.of(
                        "SBR*S*18*******CI",
                        "OI***Y***Y",
                        "NM1*IL*1*DOE*JANE****MI*SUP0001",
                        "NM1*PR*2*BUCKEYE MEDIGAP*****PI*MGAP1"),
                List.of());
    }

    static List<String> eras(PayerSimulator simulator) {
        return simulator.pending(null).stream()
                .filter(r -> r.type().equals("835"))
                .map(r -> new String(simulator.response(r.id()).orElseThrow().content(), StandardCharsets.US_ASCII)
                        .replace("\n", "")
                        .replace("\r", ""))
                .toList();
    }

    // ---- claims built directly ----

    static SubmittedClaim secondaryClaim(SubmittedClaim.Line... lines) {
        return claimTo(
                "S",
                "SUP0001",
                "MGAP1",
                List.of(new SubmittedClaim.OtherPayer(
                        "P",
                        "MCR0001",
                        "MCROH",
                        "MEDICARE",
                        List.of(lines).stream()
                                .flatMap(l -> l.priorAdjudications().stream())
                                .map(SubmittedClaim.PriorLine::paid)
                                .reduce(BigDecimal.ZERO, BigDecimal::add),
                        null,
                        List.of(),
                        "MCR-1")),
                lines);
    }

    static SubmittedClaim claimTo(
            String sequence,
            String memberId,
            String payerId,
            List<SubmittedClaim.OtherPayer> others,
            SubmittedClaim.Line... lines) {
        BigDecimal total =
                List.of(lines).stream().map(SubmittedClaim.Line::charge).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new SubmittedClaim(
                "0001",
                "PCN-" + payerId,
                total,
                "1",
                sequence,
                null,
                null,
                memberId,
                "DOE",
                "JANE",
                "RIVERSIDE FAMILY MEDICINE LLC",
                "1847362914",
                "311234567",
                List.of("E119"),
                List.of(lines),
                payerId,
                "BUCKEYE MEDIGAP",
                others);
    }

    static SubmittedClaim.Line line(String code, String charge, SubmittedClaim.PriorLine... priors) {
        return new SubmittedClaim.Line(
                code, List.of(), new BigDecimal(charge), 1, List.of(1), DOS, null, false, List.of(priors));
    }

    static SubmittedClaim.PriorLine prior(String paid, SubmittedClaim.Cas... adjustments) {
        return new SubmittedClaim.PriorLine("MCROH", new BigDecimal(paid), List.of(adjustments));
    }

    static SubmittedClaim.Cas cas(String group, String reason, String amount) {
        return new SubmittedClaim.Cas(group, reason, new BigDecimal(amount));
    }

    static BigDecimal sum(List<Adjudication.Cas> adjustments) {
        return adjustments.stream().map(Adjudication.Cas::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
