package io.claimflow.claim.payment;

import static io.claimflow.claim.TestEncounters.officeVisit;
import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.claim.TestEncounters;
import io.claimflow.claim.denial.AdjustmentCode;
import io.claimflow.claim.denial.CarcTable;
import io.claimflow.claim.model.Actor;
import io.claimflow.claim.model.Claim;
import io.claimflow.claim.model.ClaimRepository;
import io.claimflow.claim.model.ClaimStatus;
import io.claimflow.claim.model.ScrubFinding;
import io.claimflow.claim.model.StatusChange;
import io.claimflow.claim.submission.ClaimAssembler;
import io.claimflow.claim.submission.ClaimNumbers;
import io.claimflow.claim.workitem.OpenBalanceWork;
import io.claimflow.claim.workitem.WorkItems;
import io.claimflow.claim.workitem.WorkQueue;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What payers do besides paying once: a second payment of a paid claim, a reversal and repayment, "not our claim"
 * (23) and predetermination (25). After every step, a claim with money open in a state worked from a queue has an
 * open work item on it.
 */
class PaymentPostingTest {

    static final Instant T = Instant.parse("2026-04-01T10:00:00Z");

    final Claims claims = new Claims();
    final Work work = new Work();
    final PaymentsInMemory payments = new PaymentsInMemory();
    final PaymentPosting posting = new PaymentPosting(
            claims,
            payments,
            work,
            CarcTable.shipped(),
            new NextPayerClaims(claims, c -> List.of(), null, work),
            Clock.fixed(T, ZoneOffset.UTC));
    Claim claim;
    String charge;

    @BeforeEach
    void submittedClaim() {
        claim = new ClaimAssembler(TestEncounters.feeSchedule())
                .assemble(
                        officeVisit(),
                        ClaimNumbers.of(1, "riverside-fm", LocalDate.of(2026, 3, 11)),
                        null,
                        Actor.system("assembly"),
                        T);
        claim.transitionTo(ClaimStatus.SUBMITTED, Actor.system("scrubber"), "passed", "e0", T);
        claims.claim = claim;
        charge = claim.totalCharge().toPlainString();
    }

    /** The charge paid: 80% by the payer, copay 20.00, the rest contractual. */
    PaymentNotice payment(String trace, PaymentNotice.Kind kind, String code, int sign) {
        BigDecimal total = claim.totalCharge();
        BigDecimal copay = new BigDecimal("20.00");
        BigDecimal paid = total.multiply(new BigDecimal("0.80")).setScale(2, java.math.RoundingMode.HALF_UP);
        BigDecimal contractual = total.subtract(paid).subtract(copay);
        BigDecimal s = BigDecimal.valueOf(sign);
        return new PaymentNotice(
                UUID.randomUUID().toString(),
                T,
                claim.encounterId(),
                claim.claimId(),
                "BKHP1",
                "2026090123456",
                trace,
                code,
                kind,
                LocalDate.of(2026, 3, 31),
                total.multiply(s),
                paid.multiply(s),
                copay.multiply(s),
                List.of(
                        new AdjustmentCode("CO", "45", contractual.multiply(s)),
                        new AdjustmentCode("PR", "3", copay.multiply(s))),
                List.of());
    }

    PaymentNotice paid(String trace) {
        return payment(trace, PaymentNotice.Kind.PROCESSED, "1", 1);
    }

    PaymentNotice reversal(String trace) {
        return payment(trace, PaymentNotice.Kind.REVERSAL, "22", -1);
    }

    BigDecimal paidAmount() {
        return paid("x").paidAmount();
    }

    @Test
    void aSecondPaymentOfAPaidClaimIsACreditBalanceWithARefundWorkItemUntilThePayerRecoupsIt() {
        assertThat(posting.onPaymentPosted(paid("EFT1"))).isEqualTo(ClaimStatus.CLOSED);
        everyOpenBalanceHasAWorkItem();

        assertThat(posting.onPaymentPosted(paid("EFT2"))).isEqualTo(ClaimStatus.CREDIT_BALANCE);
        assertThat(claim.balance()).isEqualByComparingTo(paidAmount().negate());
        assertThat(claim.patientResponsibility()).isEqualByComparingTo("20.00");
        assertThat(work.open()).singleElement().satisfies(i -> {
            assertThat(i.queue()).isEqualTo(WorkQueue.CREDIT_BALANCE);
            assertThat(i.reasons()).contains("credit balance " + paidAmount().toPlainString());
        });
        everyOpenBalanceHasAWorkItem();

        // the same remittance again posts nothing
        assertThat(posting.onPaymentPosted(paid("EFT2"))).isNull();

        // the payer recoups the second payment with a reversal: settled, closed, the work item resolved
        assertThat(posting.onPaymentPosted(reversal("EFT3"))).isEqualTo(ClaimStatus.CLOSED);
        assertThat(claim.balance()).isEqualByComparingTo("0.00");
        assertThat(claim.paidAmount()).isEqualByComparingTo(paidAmount());
        assertThat(work.open()).isEmpty();
    }

    /** A part of the claim paid: {@code charge} of its lines, 80 % paid, 10.00 copay, the rest contractual. */
    PaymentNotice part(String trace, BigDecimal charge) {
        BigDecimal copay = new BigDecimal("10.00");
        BigDecimal paid = charge.multiply(new BigDecimal("0.80")).setScale(2, java.math.RoundingMode.HALF_UP);
        BigDecimal contractual = charge.subtract(paid).subtract(copay);
        return new PaymentNotice(
                UUID.randomUUID().toString(),
                T,
                claim.encounterId(),
                claim.claimId(),
                "BKHP1",
                "2026090123456",
                trace,
                "1",
                PaymentNotice.Kind.PROCESSED,
                LocalDate.of(2026, 3, 31),
                charge,
                paid,
                copay,
                List.of(new AdjustmentCode("CO", "45", contractual), new AdjustmentCode("PR", "3", copay)),
                List.of());
    }

    @Test
    void aClaimPaidInTwoPartsIsPaidInFullNotOverpaidAndOnlyAPartPaidAgainIsACredit() {
        BigDecimal firstPart = claim.totalCharge().subtract(new BigDecimal("50.00"));
        assertThat(posting.onPaymentPosted(part("EFT1", firstPart))).isEqualTo(ClaimStatus.PAID);

        // the payer's second 835 pays the rest of the lines: the claim is settled, nothing is a credit
        assertThat(posting.onPaymentPosted(part("EFT2", new BigDecimal("50.00"))))
                .isEqualTo(ClaimStatus.CLOSED);
        assertThat(claim.balance()).isEqualByComparingTo("0.00");
        assertThat(claim.patientResponsibility()).isEqualByComparingTo("20.00");
        assertThat(work.open()).isEmpty();

        // the second part paid again under another trace: its cash is a credit, charged and owed once
        assertThat(posting.onPaymentPosted(part("EFT3", new BigDecimal("50.00"))))
                .isEqualTo(ClaimStatus.CREDIT_BALANCE);
        assertThat(claim.balance()).isEqualByComparingTo("-40.00");
        assertThat(claim.patientResponsibility()).isEqualByComparingTo("20.00");
        everyOpenBalanceHasAWorkItem();
        // each posting as the claim took it: the charge once, the patient's share once, the credit as -40.00
        assertThat(payments.recorded)
                .extracting(Payments.PostedPayment::chargeAmount)
                .map(BigDecimal::toPlainString)
                .containsExactly(firstPart.toPlainString(), "50.00", "0.00");
        assertThat(payments.recorded.get(2).patientResponsibility()).isEqualByComparingTo("0.00");
        assertThat(payments.recorded.get(2).adjustedAmount()).isEqualByComparingTo("-40.00");
    }

    @Test
    void aLaterPartThatDeniesItsLinesLeavesTheClaimPartlyPaidForTheDenialToRoute() {
        BigDecimal firstPart = claim.totalCharge().subtract(new BigDecimal("50.00"));
        posting.onPaymentPosted(part("EFT1", firstPart));
        PaymentNotice denied = new PaymentNotice(
                UUID.randomUUID().toString(),
                T,
                claim.encounterId(),
                claim.claimId(),
                "BKHP1",
                "2026090123456",
                "EFT2",
                "1",
                PaymentNotice.Kind.PROCESSED,
                LocalDate.of(2026, 3, 31),
                new BigDecimal("50.00"),
                new BigDecimal("0.00"),
                new BigDecimal("0.00"),
                List.of(new AdjustmentCode("CO", "50", new BigDecimal("50.00"))),
                List.of());

        assertThat(posting.onPaymentPosted(denied)).isEqualTo(ClaimStatus.PARTIALLY_PAID);
        assertThat(claim.balance()).isEqualByComparingTo("50.00");
        // its ClaimDenied travels on another topic and may have found the claim PAID: the work item is here already
        assertThat(work.open())
                .singleElement()
                .satisfies(i -> assertThat(i.queue()).isEqualTo(WorkQueue.DENIAL));
        everyOpenBalanceHasAWorkItem();
    }

    @Test
    void aClaimPaidAgainWhileSentBackToCodingIsChargedAndOwedOnceWithACreditWorkItem() {
        posting.onPaymentPosted(paid("EFT1"));
        claim.transitionTo(ClaimStatus.REVERSED, Actor.system("test"), "payer reversed", "e1", T);
        claim.transitionTo(ClaimStatus.DENIED, Actor.system("test"), "denied", "e2", T);
        claim.transitionTo(ClaimStatus.RECODE_REQUESTED, Actor.system("test"), "recode", "e3", T);
        BigDecimal patient = claim.patientResponsibility();

        assertThat(posting.onPaymentPosted(paid("EFT2"))).isEqualTo(ClaimStatus.RECODE_REQUESTED);

        assertThat(claim.patientResponsibility()).isEqualByComparingTo(patient);
        assertThat(payments.recorded.get(1).patientResponsibility()).isEqualByComparingTo("0.00");
        assertThat(payments.recorded.get(1).chargeAmount()).isEqualByComparingTo("0.00");
        assertThat(work.open()).anySatisfy(i -> assertThat(i.queue()).isEqualTo(WorkQueue.CREDIT_BALANCE));
    }

    @Test
    void aReversalLeavesTheClaimReversedOnAWorkListUntilTheRepayment() {
        posting.onPaymentPosted(paid("EFT1"));

        assertThat(posting.onPaymentPosted(reversal("EFT2"))).isEqualTo(ClaimStatus.REVERSED);
        assertThat(claim.paidAmount()).isEqualByComparingTo("0.00");
        assertThat(claim.balance()).isEqualByComparingTo(claim.totalCharge());
        assertThat(work.open())
                .singleElement()
                .satisfies(i -> assertThat(i.queue()).isEqualTo(WorkQueue.REVERSAL));
        everyOpenBalanceHasAWorkItem();

        assertThat(posting.onPaymentPosted(paid("EFT3"))).isEqualTo(ClaimStatus.CLOSED);
        assertThat(claim.paidAmount()).isEqualByComparingTo(paidAmount());
        assertThat(claim.balance()).isEqualByComparingTo("0.00");
        assertThat(work.open()).isEmpty();
    }

    @Test
    void theReversalOfAReplacedClaimNetsItsMoneyAndKeepsItReplaced() {
        posting.onPaymentPosted(paid("EFT1"));
        claim.transitionTo(ClaimStatus.REPLACED, Actor.system("corrected-claims"), "replaced", "e9", T);

        assertThat(posting.onPaymentPosted(reversal("EFT2"))).isEqualTo(ClaimStatus.REPLACED);
        assertThat(claim.paidAmount()).isEqualByComparingTo("0.00");
        assertThat(work.open()).isEmpty();
    }

    @Test
    void aReplacedClaimPaidLateHoldsThePayersMoneyOnTheReversalListUntilThePayerTakesItBack() {
        claim.transitionTo(ClaimStatus.REPLACED, Actor.system("corrected-claims"), "replaced", "e9", T);

        assertThat(posting.onPaymentPosted(paid("EFT1"))).isEqualTo(ClaimStatus.REPLACED);
        assertThat(work.open()).singleElement().satisfies(i -> {
            assertThat(i.queue()).isEqualTo(WorkQueue.REVERSAL);
            assertThat(i.category()).isEqualTo("HELD_FOR_PAYER");
        });

        posting.onPaymentPosted(reversal("EFT2"));
        assertThat(claim.paidAmount()).isEqualByComparingTo("0.00");
        assertThat(work.open()).isEmpty();
    }

    @Test
    void notOurClaimAndPredeterminationAreNotPaid() {
        assertThat(posting.onPaymentPosted(payment("EFT1", PaymentNotice.Kind.NOT_OUR_CLAIM, "23", 1)))
                .isEqualTo(ClaimStatus.FORWARDED);
        assertThat(claim.paidAmount()).isEqualByComparingTo("0.00");
        assertThat(work.open()).singleElement().satisfies(i -> {
            assertThat(i.queue()).isEqualTo(WorkQueue.NOT_PAID);
            assertThat(i.category()).isEqualTo("FORWARDED");
        });
        everyOpenBalanceHasAWorkItem();

        submittedClaim();
        work.items.clear();
        assertThat(posting.onPaymentPosted(payment("EFT2", PaymentNotice.Kind.PREDETERMINATION, "25", 1)))
                .isEqualTo(ClaimStatus.PREDETERMINED);
        assertThat(claim.paidAmount()).isEqualByComparingTo("0.00");
        assertThat(claim.balance()).isEqualByComparingTo(claim.totalCharge());
        assertThat(work.open())
                .singleElement()
                .satisfies(i -> assertThat(i.category()).isEqualTo("PREDETERMINED"));
        everyOpenBalanceHasAWorkItem();

        // the payer pays it later, as a claim: paid and closed, the work item resolved
        assertThat(posting.onPaymentPosted(paid("EFT3"))).isEqualTo(ClaimStatus.CLOSED);
        assertThat(work.open()).isEmpty();
    }

    void everyOpenBalanceHasAWorkItem() {
        boolean open = claim.status().canHaveOpenBalance() && claim.balance().signum() != 0;
        boolean needsItem =
                OpenBalanceWork.of(claim.status()).stream().anyMatch(OpenBalanceWork.WorkList::needsWorkItem);
        if (open && needsItem) {
            assertThat(work.open())
                    .as("open work item of a " + claim.status() + " claim with balance " + claim.balance())
                    .isNotEmpty();
            assertThat(work.open())
                    .anySatisfy(i -> assertThat(OpenBalanceWork.of(claim.status()))
                            .extracting(OpenBalanceWork.WorkList::queue)
                            .contains(i.queue()));
        }
    }

    static class Claims implements ClaimRepository {
        Claim claim;

        @Override
        public long nextClaimNumber() {
            return 2;
        }

        @Override
        public void insert(Claim c) {}

        @Override
        public void update(Claim c) {
            c.drainPendingChanges();
        }

        @Override
        public Optional<Claim> find(String id) {
            return Optional.of(claim);
        }

        @Override
        public Optional<Claim> findForUpdate(String id) {
            return Optional.of(claim);
        }

        @Override
        public VisitClaims currentForUpdateWithSameDayClaims(
                String encounterId, String tenantId, String patientMrn, LocalDate dateOfService) {
            return new VisitClaims(Optional.of(claim), tenantId, patientMrn, dateOfService, List.of());
        }

        @Override
        public List<Claim> claimsOfVisitForUpdate(String encounterId) {
            return List.of(claim);
        }

        @Override
        public List<Claim> claimsOfVisit(String encounterId) {
            return claimsOfVisitForUpdate(encounterId);
        }

        @Override
        public boolean hasDuplicate(
                String tenantId, String patientMrn, LocalDate dateOfService, String serviceKey, String excludeClaimId) {
            return false;
        }

        @Override
        public void replaceFindings(String claimId, List<ScrubFinding> findings, Instant at) {}

        @Override
        public List<ScrubFinding> openFindings(String claimId) {
            return List.of();
        }

        @Override
        public List<StatusChange> timeline(String claimId) {
            return List.of();
        }
    }

    static final class PaymentsInMemory implements Payments {
        final Set<String> keys = new HashSet<>();
        final List<PostedPayment> recorded = new ArrayList<>();

        @Override
        public boolean record(PostedPayment p) {
            boolean added =
                    keys.add(p.claimId() + "/" + p.payerId() + "/" + p.traceNumber() + "/" + p.claimStatusCode());
            if (added) {
                recorded.add(p);
            }
            return added;
        }

        @Override
        public List<PostedPayment> forClaim(String claimId) {
            return recorded.stream().filter(p -> p.claimId().equals(claimId)).toList();
        }
    }

    static final class Work implements WorkItems {
        final List<WorkItem> items = new ArrayList<>();
        final Set<Long> resolved = new HashSet<>();

        @Override
        public void add(
                String claimId, WorkQueue queue, String category, String reasons, String causeEventId, Instant at) {
            items.add(new WorkItem(
                    items.size() + 1, claimId, null, null, null, null, null, queue, category, reasons, at));
        }

        @Override
        public int resolveOpen(String claimId, String resolvedBy, Instant at) {
            List<WorkItem> open = open();
            open.forEach(i -> resolved.add(i.id()));
            return open.size();
        }

        List<WorkItem> open() {
            return items.stream().filter(i -> !resolved.contains(i.id())).toList();
        }

        @Override
        public List<WorkItem> open(WorkQueue queue, int offset, int limit) {
            return open();
        }

        @Override
        public io.claimflow.claim.workitem.Page<WorkItem> search(io.claimflow.claim.workitem.WorkListSearch search) {
            throw new UnsupportedOperationException("not a work list read");
        }

        @Override
        public List<WorkItem> openForClaim(String claimId) {
            return open();
        }
    }
}
