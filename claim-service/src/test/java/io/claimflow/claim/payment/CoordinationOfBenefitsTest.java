package io.claimflow.claim.payment;

import static io.claimflow.claim.TestEncounters.officeVisit;
import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.claim.TestEncounters;
import io.claimflow.claim.denial.AdjustmentCode;
import io.claimflow.claim.denial.CarcTable;
import io.claimflow.claim.denial.DenialHandling;
import io.claimflow.claim.denial.DenialNotice;
import io.claimflow.claim.denial.DenialRouter;
import io.claimflow.claim.denial.RecodeAttempts;
import io.claimflow.claim.model.Actor;
import io.claimflow.claim.model.Claim;
import io.claimflow.claim.model.ClaimPolicy;
import io.claimflow.claim.model.ClaimStatus;
import io.claimflow.claim.model.CoverageRef;
import io.claimflow.claim.model.PriorAdjudication;
import io.claimflow.claim.model.StatusChange;
import io.claimflow.claim.submission.ClaimAssembler;
import io.claimflow.claim.submission.ClaimNumbers;
import io.claimflow.claim.submission.ClaimSubmission;
import io.claimflow.claim.submission.Scrubber;
import io.claimflow.claim.workitem.WorkQueue;
import io.claimflow.codes.Frequency;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Coordination of benefits in the domain: the primary's remittance naming a next payer builds the secondary claim
 * (and the secondary's the tertiary), a crossover waits for the next payer's remittance on the same claim, and the
 * visit's money reconciles to the cent with nothing counted twice.
 *
 * <p>The sample visit, 210.00 (99214 165.00, 83036 45.00). Primary BKHP1: paid 128.00, CO-45 50.00, PR-2 32.00.
 * Secondary MCD01: OA-23 178.00 (what the primary settled; 141.00 and 37.00 per line), paid 30.00, PR-3 2.00. Tertiary TRI01: OA-23 208.00, paid
 * 2.00.
 */
class CoordinationOfBenefitsTest {

    static final Instant T = Instant.parse("2026-04-01T10:00:00Z");
    static final CoverageRef MEDICAID = new CoverageRef("MCD01", "Ohio Medicaid", "MCD5550001", "SELF");
    static final CoverageRef TRICARE = new CoverageRef("TRI01", "Tricare For Life", "TFL7770001", "SELF");

    final Clock clock = Clock.fixed(T, ZoneOffset.UTC);
    final Repo claims = new Repo();
    final PaymentPostingTest.Work work = new PaymentPostingTest.Work();
    final PaymentPostingTest.PaymentsInMemory payments = new PaymentPostingTest.PaymentsInMemory();
    final List<Claim> published = new ArrayList<>();
    List<CoverageRef> coverages = List.of(TestEncounters.BUCKEYE, MEDICAID, TRICARE);
    final ClaimSubmission submission = new ClaimSubmission(
            claims,
            new ClaimAssembler(TestEncounters.feeSchedule()),
            new Scrubber(),
            (claim, cause, at) -> published.add(claim),
            new NoRecodes(),
            work,
            ClaimPolicy.defaults(),
            clock);
    final PaymentPosting posting = new PaymentPosting(
            claims,
            payments,
            work,
            CarcTable.shipped(),
            new NextPayerClaims(claims, c -> coverages, submission, work),
            clock);
    Claim primary;

    @BeforeEach
    void submittedPrimary() {
        primary = new ClaimAssembler(TestEncounters.feeSchedule())
                .assemble(
                        officeVisit(),
                        ClaimNumbers.of(1, "riverside-fm", LocalDate.of(2026, 3, 11)),
                        null,
                        Actor.system("assembly"),
                        T);
        primary.transitionTo(ClaimStatus.SUBMITTED, Actor.system("scrubber"), "passed", "e0", T);
        claims.insert(primary);
    }

    static AdjustmentCode adj(String group, String carc, String amount) {
        return new AdjustmentCode(group, carc, new BigDecimal(amount));
    }

    static PaymentNotice.LineOutcome line(int n, String code, String charge, String paid, AdjustmentCode... adj) {
        return new PaymentNotice.LineOutcome(
                n,
                code,
                new BigDecimal(charge),
                new BigDecimal(paid),
                List.of(adj),
                List.of(),
                1,
                new BigDecimal(paid),
                List.of());
    }

    PaymentNotice notice(
            Claim claim,
            String payerId,
            String trace,
            String code,
            PaymentNotice.Kind kind,
            String paid,
            String patient,
            List<AdjustmentCode> claimLevel,
            List<PaymentNotice.LineOutcome> lines,
            String nextPayer) {
        return new PaymentNotice(
                UUID.randomUUID().toString(),
                T,
                claim.encounterId(),
                claim.claimId(),
                payerId,
                payerId + "-ICN-" + trace,
                trace,
                code,
                kind,
                LocalDate.of(2026, 3, 31),
                claim.totalCharge(),
                new BigDecimal(paid),
                new BigDecimal(patient),
                claimLevel,
                lines,
                payerId + " plan",
                code.equals("19") || code.equals("20") || code.equals("21"),
                nextPayer,
                nextPayer == null ? null : nextPayer + " plan");
    }

    /** The primary's 835: paid 128.00, CO-45 50.00, PR-2 32.00, per line. */
    PaymentNotice primaryPaid(String trace, String code, String nextPayer) {
        return notice(
                primary,
                "BKHP1",
                trace,
                code,
                PaymentNotice.Kind.PROCESSED,
                "128.00",
                "32.00",
                List.of(),
                List.of(
                        line(1, "99214", "165.00", "96.00", adj("CO", "45", "45.00"), adj("PR", "2", "24.00")),
                        line(2, "83036", "45.00", "32.00", adj("CO", "45", "5.00"), adj("PR", "2", "8.00"))),
                nextPayer);
    }

    /** The secondary's 835 for {@code claim}: the full charge, OA-23 178.00, paid 30.00, PR-3 2.00. */
    PaymentNotice secondaryPaid(Claim claim, String trace, String code, String nextPayer) {
        return notice(
                claim,
                "MCD01",
                trace,
                code,
                PaymentNotice.Kind.PROCESSED,
                "30.00",
                "2.00",
                List.of(),
                List.of(
                        line(1, "99214", "165.00", "24.00", adj("OA", "23", "141.00")),
                        line(2, "83036", "45.00", "6.00", adj("OA", "23", "37.00"), adj("PR", "3", "2.00"))),
                nextPayer);
    }

    Claim claimFor(int sequence) {
        return claims.byId.values().stream()
                .filter(c -> c.payerSequence() == sequence && c.current())
                .findFirst()
                .orElseThrow();
    }

    VisitMoney visit() {
        Map<String, List<Payments.PostedPayment>> byClaim =
                payments.recorded.stream().collect(Collectors.groupingBy(Payments.PostedPayment::claimId));
        return VisitMoney.of(primary.encounterId(), new ArrayList<>(claims.byId.values()), byClaim);
    }

    @Test
    void thePrimarysRemittanceNamingANextPayerBuildsTheSecondaryClaimWithThePrimarysAdjudication() {
        assertThat(posting.onPaymentPosted(primaryPaid("EFT1", "1", "MCD01"))).isEqualTo(ClaimStatus.CLOSED);

        assertThat(published).singleElement().satisfies(secondary -> {
            assertThat(secondary.claimId()).isNotEqualTo(primary.claimId());
            assertThat(secondary.patientControlNumber()).isNotEqualTo(primary.patientControlNumber());
            assertThat(secondary.frequency()).isEqualTo(Frequency.ORIGINAL);
            assertThat(secondary.status()).isEqualTo(ClaimStatus.SUBMITTED);
            assertThat(secondary.payerSequence()).isEqualTo(2);
            assertThat(secondary.priorPayerClaimId()).isEqualTo(primary.claimId());
            assertThat(secondary.coverage()).isEqualTo(MEDICAID);
            assertThat(secondary.lines())
                    .usingRecursiveFieldByFieldElementComparatorIgnoringFields("lineItemControlNumber")
                    .isEqualTo(primary.lines());
            assertThat(secondary.lines())
                    .extracting(io.claimflow.claim.model.ClaimLine::lineItemControlNumber)
                    .containsExactly(secondary.claimId() + "-1", secondary.claimId() + "-2");
            assertThat(secondary.totalCharge()).isEqualByComparingTo("210.00");
            assertThat(secondary.encounterId()).isEqualTo(primary.encounterId());
            assertThat(secondary.priorAdjudications()).singleElement().satisfies(p -> {
                assertThat(p.responsibility()).isEqualTo("PRIMARY");
                assertThat(p.payerId()).isEqualTo("BKHP1");
                assertThat(p.payerClaimNumber()).isEqualTo("BKHP1-ICN-EFT1");
                assertThat(p.paidAmount()).isEqualByComparingTo("128.00");
                assertThat(p.remainingPatientLiability()).isEqualByComparingTo("32.00");
                assertThat(p.lines())
                        .extracting(PriorAdjudication.Line::lineNumber)
                        .containsExactly(1, 2);
                assertThat(p.lines().get(0).accountedFor()).isEqualByComparingTo("165.00");
            });
        });
        // the primary claim is paid and says where the patient's share went
        assertThat(primary.status()).isEqualTo(ClaimStatus.CLOSED);
        assertThat(claims.timeline(primary.claimId()))
                .anySatisfy(c -> assertThat(c.reason()).contains("billed to next payer MCD01 with claim"));
        // while the secondary has not answered, the visit is not settled: the 32.00 is pending with it
        VisitMoney visit = visit();
        assertThat(visit.settled()).isFalse();
        assertThat(visit.pendingClaimId()).isEqualTo(claimFor(2).claimId());
        assertThat(visit.patientShare()).isEqualByComparingTo("32.00");
    }

    @Test
    void theSameRemittanceTwiceBuildsOneSecondaryClaim() {
        posting.onPaymentPosted(primaryPaid("EFT1", "1", "MCD01"));
        // the same remittance under another event id
        assertThat(posting.onPaymentPosted(primaryPaid("EFT1", "1", "MCD01"))).isNull();

        assertThat(published).hasSize(1);
        assertThat(claims.byId.values()).filteredOn(c -> c.payerSequence() == 2).hasSize(1);
    }

    @Test
    void twoPayersReconcileToTheCentWithTheSecondarysPriorPayerAdjustmentCountedOnce() {
        posting.onPaymentPosted(primaryPaid("EFT1", "1", "MCD01"));
        Claim secondary = claimFor(2);

        assertThat(posting.onPaymentPosted(secondaryPaid(secondary, "MCD9", "2", null)))
                .isEqualTo(ClaimStatus.CLOSED);

        assertThat(secondary.balance()).isEqualByComparingTo("0.00");
        VisitMoney visit = visit();
        assertThat(visit.settled()).isTrue();
        assertThat(visit.charge()).isEqualByComparingTo("210.00");
        assertThat(visit.paid()).isEqualByComparingTo("158.00");
        // 50.00 of the primary's contract; the secondary's OA-23 178.00 is the primary's money, not a second write-off
        assertThat(visit.contractual()).isEqualByComparingTo("50.00");
        assertThat(visit.patientShare()).isEqualByComparingTo("2.00");
        assertThat(visit.open()).isEqualByComparingTo("0.00");
        assertThat(visit.paid().add(visit.contractual()).add(visit.patientShare()))
                .isEqualByComparingTo(visit.charge());
        assertThat(visit.payers())
                .extracting(VisitMoney.PayerPart::payerId, p -> p.paid().toPlainString())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("BKHP1", "128.00"),
                        org.assertj.core.groups.Tuple.tuple("MCD01", "30.00"));
    }

    @Test
    void threePayersReconcileToTheCentAndTheTertiaryClaimCarriesBothEarlierAdjudications() {
        posting.onPaymentPosted(primaryPaid("EFT1", "1", "MCD01"));
        Claim secondary = claimFor(2);
        posting.onPaymentPosted(secondaryPaid(secondary, "MCD9", "2", "TRI01"));

        Claim tertiary = claimFor(3);
        assertThat(tertiary.coverage()).isEqualTo(TRICARE);
        assertThat(tertiary.priorPayerClaimId()).isEqualTo(secondary.claimId());
        assertThat(tertiary.priorAdjudications())
                .extracting(PriorAdjudication::responsibility, PriorAdjudication::payerId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("PRIMARY", "BKHP1"),
                        org.assertj.core.groups.Tuple.tuple("SECONDARY", "MCD01"));
        assertThat(tertiary.status()).isEqualTo(ClaimStatus.SUBMITTED);
        assertThat(visit().settled()).isFalse();

        posting.onPaymentPosted(notice(
                tertiary,
                "TRI01",
                "TRI5",
                "3",
                PaymentNotice.Kind.PROCESSED,
                "2.00",
                "0.00",
                List.of(adj("OA", "23", "208.00")),
                List.of(),
                null));

        VisitMoney visit = visit();
        assertThat(visit.settled()).isTrue();
        assertThat(visit.paid()).isEqualByComparingTo("160.00");
        assertThat(visit.contractual()).isEqualByComparingTo("50.00");
        assertThat(visit.patientShare()).isEqualByComparingTo("0.00");
        assertThat(visit.paid().add(visit.contractual()).add(visit.patientShare()))
                .isEqualByComparingTo("210.00");
    }

    @Test
    void aForwardedClaimWaitsForTheNextPayersRemittanceOnTheSameClaimWithoutASecondClaim() {
        assertThat(posting.onPaymentPosted(primaryPaid("EFT1", "19", "MCD01"))).isEqualTo(ClaimStatus.CROSSED_OVER);
        assertThat(published).isEmpty();
        assertThat(primary.status().awaitsPayer()).as("on the follow-up list").isTrue();
        assertThat(visit().settled()).isFalse();

        // the secondary's 835 for the same claim (same CLP01), claim status 2
        assertThat(posting.onPaymentPosted(secondaryPaid(primary, "MCD9", "2", null)))
                .isEqualTo(ClaimStatus.CLOSED);

        assertThat(published).isEmpty();
        assertThat(primary.balance()).isEqualByComparingTo("0.00");
        assertThat(primary.paidAmount()).isEqualByComparingTo("158.00");
        assertThat(primary.patientResponsibility()).isEqualByComparingTo("2.00");
        VisitMoney visit = visit();
        assertThat(visit.settled()).isTrue();
        assertThat(visit.contractual()).isEqualByComparingTo("50.00");
        assertThat(visit.paid().add(visit.contractual()).add(visit.patientShare()))
                .isEqualByComparingTo("210.00");
    }

    /**
     * A crossed-over claim keeps its own payer's claim number: the next payer's 835 for the same claim carries that
     * payer's number (CLP07), which a corrected claim to the first payer must not name as the claim it replaces
     * (REF*F8): the first payer would take back the wrong claim and deny the correction's services as duplicates.
     */
    @Test
    void theNextPayersRemittanceOnACrossedOverClaimLeavesTheClaimItsOwnPayersClaimNumber() {
        posting.onPaymentPosted(primaryPaid("EFT1", "19", "MCD01"));
        assertThat(primary.payerClaimNumber()).isEqualTo("BKHP1-ICN-EFT1");

        posting.onPaymentPosted(secondaryPaid(primary, "MCD9", "2", null));

        assertThat(primary.status()).isEqualTo(ClaimStatus.CLOSED);
        assertThat(primary.payerClaimNumber()).isEqualTo("BKHP1-ICN-EFT1");
        assertThat(payments.recorded)
                .extracting(Payments.PostedPayment::payerClaimNumber)
                .containsExactly("BKHP1-ICN-EFT1", "MCD01-ICN-MCD9");
    }

    /**
     * The primary reverses its payment of a crossed-over claim after the secondary paid on it: the secondary's answer
     * stands (its payment, the 2.00 it left the patient), and what the primary had settled (its 128.00 and its 50.00
     * adjustment) is open with it again. The patient's share never goes negative (it was 2.00 - 32.00), and the visit
     * agrees with the patient ledger: 210.00 = 30.00 paid + 2.00 patient + 178.00 open.
     */
    @Test
    void aPrimaryReversalOfACrossedOverClaimAfterTheSecondaryPaidLeavesThePatientTheSecondarysShare() {
        posting.onPaymentPosted(primaryPaid("EFT1", "19", "MCD01"));
        posting.onPaymentPosted(secondaryPaid(primary, "MCD9", "2", null));

        PaymentNotice reversal = notice(
                primary,
                "BKHP1",
                "EFT2",
                "22",
                PaymentNotice.Kind.REVERSAL,
                "-128.00",
                "-32.00",
                List.of(),
                List.of(
                        line(1, "99214", "-165.00", "-96.00", adj("CO", "45", "-45.00"), adj("PR", "2", "-24.00")),
                        line(2, "83036", "-45.00", "-32.00", adj("CO", "45", "-5.00"), adj("PR", "2", "-8.00"))),
                null);
        reversal = new PaymentNotice(
                reversal.eventId(),
                reversal.occurredAt(),
                reversal.encounterId(),
                reversal.claimId(),
                reversal.payerId(),
                "BKHP1-ICN-EFT1",
                reversal.traceNumber(),
                reversal.claimStatusCode(),
                reversal.kind(),
                reversal.paymentDate(),
                new BigDecimal("-210.00"),
                reversal.paidAmount(),
                reversal.patientResponsibility(),
                reversal.claimAdjustments(),
                reversal.lines());
        assertThat(posting.onPaymentPosted(reversal)).isEqualTo(ClaimStatus.REVERSED);

        assertThat(primary.patientResponsibility()).isEqualByComparingTo("2.00");
        assertThat(primary.paidAmount()).isEqualByComparingTo("30.00");
        assertThat(primary.balance()).isEqualByComparingTo("178.00");
        VisitMoney visit = visit();
        assertThat(visit.patientShare()).isEqualByComparingTo("2.00");
        assertThat(visit.paid()).isEqualByComparingTo("30.00");
        assertThat(visit.open()).isEqualByComparingTo("178.00");
    }

    /**
     * The next payer of a crossed-over claim denies it: its ClaimDenied carries that payer's claim number, which must
     * not become the claim's (a corrected claim to the claim's own payer would name it as the claim it replaces,
     * REF*F8). The claim keeps its own payer's number; the denying payer's is kept with its denial, in the claim's
     * history and on the denial's work item, where a biller working that payer's denial needs it.
     */
    @Test
    void theNextPayersDenialOfACrossedOverClaimLeavesTheClaimItsOwnPayersClaimNumber() {
        posting.onPaymentPosted(primaryPaid("EFT1", "19", "MCD01"));
        assertThat(primary.status()).isEqualTo(ClaimStatus.CROSSED_OVER);

        denials.onClaimDenied(denial(primary, "MCD01", "MCD01-ICN-MCD9"));

        assertThat(primary.status()).isEqualTo(ClaimStatus.DENIED);
        assertThat(primary.payerClaimNumber()).isEqualTo("BKHP1-ICN-EFT1");
        assertThat(claims.timeline(primary.claimId()))
                .filteredOn(c -> c.to() == ClaimStatus.DENIED)
                .singleElement()
                .satisfies(c -> assertThat(c.reason()).contains("MCD01", "MCD01-ICN-MCD9"));
        assertThat(work.open())
                .filteredOn(i -> i.queue() == WorkQueue.DENIAL)
                .singleElement()
                .satisfies(i -> assertThat(i.reasons()).contains("MCD01", "MCD01-ICN-MCD9"));
    }

    @Test
    void theClaimsOwnPayersDenialGivesTheClaimItsPayerClaimNumber() {
        denials.onClaimDenied(denial(primary, "BKHP1", "BKHP1-ICN-EFT4"));

        assertThat(primary.status()).isEqualTo(ClaimStatus.DENIED);
        assertThat(primary.payerClaimNumber()).isEqualTo("BKHP1-ICN-EFT4");
    }

    final DenialHandling denials = new DenialHandling(
            claims,
            new DenialRouter(CarcTable.shipped()),
            new NoRecodes(),
            request -> {},
            work,
            ClaimPolicy.defaults(),
            clock);

    /** An adjudicated denial of the claim by {@code payerId}: CO-27, coverage terminated. */
    static DenialNotice denial(Claim claim, String payerId, String payerClaimNumber) {
        return new DenialNotice(
                UUID.randomUUID().toString(),
                T,
                claim.encounterId(),
                claim.tenantId(),
                claim.claimId(),
                false,
                payerId,
                payerClaimNumber,
                "ELIGIBILITY",
                List.of(adj("CO", "27", "32.00")),
                List.of(),
                List.of(),
                null,
                List.of());
    }

    @Test
    void aReversalOfThePrimaryAfterTheSecondaryWasBilledPutsTheSecondaryOnAWorkList() {
        posting.onPaymentPosted(primaryPaid("EFT1", "1", "MCD01"));
        Claim secondary = claimFor(2);
        PaymentNotice paid = primaryPaid("EFT1", "1", "MCD01");
        PaymentNotice reversal = notice(
                primary,
                "BKHP1",
                "EFT2",
                "22",
                PaymentNotice.Kind.REVERSAL,
                "-128.00",
                "-32.00",
                List.of(adj("CO", "45", "-50.00"), adj("PR", "2", "-32.00")),
                List.of(),
                null);
        reversal = new PaymentNotice(
                reversal.eventId(),
                reversal.occurredAt(),
                reversal.encounterId(),
                reversal.claimId(),
                reversal.payerId(),
                paid.payerClaimNumber(),
                reversal.traceNumber(),
                reversal.claimStatusCode(),
                reversal.kind(),
                reversal.paymentDate(),
                new BigDecimal("-210.00"),
                reversal.paidAmount(),
                reversal.patientResponsibility(),
                reversal.claimAdjustments(),
                reversal.lines());

        assertThat(posting.onPaymentPosted(reversal)).isEqualTo(ClaimStatus.REVERSED);

        assertThat(work.items)
                .filteredOn(i -> i.claimId().equals(secondary.claimId()))
                .singleElement()
                .satisfies(i -> {
                    assertThat(i.queue()).isEqualTo(WorkQueue.COORDINATION);
                    assertThat(i.category()).isEqualTo("PRIOR_PAYER_REVERSED");
                });
    }

    @Test
    void aPrimaryDenialLeavingThePatientNothingIsWorkedWithThePrimaryNotBilledToTheSecondary() {
        PaymentNotice denied = notice(
                primary,
                "BKHP1",
                "EFT1",
                "4",
                PaymentNotice.Kind.DENIED,
                "0.00",
                "0.00",
                List.of(adj("CO", "16", "210.00")),
                List.of(),
                "MCD01");

        assertThat(posting.onPaymentPosted(denied)).isEqualTo(ClaimStatus.DENIED);

        assertThat(published).isEmpty();
    }

    @Test
    void aPrimaryDenialThatLeavesThePatientANonCoveredServiceIsBilledToTheSecondary() {
        PaymentNotice denied = notice(
                primary,
                "BKHP1",
                "EFT1",
                "4",
                PaymentNotice.Kind.DENIED,
                "0.00",
                "210.00",
                List.of(adj("PR", "96", "210.00")),
                List.of(),
                "MCD01");

        posting.onPaymentPosted(denied);

        assertThat(published)
                .singleElement()
                .satisfies(secondary -> assertThat(
                                secondary.priorAdjudications().get(0).remainingPatientLiability())
                        .isEqualByComparingTo("210.00"));
    }

    @Test
    void aNextPayerThePatientHasNoCoverageWithIsAWorkItemNotAClaim() {
        coverages = List.of(TestEncounters.BUCKEYE);

        posting.onPaymentPosted(primaryPaid("EFT1", "1", "MCD01"));

        assertThat(published).isEmpty();
        assertThat(work.open()).singleElement().satisfies(i -> {
            assertThat(i.queue()).isEqualTo(WorkQueue.COORDINATION);
            assertThat(i.category()).isEqualTo("NEXT_PAYER_UNKNOWN");
        });
    }

    /** The visit recoded: a corrected claim (frequency 7) replaces the primary claim and is submitted. */
    private Claim correctedPrimary() {
        Claim corrected = new ClaimAssembler(TestEncounters.feeSchedule())
                .assemble(
                        officeVisit(),
                        ClaimNumbers.of(7, "riverside-fm", LocalDate.of(2026, 4, 1)),
                        primary,
                        Actor.system("assembly"),
                        T);
        primary.transitionTo(ClaimStatus.REPLACED, Actor.system("assembly"), "recoded", "e7", T);
        corrected.transitionTo(ClaimStatus.SUBMITTED, Actor.system("scrubber"), "passed", "e7", T);
        claims.insert(corrected);
        return corrected;
    }

    @Test
    void aCorrectedPrimaryPaidAgainReplacesTheAdjudicatedSecondaryClaimCarryingTheNewAdjudication() {
        posting.onPaymentPosted(primaryPaid("EFT1", "1", "MCD01"));
        Claim secondary = claimFor(2);
        posting.onPaymentPosted(secondaryPaid(secondary, "MCD9", "2", null));
        // the visit was recoded: the primary's corrected claim replaces it and is paid again
        Claim corrected = correctedPrimary();
        primary = corrected;

        posting.onPaymentPosted(primaryPaid("EFT3", "1", "MCD01"));

        Claim replacement = claimFor(2);
        assertThat(replacement.claimId()).isNotEqualTo(secondary.claimId());
        assertThat(replacement.frequency()).isEqualTo(Frequency.REPLACEMENT);
        assertThat(replacement.replacedClaimId()).isEqualTo(secondary.claimId());
        assertThat(replacement.replacedPayerClaimNumber()).isEqualTo("MCD01-ICN-MCD9");
        assertThat(replacement.priorPayerClaimId()).isEqualTo(corrected.claimId());
        assertThat(replacement.priorAdjudications())
                .singleElement()
                .satisfies(p -> assertThat(p.sourceClaimId()).isEqualTo(corrected.claimId()));
        assertThat(secondary.status()).isEqualTo(ClaimStatus.REPLACED);
    }

    @Test
    void aReplacedPrimarysRemittanceBillsNoNextPayerItsReplacementsDoes() {
        // the payer's 835 paid part of the claim and denied a line for coding (CO-11): its ClaimDenied, on another
        // topic, came first, the visit was recoded and the corrected claim replaced it before the payment arrived
        Claim corrected = correctedPrimary();

        posting.onPaymentPosted(primaryPaid("EFT1", "1", "MCD01"));

        // the money is recorded on the replaced claim, but its replacement is what the payers adjudicate now: a
        // secondary claim built from the replaced claim's adjudication would be billed twice for the visit
        assertThat(claims.byId.values()).noneMatch(c -> c.payerSequence() == 2);
        assertThat(claims.byId.get(primary.claimId()).status()).isEqualTo(ClaimStatus.REPLACED);

        primary = corrected;
        posting.onPaymentPosted(primaryPaid("EFT3", "1", "MCD01"));

        Claim secondary = claimFor(2);
        assertThat(secondary.frequency()).isEqualTo(Frequency.ORIGINAL);
        assertThat(secondary.priorPayerClaimId()).isEqualTo(corrected.claimId());
        assertThat(claims.byId.values().stream().filter(c -> c.payerSequence() == 2))
                .hasSize(1);
    }

    /** Claims of several payers in memory; inserting keeps a claim, its timeline kept apart. */
    static final class Repo extends PaymentPostingTest.Claims {
        final Map<String, Claim> byId = new LinkedHashMap<>();
        final Map<String, List<StatusChange>> timelines = new HashMap<>();
        long number = 100;

        @Override
        public long nextClaimNumber() {
            return number++;
        }

        @Override
        public void insert(Claim c) {
            byId.put(c.claimId(), c);
            update(c);
        }

        @Override
        public void update(Claim c) {
            timelines.computeIfAbsent(c.claimId(), k -> new ArrayList<>()).addAll(c.drainPendingChanges());
        }

        @Override
        public Optional<Claim> find(String id) {
            return Optional.ofNullable(byId.get(id));
        }

        @Override
        public Optional<Claim> findForUpdate(String id) {
            return find(id);
        }

        @Override
        public List<Claim> claimsOfVisitForUpdate(String encounterId) {
            return byId.values().stream()
                    .filter(c -> c.encounterId().equals(encounterId))
                    .toList();
        }

        @Override
        public List<StatusChange> timeline(String claimId) {
            List<StatusChange> all = new ArrayList<>(timelines.getOrDefault(claimId, List.of()));
            all.addAll(byId.get(claimId).pendingChanges());
            return all;
        }
    }

    static final class NoRecodes implements RecodeAttempts {
        @Override
        public int countForEncounter(String encounterId) {
            return 0;
        }

        @Override
        public void record(
                String encounterId,
                String claimId,
                int attempt,
                int codingVersion,
                String denialEventId,
                String requestedBy,
                Instant at) {}

        @Override
        public void linkResult(String encounterId, String resultingClaimId) {}
    }
}
