package io.claimflow.adjudication.response;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.adjudication.x12.Remittance;
import io.claimflow.adjudication.x12.Remittance835Reader;
import io.claimflow.x12.X12Segments;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The 835 reader and the balancing rules on a hand-made ERA with claim-level CAS, MOA, a denial and a PLB. */
class BalancingTest {

    static String fixture() throws Exception {
        try (InputStream in = BalancingTest.class.getResourceAsStream("/x12/two-claims-plb-835.x12")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    static List<Remittance> read(String x12) {
        return Remittance835Reader.read(X12Segments.read(x12.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void readsTheEra() throws Exception {
        Remittance era = read(fixture()).get(0);

        assertThat(era.traceNumber()).isEqualTo("EFT0331000001");
        assertThat(era.payerKey()).isEqualTo("1310000001");
        assertThat(era.payerId()).isEqualTo("OTHP1");
        assertThat(era.paymentMethod()).isEqualTo("ACH");
        assertThat(era.paymentAmount()).isEqualByComparingTo("160.00");
        assertThat(era.providerAdjustments())
                .singleElement()
                .satisfies(p -> assertThat(p.amount()).isEqualByComparingTo("-50.00"));
        Remittance.ClaimPayment first = era.claims().get(0);
        assertThat(first.adjustments()).extracting(Remittance.Cas::reason).containsExactly("23");
        assertThat(first.remarkCodes()).containsExactly("MA01");
        assertThat(first.lines().get(0).adjustments())
                .extracting(Remittance.Cas::reason)
                .containsExactly("45", "1", "2");
        assertThat(first.lines().get(1).modifiers()).containsExactly("JW");
        assertThat(first.lines().get(1).units()).isEqualByComparingTo("2");
        assertThat(first.lines().get(1).lineItemControlNumber()).isEqualTo("clm-a-2");
        assertThat(era.claims().get(1).statusCode()).isEqualTo("4");
    }

    @Test
    void aBalancedEraWithAProviderAdjustmentBalances() throws Exception {
        // claim A: 200 = 110 + OA-23 10 + line 1 (10 + 20 + 0) + line 2 (40 + 10 + 0); PR = 20 + 10 = 30
        // BPR 160 = 110 + 0 - (-50)
        assertThat(Balancing.problems(read(fixture()).get(0))).isEmpty();
    }

    @Test
    void aPaymentThatIsNotTheClaimsLessPlbIsReported() throws Exception {
        String wrong = fixture().replace("BPR*I*160*", "BPR*I*161*");

        assertThat(Balancing.problems(read(wrong).get(0)))
                .singleElement()
                .asString()
                .contains("BPR02 payment 161.00 != claim payments 110.00 - provider adjustments -50.00 (= 160.00)");
    }

    @Test
    void aClaimWhoseAdjustmentsDoNotAddUpIsReported() throws Exception {
        String wrong = fixture().replace("CAS*OA*23*10~", "CAS*OA*23*11~");

        assertThat(Balancing.problems(read(wrong).get(0)))
                .singleElement()
                .asString()
                .contains("claim 1 (CLP01 PCN-A): charge 200.00 != paid 110.00 + adjustments 91.00");
    }

    @Test
    void aLineAndThePatientShareAreCheckedToo() throws Exception {
        String wrong = fixture()
                .replace("CAS*CO*45*40~", "CAS*CO*45*41~")
                .replace("CLP*PCN-A*1*200*110*30*", "CLP*PCN-A*1*200*110*31*");

        List<String> problems = Balancing.problems(read(wrong).get(0));

        assertThat(problems).anyMatch(p -> p.contains("line 2: charge 80.00 != paid 30.00 + adjustments 51.00"));
        assertThat(problems).anyMatch(p -> p.contains("patient responsibility CLP05 31.00 != PR adjustments 30.00"));
    }

    @Test
    void amountsWithMoreThanCentsAreNotReadable() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                        () -> read(fixture0().replace("*110*30*", "*110.001*30*"))))
                .hasMessageContaining("not an amount in dollars and cents");
    }

    private static String fixture0() {
        try {
            return fixture();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void paymentMethodsMapToTheEventEnum() {
        assertThat(RemittancePosting.paymentMethod("CHK")).isEqualTo("CHECK");
        assertThat(RemittancePosting.paymentMethod("ACH")).isEqualTo("EFT");
        assertThat(RemittancePosting.paymentMethod("NON")).isEqualTo("NON_PAYMENT");
        assertThat(RemittancePosting.paymentMethod("XYZ")).isEqualTo("OTHER");
        assertThat(RemittancePosting.codeSystem("J1100")).isEqualTo("HCPCS");
        assertThat(RemittancePosting.codeSystem("99213")).isEqualTo("CPT");
        assertThat(new BigDecimal("1.50")).isEqualByComparingTo("1.5");
    }
}
