package io.claimflow.claim.submission;

import static io.claimflow.claim.TestEncounters.line;
import static io.claimflow.claim.TestEncounters.officeVisit;
import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.claim.TestEncounters;
import io.claimflow.claim.model.Actor;
import io.claimflow.claim.model.Claim;
import io.claimflow.claim.model.ClaimLine;
import io.claimflow.claim.model.ClaimStatus;
import io.claimflow.codes.Frequency;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClaimAssemblerTest {

    static final Instant NOW = Instant.parse("2026-03-11T02:00:03Z");
    final ClaimAssembler assembler = new ClaimAssembler(TestEncounters.feeSchedule());
    final ClaimNumbers numbers = ClaimNumbers.of(317, "riverside-fm", LocalDate.of(2026, 3, 11));

    @Test
    void officeVisitIsPricedFromTheFeeScheduleAndTotalsToTheCent() {
        Claim claim = assembler.assemble(officeVisit(), numbers, null, Actor.system("claim-assembly"), NOW);

        assertThat(claim.claimId()).isEqualTo("clm-20260311-000317");
        assertThat(claim.patientControlNumber()).isEqualTo("RIV20260311000317");
        assertThat(claim.frequency()).isEqualTo(Frequency.ORIGINAL);
        assertThat(claim.status()).isEqualTo(ClaimStatus.CREATED);
        assertThat(claim.lines())
                .extracting(ClaimLine::charge)
                .containsExactly(new BigDecimal("165.00"), new BigDecimal("45.00"));
        assertThat(claim.lines())
                .extracting(ClaimLine::lineItemControlNumber)
                .containsExactly("clm-20260311-000317-1", "clm-20260311-000317-2");
        assertThat(claim.totalCharge()).isEqualByComparingTo("210.00").hasScaleOf(2);
        assertThat(claim.coverage().payerId()).isEqualTo("BKHP1");
        assertThat(claim.diagnoses()).extracting(d -> d.code()).containsExactly("I10", "E11.9");
        assertThat(claim.pendingChanges())
                .singleElement()
                .satisfies(c -> assertThat(c.actor()).isEqualTo(Actor.system("claim-assembly")));
    }

    @Test
    void unitsMultiplyTheUnitPriceAndAModifierPriceWins() {
        Claim claim = assembler.assemble(
                officeVisit(
                        TestEncounters.BILLING,
                        List.of(
                                line(1, "99213", List.of("25"), 1, List.of(1)),
                                line(2, "96372", List.of(), 1, List.of(1)),
                                line(3, "J1100", List.of(), 4, List.of(1)),
                                line(4, "93000", List.of("26"), 1, List.of(1)))),
                numbers,
                null,
                Actor.system("t"),
                NOW);

        assertThat(claim.lines())
                .extracting(ClaimLine::charge)
                .containsExactly(
                        new BigDecimal("115.00"),
                        new BigDecimal("35.00"),
                        new BigDecimal("48.00"),
                        new BigDecimal("20.00"));
        assertThat(claim.totalCharge()).isEqualByComparingTo("218.00");
    }

    @Test
    void aLineWithoutPriceStaysUnpricedAndIsLeftOutOfTheTotal() {
        Claim claim = assembler.assemble(
                officeVisit(
                        TestEncounters.BILLING,
                        List.of(
                                line(1, "99214", List.of(), 1, List.of(1)),
                                line(2, "99499", List.of(), 1, List.of(1)))),
                numbers,
                null,
                Actor.system("t"),
                NOW);

        assertThat(claim.lines().get(1).priced()).isFalse();
        assertThat(claim.totalCharge()).isEqualByComparingTo("165.00");
    }

    @Test
    void aReplacementOfAnAdjudicatedClaimIsFrequency7WithThePayersClaimNumber() {
        Claim original = assembler.assemble(officeVisit(), numbers, null, Actor.system("t"), NOW);
        original.payerClaimNumber("2026090123456");

        Claim corrected = assembler.assemble(
                officeVisit(),
                ClaimNumbers.of(318, "riverside-fm", LocalDate.of(2026, 4, 2)),
                original,
                Actor.system("t"),
                NOW);

        assertThat(corrected.frequency()).isEqualTo(Frequency.REPLACEMENT);
        assertThat(corrected.replacedPayerClaimNumber()).isEqualTo("2026090123456");
        assertThat(corrected.replacedClaimId()).isEqualTo(original.claimId());
    }

    @Test
    void aClaimThePayerNeverAdjudicatedIsReplacedByANewOriginal() {
        Claim held = assembler.assemble(officeVisit(), numbers, null, Actor.system("t"), NOW);

        Claim next = assembler.assemble(
                officeVisit(),
                ClaimNumbers.of(318, "riverside-fm", LocalDate.of(2026, 4, 2)),
                held,
                Actor.system("t"),
                NOW);

        assertThat(next.frequency()).isEqualTo(Frequency.ORIGINAL);
        assertThat(next.replacedPayerClaimNumber()).isNull();
    }

    @Test
    void patientControlNumberNeverExceedsTwentyCharacters() {
        ClaimNumbers big = ClaimNumbers.of(123_456_789_012L, "riverside-fm", LocalDate.of(2026, 3, 11));

        assertThat(big.patientControlNumber()).hasSizeLessThanOrEqualTo(20).endsWith("123456789012");
    }
}
