package io.claimflow.claim.submission;

import static io.claimflow.claim.TestEncounters.officeVisit;
import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.claim.TestEncounters;
import io.claimflow.claim.model.Actor;
import io.claimflow.claim.model.Claim;
import io.claimflow.claim.model.CoverageRef;
import io.claimflow.claim.model.PriorAdjudication;
import io.claimflow.claim.model.PriorAdjudication.Adjustment;
import io.claimflow.claim.model.ScrubFinding;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scrubber's coordination-of-benefits rule on a secondary claim of the sample visit (210.00). */
class PriorPayerScrubTest {

    static final LocalDate TODAY = LocalDate.of(2026, 4, 1);
    static final Instant T = Instant.parse("2026-04-01T10:00:00Z");
    static final CoverageRef MEDICAID = new CoverageRef("MCD01", "Ohio Medicaid", "MCD5550001", "SELF");
    final Scrubber scrubber = new Scrubber();
    final Scrubber.Context normal = new Scrubber.Context(TODAY, 365, false);
    final Claim primary = new ClaimAssembler(TestEncounters.feeSchedule())
            .assemble(officeVisit(), ClaimNumbers.of(1, "riverside-fm", TODAY), null, Actor.system("t"), T);

    static Adjustment adj(String group, String carc, String amount) {
        return new Adjustment(group, carc, new BigDecimal(amount));
    }

    static PriorAdjudication.Line line(int n, String charge, String paid, Adjustment... adjustments) {
        return new PriorAdjudication.Line(
                n,
                n == 1 ? "99214" : "83036",
                List.of(),
                1,
                new BigDecimal(charge),
                null,
                new BigDecimal(paid),
                List.of(adjustments),
                List.of());
    }

    static PriorAdjudication primaryAdjudication(String patientTotal, PriorAdjudication.Line... lines) {
        return new PriorAdjudication(
                1,
                "BKHP1",
                "Buckeye Health Plan",
                "ICN1",
                LocalDate.of(2026, 3, 31),
                new BigDecimal("128.00"),
                new BigDecimal(patientTotal),
                List.of(),
                List.of(lines),
                "clm-1",
                "ev-1");
    }

    Claim secondary(List<PriorAdjudication> priors) {
        return primary.forNextPayer("clm-2", "RIV2", MEDICAID, priors, null, Actor.system("cob"), "ev-1", T);
    }

    List<ScrubFinding> findings(Claim claim) {
        return scrubber.scrub(claim, normal).stream()
                .filter(f -> f.ruleId().equals(ScrubRule.PRIOR_PAYER_ADJUDICATION.name()))
                .toList();
    }

    final PriorAdjudication balanced = primaryAdjudication(
            "32.00",
            line(1, "165.00", "96.00", adj("CO", "45", "45.00"), adj("PR", "2", "24.00")),
            line(2, "45.00", "32.00", adj("CO", "45", "5.00"), adj("PR", "2", "8.00")));

    @Test
    void aSecondaryClaimWithTheBalancedPrimaryAdjudicationIsClean() {
        assertThat(scrubber.scrub(secondary(List.of(balanced)), normal)).isEmpty();
        assertThat(findings(primary)).isEmpty();
    }

    @Test
    void aSecondaryClaimWithoutThePrimarysAdjudicationIsHeld() {
        assertThat(findings(secondary(List.of())))
                .singleElement()
                .satisfies(
                        f -> assertThat(f.message()).contains("carries 1 earlier payers' adjudications, this one 0"));
    }

    @Test
    void aLineWhosePriorPaidAndAdjustmentsMissItsChargeByACentIsHeldOnThatLine() {
        PriorAdjudication offByACent = primaryAdjudication(
                "32.00",
                line(1, "165.00", "96.00", adj("CO", "45", "44.99"), adj("PR", "2", "24.00")),
                line(2, "45.00", "32.00", adj("CO", "45", "5.01"), adj("PR", "2", "8.00")));

        assertThat(findings(secondary(List.of(offByACent))))
                .extracting(ScrubFinding::lineNumber)
                .containsExactly(1, 2);
    }

    @Test
    void aRemainingPatientLiabilityOtherThanThePrAdjustmentsIsHeld() {
        PriorAdjudication wrongLiability = primaryAdjudication(
                "30.00",
                line(1, "165.00", "96.00", adj("CO", "45", "45.00"), adj("PR", "2", "24.00")),
                line(2, "45.00", "32.00", adj("CO", "45", "5.00"), adj("PR", "2", "8.00")));

        assertThat(findings(secondary(List.of(wrongLiability))))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("remaining patient liability 30.00"));
    }

    @Test
    void anAmountInFractionsOfACentIsHeld() {
        PriorAdjudication fractions = primaryAdjudication(
                "32.00",
                line(1, "165.00", "96.005", adj("CO", "45", "44.995"), adj("PR", "2", "24.00")),
                line(2, "45.00", "32.00", adj("CO", "45", "5.00"), adj("PR", "2", "8.00")));

        assertThat(findings(secondary(List.of(fractions))))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("whole cents"));
    }

    @Test
    void aSecondPlanOfTheSamePayerIsBilledInTurn() {
        // the member's own plan paid first; the spouse's plan with the same insurer pays second (found in the e2e
        // workload, where such claims were held as billing the earlier payer again)
        Claim toSpousesPlan = primary.forNextPayer(
                "clm-2", "RIV2", TestEncounters.BUCKEYE, List.of(balanced), null, Actor.system("cob"), "ev-1", T);

        assertThat(findings(toSpousesPlan)).isEmpty();
    }
}
