package io.claimflow.claim.submission;

import static io.claimflow.claim.TestEncounters.line;
import static io.claimflow.claim.TestEncounters.officeVisit;
import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.claim.TestEncounters;
import io.claimflow.claim.model.Actor;
import io.claimflow.claim.model.Claim;
import io.claimflow.claim.model.CodedEncounter;
import io.claimflow.claim.model.ProviderRef;
import io.claimflow.claim.model.ScrubFinding;
import io.claimflow.codes.Npi;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScrubberTest {

    static final LocalDate TODAY = LocalDate.of(2026, 3, 11);
    final ClaimAssembler assembler = new ClaimAssembler(TestEncounters.feeSchedule());
    final Scrubber scrubber = new Scrubber();
    final Scrubber.Context normal = new Scrubber.Context(TODAY, 365, false);

    Claim claim(CodedEncounter encounter) {
        return assembler.assemble(
                encounter,
                ClaimNumbers.of(1, "riverside-fm", TODAY),
                null,
                Actor.system("t"),
                Instant.parse("2026-03-11T02:00:00Z"));
    }

    List<String> rules(List<ScrubFinding> findings) {
        return findings.stream().map(ScrubFinding::ruleId).toList();
    }

    @Test
    void theSampleOfficeVisitIsClean() {
        assertThat(scrubber.scrub(claim(officeVisit()), normal)).isEmpty();
    }

    @Test
    void aBillingNpiWithAWrongCheckDigitHoldsTheClaimWithThatReason() {
        Claim claim = claim(officeVisit(
                new ProviderRef("1847362915", "311234567", "EIN", true),
                officeVisit().lines()));

        List<ScrubFinding> findings = scrubber.scrub(claim, normal);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("NPI_CHECK_DIGIT");
            assertThat(f.message()).contains("billing provider NPI 1847362915").contains("check digit");
        });
    }

    @Test
    void taxIdMustBeNineDigitsWithAnAssignedPrefix() {
        assertThat(rules(scrubber.scrub(
                        claim(officeVisit(
                                new ProviderRef("1847362914", "31-1234567", "EIN", true),
                                officeVisit().lines())),
                        normal)))
                .containsExactly("TAX_ID_FORMAT");
        assertThat(rules(scrubber.scrub(
                        claim(officeVisit(
                                new ProviderRef("1847362914", "071234567", "EIN", true),
                                officeVisit().lines())),
                        normal)))
                .containsExactly("TAX_ID_FORMAT");
        assertThat(rules(scrubber.scrub(
                        claim(officeVisit(
                                new ProviderRef("1847362914", null, null, true),
                                officeVisit().lines())),
                        normal)))
                .containsExactly("TAX_ID_FORMAT");
    }

    @Test
    void pointersMustReferToDiagnosesOnTheClaim() {
        Claim claim = claim(officeVisit(
                TestEncounters.BILLING,
                List.of(
                        line(1, "99214", List.of(), 1, List.of(1, 3)),
                        line(2, "83036", List.of(), 1, List.of()),
                        line(3, "36415", List.of(), 1, List.of(2, 2)))));

        List<ScrubFinding> findings = scrubber.scrub(claim, normal);

        assertThat(findings).extracting(ScrubFinding::ruleId).containsOnly("DIAGNOSIS_POINTERS");
        assertThat(findings).extracting(ScrubFinding::lineNumber).containsExactly(1, 2, 3);
    }

    @Test
    void aLineWithoutFeeSchedulePriceIsHeld() {
        Claim claim = claim(officeVisit(TestEncounters.BILLING, List.of(line(1, "99499", List.of(), 1, List.of(1)))));

        assertThat(scrubber.scrub(claim, normal))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("no fee schedule price for 99499"));
    }

    @Test
    void aSelfPayEncounterHasNoCoverageToBill() {
        CodedEncounter e = officeVisit();
        CodedEncounter selfPay = new CodedEncounter(
                e.eventId(),
                e.encounterId(),
                e.tenantId(),
                1,
                e.dateOfService(),
                "11",
                null,
                e.patientMrn(),
                e.billing(),
                e.rendering(),
                null,
                null,
                e.diagnoses(),
                e.lines(),
                e.snapshot());

        assertThat(rules(scrubber.scrub(claim(selfPay), normal))).containsExactly("COVERAGE_ON_FILE");
    }

    @Test
    void timelyFilingWindowAndFutureDatesAreChecked() {
        Claim claim = claim(officeVisit());

        assertThat(rules(scrubber.scrub(claim, new Scrubber.Context(LocalDate.of(2026, 6, 9), 90, false))))
                .containsExactly("TIMELY_FILING");
        assertThat(scrubber.scrub(claim, new Scrubber.Context(LocalDate.of(2026, 6, 8), 90, false)))
                .isEmpty();
        assertThat(rules(scrubber.scrub(claim, new Scrubber.Context(LocalDate.of(2026, 3, 9), 90, false))))
                .containsExactly("DATE_OF_SERVICE");
    }

    @Test
    void aDelayReasonPassesTheTimelyFilingRuleOnlyAndEditedChargesKeepTheTotalEqualToTheLines() {
        Claim late = claim(officeVisit(
                new ProviderRef("1847362915", "311234567", "EIN", true),
                officeVisit().lines()));
        late.transitionTo(
                io.claimflow.claim.model.ClaimStatus.HELD,
                Actor.system("t"),
                "held",
                null,
                Instant.parse("2026-06-09T00:00:00Z"));
        Scrubber.Context afterWindow = new Scrubber.Context(LocalDate.of(2026, 6, 9), 90, false);
        assertThat(rules(scrubber.scrub(late, afterWindow)))
                .containsExactlyInAnyOrder("TIMELY_FILING", "NPI_CHECK_DIGIT");

        late.fileLate("7", "orig filed 2026-03-12 payer ICN 123");
        assertThat(rules(scrubber.scrub(late, afterWindow))).containsExactly("NPI_CHECK_DIGIT");

        java.util.List<String> changes = late.editCharges(java.util.List.of(
                new Claim.LineCharge(1, new java.math.BigDecimal("200.00"), null), new Claim.LineCharge(2, null, 2)));
        assertThat(changes).last().asString().startsWith("total ");
        assertThat(late.totalCharge())
                .isEqualByComparingTo(
                        late.lines().get(0).charge().add(late.lines().get(1).charge()));
        assertThat(late.lines().get(1).units()).isEqualTo(2);
        assertThat(rules(scrubber.scrub(late, afterWindow))).containsExactly("NPI_CHECK_DIGIT");
    }

    @Test
    void aDuplicateOfAnotherLiveClaimIsHeld() {
        assertThat(rules(scrubber.scrub(claim(officeVisit()), new Scrubber.Context(TODAY, 365, true))))
                .containsExactly("DUPLICATE_CLAIM");
    }

    @Test
    void requiredDataAndLimits() {
        Claim claim = claim(officeVisit(
                new ProviderRef("1847362914", "311234567", "EIN", false),
                List.of(
                        line(1, "99214", List.of("25", "59", "XU", "76", "77"), 1, List.of(1)),
                        line(2, "83036", List.of(), 0, List.of(1)))));

        assertThat(scrubber.scrub(claim, normal))
                .extracting(ScrubFinding::message)
                .containsExactly(
                        "billing provider street address is missing",
                        "line 1 must have at most 4 two-character modifiers",
                        "line 2 must bill at least 1 unit");
    }

    @Test
    void npiCheckDigit() {
        assertThat(Npi.isValid("1234567893")).isTrue();
        assertThat(Npi.isValid("1847362914")).isTrue();
        assertThat(Npi.isValid("1234567890")).isFalse();
        assertThat(Npi.isValid("123456789")).isFalse();
        assertThat(Npi.isValid("3234567893")).isFalse();
        assertThat(Npi.isValid(null)).isFalse();
    }
}
