package io.claimflow.adjudication.x12;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.claimflow.adjudication.claim.OutboundClaim;
import io.claimflow.adjudication.claim.adapter.ClaimSubmittedMapper;
import io.claimflow.events.Adjustment;
import io.claimflow.events.AdjustmentGroupCode;
import io.claimflow.events.ClaimSubmitted;
import io.claimflow.events.CodeSystem;
import io.claimflow.events.Coverage;
import io.claimflow.events.LineAdjudication;
import io.claimflow.events.Payer;
import io.claimflow.events.PayerResponsibility;
import io.claimflow.events.PriorPayerAdjudication;
import io.claimflow.schemas.json.Samples;
import io.claimflow.x12.Segment;
import io.claimflow.x12.X12Segments;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Coordination of benefits on the 837P (005010X222A1): loops 2320 (other subscriber information), 2330A (other
 * subscriber), 2330B (other payer) after the claim's 2310 loops, and 2430 (line adjudication) after each line, with
 * the guide's situational rules and COB balancing (section 1.4.1.1). The sample claim: 99214 165.00 and 83036 45.00,
 * total 210.00, patient Eleanor Whitfield (self), primary Buckeye Health Plan BKHP1.
 */
class Professional837CoordinationOfBenefitsTest {

    static final LocalDate PRIMARY_PAID_ON = LocalDate.of(2026, 3, 20);
    static final LocalDate SECONDARY_PAID_ON = LocalDate.of(2026, 4, 2);

    /** Loops 2320, 2330A, 2330B for Buckeye Health Plan after it paid (sample secondary claim). */
    static final List<String> PRIMARY_LOOPS = List.of(
            "SBR*P*18*GRP20417******CI",
            "AMT*D*130",
            "AMT*EAF*30",
            "OI***Y***Y",
            "NM1*IL*1*WHITFIELD*ELEANOR*J***MI*BHP884120337",
            "N3*418 MAPLE RIDGE DR*APT 2B",
            "N4*COLUMBUS*OH*432141032",
            "NM1*PR*2*BUCKEYE HEALTH PLAN*****PI*BKHP1",
            // DTP*573 of 2330B only when no 2430 carries the line adjudication dates
            "REF*F8*BKHP-77001");

    final Professional837Writer writer = new Professional837Writer();

    @Test
    void secondaryClaimCarriesThePrimarysAdjudicationInLoops2320_2330_2430() throws Exception {
        ClaimSubmitted event = secondaryClaim();

        String text = written(event);

        assertThat(loops2320To2330(text)).containsExactlyElementsOf(PRIMARY_LOOPS);
        assertThat(lineLoop(text, 1))
                .containsSubsequence(
                        "REF*6R*clm-20260311-000317-1",
                        "SVD*BKHP1*100*HC:99214**1",
                        "CAS*CO*45*40",
                        "CAS*PR*2*25",
                        "DTP*573*D8*20260320");
        assertThat(lineLoop(text, 2))
                .containsSubsequence(
                        "REF*6R*clm-20260311-000317-2",
                        "SVD*BKHP1*30*HC:83036**1",
                        "CAS*CO*45*10",
                        "CAS*PR*3*5",
                        "DTP*573*D8*20260320");
        // the claim's own subscriber loop names the destination payer as secondary
        assertThat(segments(text)).contains("SBR*S*18*M55512345******MC", "NM1*PR*2*OHIO MEDICAID*****PI*MCD01");
    }

    @Test
    void everySegmentParsesBackWithStaediAndTheElementsAreWhereTheGuidePutsThem() throws Exception {
        byte[] x12 = writer.write(
                Professional837WriterTest.ENVELOPE,
                List.of(new ClaimTransaction(7, ClaimSubmittedMapper.toClaim(secondaryClaim()))));

        Professional837WriterTest.validated(x12);
        List<Segment> read = X12Segments.read(x12);
        Segment amtD = read.stream()
                .filter(s -> s.tag().equals("AMT") && "D".equals(s.element(1)))
                .findFirst()
                .orElseThrow();
        assertThat(new BigDecimal(amtD.element(2))).isEqualByComparingTo("130.00");
        List<Segment> svd = read.stream().filter(s -> s.tag().equals("SVD")).toList();
        assertThat(svd).hasSize(2);
        assertThat(svd.get(0).element(1)).isEqualTo("BKHP1");
        assertThat(svd.get(0).component(3, 1)).isEqualTo("HC");
        assertThat(svd.get(0).component(3, 2)).isEqualTo("99214");
        assertThat(svd.get(0).element(5)).isEqualTo("1");
        Segment oi = read.stream().filter(s -> s.tag().equals("OI")).findFirst().orElseThrow();
        assertThat(oi.element(3)).isEqualTo("Y");
        assertThat(oi.element(6)).isEqualTo("Y");
    }

    @Test
    void primaryClaimNamesTheSecondaryWithoutAdjudication() throws Exception {
        ClaimSubmitted event = Samples.load(ClaimSubmitted.class);
        event.setOtherCoverages(List.of(medicaid(PayerResponsibility.SECONDARY)));

        String text = written(event);

        assertThat(loops2320To2330(text))
                .containsExactly(
                        "SBR*S*18*M55512345******MC",
                        "OI***Y***Y",
                        "NM1*IL*1*WHITFIELD*ELEANOR*J***MI*OH55512345",
                        "N3*418 MAPLE RIDGE DR*APT 2B",
                        "N4*COLUMBUS*OH*432141032",
                        "NM1*PR*2*OHIO MEDICAID*****PI*MCD01");
        assertThat(segments(text)).noneMatch(s -> s.startsWith("SVD") || s.startsWith("AMT") || s.startsWith("CAS"));
    }

    @Test
    void tertiaryClaimCarriesBothPriorPayersInPaymentOrder() throws Exception {
        ClaimSubmitted event = Samples.load(ClaimSubmitted.class);
        Coverage primary = event.getCoverage();
        event.setCoverage(medigap());
        event.setOtherCoverages(List.of(primary, medicaid(PayerResponsibility.SECONDARY)));
        // the secondary adjudicated at claim level only: its DTP*573 goes in 2330B, it has no 2430
        PriorPayerAdjudication secondary = PriorPayerAdjudication.newBuilder()
                .setResponsibility(PayerResponsibility.SECONDARY)
                .setPayer(medicaid(PayerResponsibility.SECONDARY).getPayer())
                .setPayerClaimNumber("MCD-9001")
                .setAdjudicationDate(SECONDARY_PAID_ON)
                .setPaidAmount(new BigDecimal("20.00"))
                .setRemainingPatientLiability(new BigDecimal("10.00"))
                .setClaimAdjustments(List.of(
                        adjustment(AdjustmentGroupCode.OA, "23", "130.00"),
                        adjustment(AdjustmentGroupCode.CO, "45", "50.00"),
                        adjustment(AdjustmentGroupCode.PR, "2", "10.00")))
                .setLines(List.of())
                .build();
        event.setPriorPayerAdjudications(List.of(primaryAdjudication(), secondary));

        String text = written(event);

        assertThat(loops2320To2330(text))
                .hasSize(PRIMARY_LOOPS.size() + 13)
                .startsWith(PRIMARY_LOOPS.toArray(String[]::new))
                .endsWith(
                        "SBR*S*18*M55512345******MC",
                        "CAS*OA*23*130",
                        "CAS*CO*45*50",
                        "CAS*PR*2*10",
                        "AMT*D*20",
                        "AMT*EAF*10",
                        "OI***Y***Y",
                        "NM1*IL*1*WHITFIELD*ELEANOR*J***MI*OH55512345",
                        "N3*418 MAPLE RIDGE DR*APT 2B",
                        "N4*COLUMBUS*OH*432141032",
                        "NM1*PR*2*OHIO MEDICAID*****PI*MCD01",
                        "DTP*573*D8*20260402",
                        "REF*F8*MCD-9001");
        assertThat(segments(text)).contains("SBR*T*18*MG-4411******CI");
        assertThat(segments(text).stream().filter(s -> s.startsWith("SVD")))
                .containsExactly("SVD*BKHP1*100*HC:99214**1", "SVD*BKHP1*30*HC:83036**1");
    }

    @Test
    void aPriorPayerWhoseAdjudicationDoesNotBalanceIsRefusedWithTheReason() {
        ClaimSubmitted event = secondaryClaim();
        // the primary's second line loses its contractual adjustment: 45.00 is no longer paid 30.00 + 15.00
        event.getPriorPayerAdjudications()
                .get(0)
                .getLines()
                .get(1)
                .setAdjustments(List.of(adjustment(AdjustmentGroupCode.PR, "3", "5.00")));

        assertThatThrownBy(() -> ClaimSubmittedMapper.toClaim(event))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prior payer BKHP1")
                .hasMessageContaining("COB does not balance")
                .hasMessageContaining("claim charge 210.00 is not paid 130.00 + claim and line adjustments 70.00");
    }

    @Test
    void aPriorPayerLineThatDoesNotBalanceIsRefused() {
        ClaimSubmitted event = secondaryClaim();
        // line 1 paid 10.00 more and line 2 10.00 less: the claim balances, the lines do not
        var lines = event.getPriorPayerAdjudications().get(0).getLines();
        lines.get(0).setPaidAmount(new BigDecimal("110.00"));
        lines.get(1).setPaidAmount(new BigDecimal("20.00"));

        assertThatThrownBy(() -> ClaimSubmittedMapper.toClaim(event))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("COB does not balance on line 1: line charge 165.00 is not paid 110.00");
    }

    @Test
    void anAdjudicationByAPayerThatIsNoOtherCoverageIsRefused() {
        ClaimSubmitted event = secondaryClaim();
        event.setOtherCoverages(List.of());

        assertThatThrownBy(() -> ClaimSubmittedMapper.toClaim(event))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prior payer BKHP1 adjudicated it but is none of its other coverages");
    }

    @Test
    void theQueuedClaimKeepsItsOtherPayersThroughItsJsonRow() {
        OutboundClaim claim = ClaimSubmittedMapper.toClaim(secondaryClaim());
        JsonMapper json = JsonMapper.builder().build();

        OutboundClaim read = json.readValue(json.writeValueAsString(claim), OutboundClaim.class);

        assertThat(read).isEqualTo(claim);
        assertThat(read.paymentOrder().stream().map(OutboundClaim.Coverage::payerId))
                .containsExactly("BKHP1", "MCD01");
    }

    @Test
    void aClaimStoredBeforeOtherPayersExistedReadsWithNone() {
        JsonMapper json = JsonMapper.builder().build();
        OutboundClaim claim = ClaimSubmittedMapper.toClaim(Samples.load(ClaimSubmitted.class));
        var tree = (tools.jackson.databind.node.ObjectNode) json.valueToTree(claim);
        tree.remove("otherPayers");

        OutboundClaim read = json.treeToValue(tree, OutboundClaim.class);

        assertThat(read.otherPayers()).isEmpty();
    }

    @Test
    void theNextPayerFollowsTheBilledCoverageAlsoWhenBothPlansAreOfOnePayer() {
        ClaimSubmitted event = secondaryClaim();
        // a spouse's plan with the same payer as the primary: billed as secondary, the primary's adjudication before
        event.getCoverage().getPayer().setPayerId("BKHP1");
        event.getPriorPayerAdjudications().clear();
        Coverage tertiary = medigap();
        event.setOtherCoverages(List.of(tertiary, event.getOtherCoverages().get(0)));

        OutboundClaim claim = ClaimSubmittedMapper.toClaim(event);

        assertThat(claim.paymentOrder().stream().map(OutboundClaim.Coverage::payerSequence))
                .containsExactly("P", "S", "T");
        assertThat(claim.nextAfter("BKHP1").orElseThrow().payerId()).isEqualTo("MGAP1");
        assertThat(claim.nextAfter("MGAP1")).isEmpty();
        assertThat(claim.nextAfter("NOT-A-PAYER")).isEmpty();
    }

    /** The sample claim billed to Ohio Medicaid as secondary, after Buckeye Health Plan paid 130.00 of 210.00. */
    static ClaimSubmitted secondaryClaim() {
        ClaimSubmitted event = Samples.load(ClaimSubmitted.class);
        Coverage primary = event.getCoverage();
        event.setCoverage(medicaid(PayerResponsibility.SECONDARY));
        event.setOtherCoverages(List.of(primary));
        event.setPriorPayerAdjudications(new ArrayList<>(List.of(primaryAdjudication())));
        return event;
    }

    /**
     * Buckeye Health Plan's 835: line 1 (165.00) paid 100.00, CO-45 40.00, PR-2 25.00; line 2 (45.00) paid 30.00,
     * CO-45 10.00, PR-3 5.00. Paid 130.00, patient 30.00: 210.00 = 130.00 + 80.00 of line adjustments.
     */
    static PriorPayerAdjudication primaryAdjudication() {
        return PriorPayerAdjudication.newBuilder()
                .setResponsibility(PayerResponsibility.PRIMARY)
                .setPayer(Payer.newBuilder()
                        .setPayerId("BKHP1")
                        .setName("Buckeye Health Plan")
                        .build())
                .setPayerClaimNumber("BKHP-77001")
                .setAdjudicationDate(PRIMARY_PAID_ON)
                .setPaidAmount(new BigDecimal("130.00"))
                .setRemainingPatientLiability(new BigDecimal("30.00"))
                .setClaimAdjustments(List.of())
                .setLines(new ArrayList<>(List.of(
                        line(
                                1,
                                "99214",
                                "165.00",
                                "100.00",
                                adjustment(AdjustmentGroupCode.CO, "45", "40.00"),
                                adjustment(AdjustmentGroupCode.PR, "2", "25.00")),
                        line(
                                2,
                                "83036",
                                "45.00",
                                "30.00",
                                adjustment(AdjustmentGroupCode.CO, "45", "10.00"),
                                adjustment(AdjustmentGroupCode.PR, "3", "5.00")))))
                .build();
    }

    static LineAdjudication line(int number, String code, String charge, String paid, Adjustment... adjustments) {
        return LineAdjudication.newBuilder()
                .setLineNumber(number)
                .setLineItemControlNumber("clm-20260311-000317-" + number)
                .setProcedureCode(code)
                .setCodeSystem(CodeSystem.CPT)
                .setModifiers(List.of())
                .setUnits(1)
                .setChargeAmount(new BigDecimal(charge))
                .setPaidAmount(new BigDecimal(paid))
                .setAdjustments(List.of(adjustments))
                .setRemarkCodes(List.of())
                .build();
    }

    static Adjustment adjustment(AdjustmentGroupCode group, String reason, String amount) {
        return Adjustment.newBuilder()
                .setGroupCode(group)
                .setReasonCode(reason)
                .setAmount(new BigDecimal(amount))
                .build();
    }

    static Coverage medicaid(PayerResponsibility responsibility) {
        Coverage coverage = Coverage.newBuilder(
                        Samples.load(ClaimSubmitted.class).getCoverage())
                .build();
        coverage.setResponsibility(responsibility);
        coverage.setPayer(
                Payer.newBuilder().setPayerId("MCD01").setName("Ohio Medicaid").build());
        coverage.getSubscriber().setMemberId("OH55512345");
        coverage.setGroupNumber("M55512345");
        coverage.setGroupName(null);
        coverage.setClaimFilingIndicator("MC");
        return coverage;
    }

    static Coverage medigap() {
        Coverage coverage = Coverage.newBuilder(
                        Samples.load(ClaimSubmitted.class).getCoverage())
                .build();
        coverage.setResponsibility(PayerResponsibility.TERTIARY);
        coverage.setPayer(Payer.newBuilder()
                .setPayerId("MGAP1")
                .setName("Buckeye Medigap")
                .build());
        coverage.getSubscriber().setMemberId("MG-4411-01");
        coverage.setGroupNumber("MG-4411");
        coverage.setClaimFilingIndicator("CI");
        return coverage;
    }

    String written(ClaimSubmitted event) throws Exception {
        byte[] x12 = writer.write(
                Professional837WriterTest.ENVELOPE,
                List.of(new ClaimTransaction(7, ClaimSubmittedMapper.toClaim(event))));
        Professional837WriterTest.validated(x12);
        return new String(x12, StandardCharsets.US_ASCII);
    }

    static List<String> segments(String text) {
        return List.of(text.split("~")).stream()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** From the first SBR after CLM (loop 2320) to the first LX (loop 2400). */
    static List<String> loops2320To2330(String text) {
        List<String> segments = segments(text);
        int clm = indexOf(segments, "CLM*", 0);
        int from = indexOf(segments, "SBR*", clm);
        int to = indexOf(segments, "LX*", from);
        return segments.subList(from, to);
    }

    /** Loop 2400 of line {@code n}, up to the next LX or SE. */
    static List<String> lineLoop(String text, int n) {
        List<String> segments = segments(text);
        int from = segments.indexOf("LX*" + n);
        int to = from + 1;
        while (!segments.get(to).startsWith("LX*") && !segments.get(to).startsWith("SE*")) {
            to++;
        }
        return segments.subList(from, to);
    }

    private static int indexOf(List<String> segments, String prefix, int from) {
        for (int i = from; i < segments.size(); i++) {
            if (segments.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError(prefix + " not found after segment " + from + " in "
                + segments.stream().collect(Collectors.joining("~")));
    }
}
