package io.claimflow.patientbilling.ledger;

import static io.claimflow.platform.money.Money.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.claimflow.platform.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PostingRulesTest {

    static final String CLAIM = "clm-20260311-000317";
    static final LocalDate PAID_ON = LocalDate.of(2026, 3, 31);

    /** 99214 + 36415 + 80053 billed 350.00; allowed 254.60: deductible 50.00, 20% coinsurance 21.10, copay 14.00. */
    static Remittance primary() {
        return remittance(
                "EFT0331264471",
                Remittance.Status.PRIMARY,
                "1",
                "350.00",
                "168.40",
                "96.50",
                "0.00",
                new PatientShare(of("50.00"), of("21.10"), of("14.00"), of("0.00")));
    }

    static Remittance remittance(
            String trace,
            Remittance.Status status,
            String code,
            String charge,
            String paid,
            String contractual,
            String other,
            PatientShare share) {
        return new Remittance(
                UUID.randomUUID().toString(),
                "riverside-fm",
                "enc-1",
                CLAIM,
                trace,
                status,
                code,
                PAID_ON,
                of(charge),
                of(paid),
                of(contractual),
                of(other),
                share,
                share.total(),
                null,
                null);
    }

    final List<PostedEntry> posted = new ArrayList<>();

    String supersededBy;

    ClaimLedger ledger() {
        return new ClaimLedger(CLAIM, posted, supersededBy);
    }

    static Remittance reversalOfPrimary(String trace) {
        return remittance(
                trace,
                Remittance.Status.REVERSAL,
                "22",
                "-350.00",
                "-168.40",
                "-96.50",
                "0.00",
                new PatientShare(of("-50.00"), of("-21.10"), of("-14.00"), of("0.00")));
    }

    Posting supersede() {
        supersededBy = "clm-replacement";
        return post(PostingRules.voidClaim(ledger(), supersededBy, PAID_ON).orElseThrow(), null, null);
    }

    BigDecimal total(LedgerAccount account) {
        return Money.sum(ledger().entries().stream()
                .flatMap(e -> e.lines().stream())
                .filter(l -> l.account() == account)
                .map(JournalLine::amount)
                .toList());
    }

    Posting post(Posting posting, String trace, String status) {
        long id = posted.size() + 1;
        for (Long reversed : posting.reverses()) {
            PostedEntry old = posted.get((int) (reversed - 1));
            List<Long> by = new ArrayList<>(old.reversedBy());
            by.add(id);
            posted.set(
                    (int) (reversed - 1),
                    new PostedEntry(
                            old.id(),
                            old.kind(),
                            old.traceNumber(),
                            old.claimStatus(),
                            old.effectiveDate(),
                            by,
                            old.lines()));
        }
        posted.add(new PostedEntry(
                id, posting.kind(), trace, status, posting.effectiveDate(), List.of(), posting.lines()));
        return posting;
    }

    Posting postRemittance(Remittance r) {
        return post(PostingRules.remittance(r, ledger()).orElseThrow(), r.traceNumber(), r.statusCode());
    }

    @Test
    void primaryRemittanceMovesTheChargeToPaymentAdjustmentAndEachKindOfPatientResponsibility() {
        Posting entry = postRemittance(primary());

        assertThat(entry.total(LedgerAccount.GROSS_CHARGES)).isEqualByComparingTo("-350.00");
        assertThat(entry.total(LedgerAccount.INSURANCE_CASH)).isEqualByComparingTo("168.40");
        assertThat(entry.total(LedgerAccount.CONTRACTUAL_ADJUSTMENT)).isEqualByComparingTo("96.50");
        assertThat(entry.total(LedgerAccount.INSURANCE_RECEIVABLE)).isEqualByComparingTo("0.00");
        assertThat(entry.patientBalanceChange()).isEqualByComparingTo("85.10");
        assertThat(ledger().patientShare())
                .isEqualTo(new PatientShare(of("50.00"), of("21.10"), of("14.00"), of("0.00")));
        assertThat(Money.sum(entry.lines().stream().map(JournalLine::amount).toList()))
                .isEqualTo(Money.ZERO);
        assertThat(ledger().hasRemittance("EFT0331264471", "1")).isTrue();
        assertThat(ledger().hasRemittance("EFT0331264471", "22")).isFalse();
        assertThat(ledger().hasRemittance("EFT0401269999", "1")).isFalse();
    }

    @Test
    void theSampleRemittanceLeavesTheCopay() {
        Remittance sample = remittance(
                "EFT0331264471",
                Remittance.Status.PRIMARY,
                "1",
                "210.00",
                "103.74",
                "81.26",
                "0.00",
                new PatientShare(of("0.00"), of("0.00"), of("25.00"), of("0.00")));

        assertThat(postRemittance(sample).patientBalanceChange()).isEqualByComparingTo("25.00");
    }

    @Test
    void aRemittanceThatDoesNotBalanceIsRefused() {
        Remittance off = remittance(
                "T1",
                Remittance.Status.PRIMARY,
                "1",
                "350.00",
                "168.40",
                "96.50",
                "0.00",
                new PatientShare(of("50.00"), of("21.10"), of("14.01"), of("0.00")));

        assertThatThrownBy(() -> PostingRules.remittance(off, ledger()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not balance");
    }

    @Test
    void patientPartsThatDoNotAddUpToTheReportedTotalAreRefused() {
        PatientShare share = new PatientShare(of("50.00"), of("21.10"), of("14.00"), of("0.00"));
        Remittance off = new Remittance(
                "e",
                "t",
                "enc",
                CLAIM,
                "T1",
                Remittance.Status.PRIMARY,
                "1",
                PAID_ON,
                of("350.00"),
                of("168.40"),
                of("96.50"),
                of("0.00"),
                share,
                of("85.00"),
                null,
                null);

        assertThatThrownBy(() -> PostingRules.remittance(off, ledger()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("total says 85.00");
    }

    @Test
    void reversalPostsTheExactOppositeOfTheRemittance() {
        Posting original = postRemittance(primary());
        Remittance reversal = remittance(
                "EFT0415260002",
                Remittance.Status.REVERSAL,
                "22",
                "-350.00",
                "-168.40",
                "-96.50",
                "0.00",
                new PatientShare(of("-50.00"), of("-21.10"), of("-14.00"), of("0.00")));

        Posting reversing = postRemittance(reversal);

        assertThat(reversing.kind()).isEqualTo(EntryKind.REMITTANCE_REVERSAL);
        assertThat(reversing.lines())
                .isEqualTo(original.lines().stream().map(JournalLine::opposite).toList());
        assertThat(reversing.reverses()).containsExactly(1L);
        assertThat(ledger().patientBalance()).isEqualByComparingTo("0.00");
        assertThat(ledger().charged()).isEqualByComparingTo("0.00");
        assertThat(ledger().standing(EntryKind.REMITTANCE)).isEmpty();
    }

    @Test
    void correctedRemittanceAfterAReversalPostsAgain() {
        postRemittance(primary());
        postRemittance(remittance(
                "EFT0415260002",
                Remittance.Status.REVERSAL,
                "22",
                "-350.00",
                "-168.40",
                "-96.50",
                "0.00",
                new PatientShare(of("-50.00"), of("-21.10"), of("-14.00"), of("0.00"))));
        postRemittance(remittance(
                "EFT0415260002",
                Remittance.Status.PRIMARY,
                "1",
                "350.00",
                "189.50",
                "96.50",
                "0.00",
                new PatientShare(of("50.00"), of("0.00"), of("14.00"), of("0.00"))));

        assertThat(ledger().patientBalance()).isEqualByComparingTo("64.00");
        assertThat(ledger().charged()).isEqualByComparingTo("350.00");
    }

    @Test
    void reversalOfNothingOrOfAnotherAmountIsRefused() {
        Remittance reversal = remittance(
                "R1",
                Remittance.Status.REVERSAL,
                "22",
                "-350.00",
                "-168.40",
                "-96.50",
                "0.00",
                new PatientShare(of("-50.00"), of("-21.10"), of("-14.00"), of("0.00")));
        assertThatThrownBy(() -> PostingRules.remittance(reversal, ledger()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("matches no posted remittance");

        postRemittance(primary());
        Remittance wrong = remittance(
                "R1",
                Remittance.Status.REVERSAL,
                "22",
                "-350.00",
                "-100.00",
                "-96.50",
                "-68.40",
                new PatientShare(of("-50.00"), of("-21.10"), of("-14.00"), of("0.00")));
        assertThatThrownBy(() -> PostingRules.remittance(wrong, ledger()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("paid 168.40");
    }

    @Test
    void aClaimPaidInTwoPartsPostsBothPartsAndOnlyAPartPaidAgainIsCredit() {
        // the payer splits the 350.00 claim over two 835s: 250.00 of its lines, then the other 100.00
        Remittance first = remittance(
                "EFT-PART1",
                Remittance.Status.PRIMARY,
                "1",
                "250.00",
                "150.00",
                "64.90",
                "0.00",
                new PatientShare(of("0.00"), of("21.10"), of("14.00"), of("0.00")));
        Remittance second = remittance(
                "EFT-PART2",
                Remittance.Status.PRIMARY,
                "1",
                "100.00",
                "18.40",
                "31.60",
                "0.00",
                new PatientShare(of("50.00"), of("0.00"), of("0.00"), of("0.00")));
        post(PostingRules.remittance(first, ledger(), of("350.00")).orElseThrow(), "EFT-PART1", "1");

        Posting part =
                post(PostingRules.remittance(second, ledger(), of("350.00")).orElseThrow(), "EFT-PART2", "1");

        assertThat(part.total(LedgerAccount.GROSS_CHARGES)).isEqualByComparingTo("-100.00");
        assertThat(part.patientBalanceChange()).isEqualByComparingTo("50.00");
        assertThat(ledger().charged()).isEqualByComparingTo("350.00");
        assertThat(ledger().insuranceCredit()).isEqualByComparingTo("0.00");
        assertThat(ledger().insuranceReceivable()).isEqualByComparingTo("0.00");
        assertThat(ledger().patientBalance()).isEqualByComparingTo("85.10");

        // the second part paid again under another trace covers charges already paid: credit, nothing charged
        Remittance again = remittance(
                "EFT-PART2-AGAIN",
                Remittance.Status.PRIMARY,
                "1",
                "100.00",
                "18.40",
                "31.60",
                "0.00",
                new PatientShare(of("50.00"), of("0.00"), of("0.00"), of("0.00")));
        Posting credit =
                post(PostingRules.remittance(again, ledger(), of("350.00")).orElseThrow(), "EFT-PART2-AGAIN", "1");
        assertThat(credit.total(LedgerAccount.INSURANCE_CREDIT)).isEqualByComparingTo("-18.40");
        assertThat(ledger().charged()).isEqualByComparingTo("350.00");
        assertThat(ledger().patientBalance()).isEqualByComparingTo("85.10");
    }

    @Test
    void aSecondPaymentOfAPaidClaimIsAnInsuranceCreditAndItsReversalTakesItBack() {
        postRemittance(primary());
        Remittance again = remittance(
                "EFT-OTHER",
                Remittance.Status.PRIMARY,
                "1",
                "350.00",
                "168.40",
                "96.50",
                "0.00",
                new PatientShare(of("50.00"), of("21.10"), of("14.00"), of("0.00")));

        Posting credit = postRemittance(again);

        assertThat(credit.total(LedgerAccount.INSURANCE_CASH)).isEqualByComparingTo("168.40");
        assertThat(credit.total(LedgerAccount.INSURANCE_CREDIT)).isEqualByComparingTo("-168.40");
        assertThat(credit.patientBalanceChange()).isEqualByComparingTo("0.00");
        assertThat(ledger().insuranceCredit()).isEqualByComparingTo("168.40");
        assertThat(ledger().patientBalance()).isEqualByComparingTo("85.10");
        assertThat(ledger().charged()).isEqualByComparingTo("350.00");

        // the payer recoups it: the reversal takes back the second payment, the first one stands
        postRemittance(reversalOfPrimary("EFT-RECOUP"));
        assertThat(ledger().insuranceCredit()).isEqualByComparingTo("0.00");
        assertThat(ledger().patientBalance()).isEqualByComparingTo("85.10");
        assertThat(ledger().charged()).isEqualByComparingTo("350.00");
        assertThat(total(LedgerAccount.INSURANCE_CASH)).isEqualByComparingTo("168.40");
    }

    @Test
    void aReplacedClaimLeavesThePatientWhenItsReplacementIsSubmittedAndItsReversalNetsOnce() {
        postRemittance(primary());

        Posting voided = supersede();

        assertThat(voided.kind()).isEqualTo(EntryKind.CLAIM_VOID);
        assertThat(voided.reverses()).containsExactly(1L);
        assertThat(ledger().charged()).isEqualByComparingTo("0.00");
        assertThat(ledger().patientBalance()).isEqualByComparingTo("0.00");
        assertThat(ledger().insuranceCredit()).isEqualByComparingTo("168.40");
        assertThat(total(LedgerAccount.INSURANCE_CASH)).isEqualByComparingTo("168.40");
        assertThat(PostingRules.voidClaim(ledger(), "clm-other", PAID_ON)).isEmpty();

        postRemittance(reversalOfPrimary("EFT-REV"));
        assertThat(ledger().insuranceCredit()).isEqualByComparingTo("0.00");
        assertThat(total(LedgerAccount.INSURANCE_CASH)).isEqualByComparingTo("0.00");
        assertThat(ledger().patientBalance()).isEqualByComparingTo("0.00");
        assertThat(ledger().charged()).isEqualByComparingTo("0.00");

        // a second reversal under another trace finds no credit left: refused, never a credit to the patient
        assertThatThrownBy(() -> PostingRules.remittance(reversalOfPrimary("EFT-REV2"), ledger()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * A claim's payment and its replacement's ClaimSubmitted come on two topics, so either can reach the ledger first:
     * the claim nets to the payer's cash (insurance credit) and no patient share either way, for a payment of money
     * and for one that paid nothing (the whole allowed amount to the deductible).
     */
    @Test
    void aReplacedClaimsPaymentNetsTheSameWhetherItArrivesBeforeOrAfterTheReplacement() {
        Remittance deductibleOnly = remittance(
                "EFT-DED",
                Remittance.Status.PRIMARY,
                "1",
                "350.00",
                "0.00",
                "221.26",
                "0.00",
                new PatientShare(of("128.74"), of("0.00"), of("0.00"), of("0.00")));
        for (Remittance payment : List.of(primary(), deductibleOnly)) {
            posted.clear();
            supersededBy = null;
            postRemittance(payment);
            supersede();
            Map<LedgerAccount, BigDecimal> paymentFirst = totals();

            posted.clear();
            supersededBy = "clm-replacement";
            PostingRules.remittance(payment, ledger())
                    .ifPresent(p -> post(p, payment.traceNumber(), payment.statusCode()));
            Map<LedgerAccount, BigDecimal> replacementFirst = totals();

            assertThat(replacementFirst).as(payment.traceNumber()).isEqualTo(paymentFirst);
            assertThat(replacementFirst.getOrDefault(LedgerAccount.INSURANCE_CASH, of("0.00")))
                    .isEqualByComparingTo(payment.paid());
            assertThat(replacementFirst.getOrDefault(LedgerAccount.PATIENT_RECEIVABLE, of("0.00")))
                    .isEqualByComparingTo("0.00");
        }
    }

    /** The ledger's balance per account, accounts that net to zero left out. */
    Map<LedgerAccount, BigDecimal> totals() {
        Map<LedgerAccount, BigDecimal> totals = new EnumMap<>(LedgerAccount.class);
        for (LedgerAccount account : LedgerAccount.values()) {
            BigDecimal total = total(account);
            if (!Money.isZero(total)) {
                totals.put(account, Money.of(total));
            }
        }
        return totals;
    }

    @Test
    void theReversalBeforeTheVoidAndAPaymentAfterItChargeNobody() {
        postRemittance(primary());
        postRemittance(reversalOfPrimary("EFT-REV"));
        assertThat(PostingRules.voidClaim(ledger(), "clm-replacement", PAID_ON)).isEmpty();
        supersededBy = "clm-replacement";

        // the payer, late, pays the replaced claim again: held for it, and its own reversal nets it
        postRemittance(remittance(
                "EFT-LATE",
                Remittance.Status.PRIMARY,
                "1",
                "350.00",
                "168.40",
                "96.50",
                "0.00",
                new PatientShare(of("50.00"), of("21.10"), of("14.00"), of("0.00"))));
        assertThat(ledger().charged()).isEqualByComparingTo("0.00");
        assertThat(ledger().patientBalance()).isEqualByComparingTo("0.00");
        assertThat(ledger().insuranceCredit()).isEqualByComparingTo("168.40");
        postRemittance(reversalOfPrimary("EFT-LATE-REV"));
        assertThat(ledger().insuranceCredit()).isEqualByComparingTo("0.00");
        assertThat(total(LedgerAccount.INSURANCE_CASH)).isEqualByComparingTo("0.00");
    }

    @Test
    void whatThePatientPaidOnAVoidedClaimBecomesCredit() {
        postRemittance(primary());
        post(
                new Posting(
                        EntryKind.PATIENT_PAYMENT,
                        null,
                        PAID_ON,
                        "card",
                        List.of(
                                new JournalLine(LedgerAccount.PATIENT_CASH, null, null, of("14.00")),
                                new JournalLine(LedgerAccount.PATIENT_RECEIVABLE, CLAIM, null, of("-14.00"))),
                        List.of()),
                null,
                null);

        Posting voided = supersede();

        assertThat(voided.total(LedgerAccount.PATIENT_CREDIT)).isEqualByComparingTo("-14.00");
        assertThat(ledger().patientBalance()).isEqualByComparingTo("0.00");
    }

    @Test
    void aLostAppealsBalanceIsBilledToThePatientOrWrittenOffOnceAndOnlyForTheAmountClaimServiceMoved() {
        // a denial that left the patient nothing posted nothing: the decision brings the charge onto the ledger
        assertThatThrownBy(() -> PostingRules.balanceDecision(
                        ledger(), of("350.00"), PostingRules.BalanceDecision.BILL_PATIENT, of("300.00"), PAID_ON))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("350.00 open with insurance");

        Posting billed = post(
                PostingRules.balanceDecision(
                                ledger(),
                                of("350.00"),
                                PostingRules.BalanceDecision.BILL_PATIENT,
                                of("350.00"),
                                PAID_ON)
                        .orElseThrow(),
                null,
                null);

        assertThat(billed.kind()).isEqualTo(EntryKind.BALANCE_DECISION);
        assertThat(ledger().charged()).isEqualByComparingTo("350.00");
        assertThat(ledger().patientBalance()).isEqualByComparingTo("350.00");
        assertThat(ledger().insuranceReceivable()).isEqualByComparingTo("0.00");
        assertThat(PostingRules.balanceDecision(
                        ledger(), of("350.00"), PostingRules.BalanceDecision.BILL_PATIENT, of("350.00"), PAID_ON))
                .isEmpty();
    }

    @Test
    void aLostAppealWrittenOffLeavesThePatientOnlyTheDenialsPatientShare() {
        Denial denial = new Denial(
                UUID.randomUUID().toString(),
                "riverside-fm",
                "enc-1",
                CLAIM,
                "EFT-D",
                true,
                PAID_ON,
                of("350.00"),
                new PatientShare(of("0.00"), of("0.00"), of("25.00"), of("0.00")),
                false);
        post(PostingRules.denial(denial, ledger()).orElseThrow(), "EFT-D", null);

        Posting writtenOff = post(
                PostingRules.balanceDecision(
                                ledger(), of("350.00"), PostingRules.BalanceDecision.WRITE_OFF, of("325.00"), PAID_ON)
                        .orElseThrow(),
                null,
                null);

        assertThat(writtenOff.total(LedgerAccount.OTHER_ADJUSTMENT)).isEqualByComparingTo("325.00");
        assertThat(ledger().patientBalance()).isEqualByComparingTo("25.00");
        assertThat(ledger().insuranceReceivable()).isEqualByComparingTo("0.00");
        assertThat(ledger().charged()).isEqualByComparingTo("350.00");
    }

    @Test
    void secondaryPaymentReducesWhatThePatientOwes() {
        postRemittance(primary()); // patient owes 85.10
        // the secondary pays 60.00 of it, leaves the 14.00 copay to the patient and writes off the remaining 11.10
        Remittance secondary = remittance(
                "CHK7781",
                Remittance.Status.SECONDARY,
                "2",
                "350.00",
                "60.00",
                "276.00",
                "0.00",
                new PatientShare(of("0.00"), of("0.00"), of("14.00"), of("0.00")));

        Posting entry = postRemittance(secondary);

        assertThat(entry.patientBalanceChange()).isEqualByComparingTo("-71.10");
        assertThat(entry.total(LedgerAccount.INSURANCE_CASH)).isEqualByComparingTo("60.00");
        assertThat(entry.total(LedgerAccount.CONTRACTUAL_ADJUSTMENT)).isEqualByComparingTo("11.10");
        assertThat(entry.total(LedgerAccount.GROSS_CHARGES)).isEqualByComparingTo("0.00");
        assertThat(ledger().patientBalance()).isEqualByComparingTo("14.00");
        assertThat(ledger().patientShare().copay()).isEqualByComparingTo("14.00");
        assertThat(ledger().patientShare().deductible()).isEqualByComparingTo("0.00");
    }

    @Test
    void secondaryAfterThePatientPaidInFullLeavesTheExcessAsCredit() {
        postRemittance(primary());
        post(
                new Posting(
                        EntryKind.PATIENT_PAYMENT,
                        null,
                        PAID_ON,
                        "payment",
                        List.of(
                                JournalLine.of(LedgerAccount.PATIENT_CASH, null, of("85.10")),
                                JournalLine.of(LedgerAccount.PATIENT_RECEIVABLE, CLAIM, of("-85.10"))),
                        List.of()),
                null,
                null);
        Remittance secondary = remittance(
                "CHK7781",
                Remittance.Status.SECONDARY,
                "2",
                "350.00",
                "71.10",
                "264.90",
                "0.00",
                new PatientShare(of("0.00"), of("0.00"), of("14.00"), of("0.00")));

        Posting entry = postRemittance(secondary);

        assertThat(ledger().patientBalance()).isEqualByComparingTo("0.00");
        assertThat(entry.total(LedgerAccount.PATIENT_CREDIT)).isEqualByComparingTo("-71.10");
        assertThat(entry.patientBalanceChange()).isEqualByComparingTo("-71.10");
    }

    @Test
    void secondaryBeforeAnyPrimaryIsRefused() {
        Remittance secondary = remittance(
                "CHK7781", Remittance.Status.SECONDARY, "2", "350.00", "60.00", "290.00", "0.00", PatientShare.NONE);

        assertThatThrownBy(() -> PostingRules.remittance(secondary, ledger()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("before any primary");
    }

    @Test
    void predeterminationPostsNothingAndAnUnknownStatusIsRefused() {
        Remittance predetermination = remittance(
                "P1", Remittance.Status.NO_PAYMENT, "25", "350.00", "0.00", "0.00", "350.00", PatientShare.NONE);
        Remittance unknown = remittance(
                "P1", Remittance.Status.UNKNOWN, "17", "350.00", "0.00", "0.00", "350.00", PatientShare.NONE);

        assertThat(PostingRules.remittance(predetermination, ledger())).isEmpty();
        assertThatThrownBy(() -> PostingRules.remittance(unknown, ledger()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("claim status code 17");
    }

    static Denial nonCovered(String trace, boolean adjudicated) {
        return new Denial(
                UUID.randomUUID().toString(),
                "riverside-fm",
                "enc-1",
                CLAIM,
                trace,
                adjudicated,
                PAID_ON,
                of("204.00"),
                new PatientShare(of("0.00"), of("0.00"), of("0.00"), of("204.00")),
                false);
    }

    @Test
    void nonCoveredDenialMakesThePatientResponsibleForThePrAmount() {
        Posting entry = PostingRules.denial(nonCovered("EFT1", true), ledger()).orElseThrow();

        assertThat(entry.patientBalanceChange()).isEqualByComparingTo("204.00");
        assertThat(entry.total(LedgerAccount.GROSS_CHARGES)).isEqualByComparingTo("-204.00");
        assertThat(entry.lines()).anySatisfy(l -> assertThat(l.kind()).isEqualTo(ResponsibilityKind.OTHER));
    }

    @Test
    void frontEndRejectionsAndDenialsWithoutPrPostNothing() {
        Denial coding =
                new Denial("e", "t", "enc", CLAIM, "EFT1", true, PAID_ON, of("45.00"), PatientShare.NONE, false);

        assertThat(PostingRules.denial(nonCovered(null, false), ledger())).isEmpty();
        assertThat(PostingRules.denial(coding, ledger())).isEmpty();
    }

    @Test
    void aRemittanceSupersedesTheDenialSoTheSameDollarsAreNotOwedTwice() {
        Posting denial =
                post(PostingRules.denial(nonCovered("EFT1", true), ledger()).orElseThrow(), "EFT1", null);
        Remittance remittance = remittance(
                "EFT1",
                Remittance.Status.DENIED,
                "4",
                "204.00",
                "0.00",
                "0.00",
                "0.00",
                new PatientShare(of("0.00"), of("0.00"), of("0.00"), of("204.00")));

        Posting entry = postRemittance(remittance);

        assertThat(entry.reverses()).containsExactly(1L);
        assertThat(entry.patientBalanceChange()).isEqualByComparingTo("0.00");
        assertThat(ledger().patientBalance()).isEqualByComparingTo("204.00");
        assertThat(ledger().charged()).isEqualByComparingTo("204.00");
        assertThat(denial.patientBalanceChange()).isEqualByComparingTo("204.00");
        // and a denial arriving after the remittance adds nothing
        assertThat(PostingRules.denial(nonCovered("EFT1", true), ledger())).isEmpty();
    }

    @Test
    void denialRemittanceReversalAndCorrectedRemittanceChargeOnceAndOweOnce() {
        post(PostingRules.denial(nonCovered("EFT1", true), ledger()).orElseThrow(), "EFT1", null);
        // a later 835 reprocesses the claim, then reverses that
        postRemittance(remittance(
                "EFT1B",
                Remittance.Status.DENIED,
                "4",
                "204.00",
                "0.00",
                "0.00",
                "0.00",
                new PatientShare(of("0.00"), of("0.00"), of("0.00"), of("204.00"))));
        postRemittance(remittance(
                "EFT2",
                Remittance.Status.REVERSAL,
                "22",
                "-204.00",
                "0.00",
                "0.00",
                "0.00",
                new PatientShare(of("0.00"), of("0.00"), of("0.00"), of("-204.00"))));

        // the reversal puts the denial back: it stands again, and the patient owes its 204.00 once
        assertThat(ledger().standing(EntryKind.DENIAL_RESPONSIBILITY))
                .extracting(PostedEntry::id)
                .containsExactly(1L);
        assertThat(ledger().patientBalance()).isEqualByComparingTo("204.00");
        assertThat(ledger().charged()).isEqualByComparingTo("204.00");

        // on appeal the payer pays after all
        Posting corrected = postRemittance(remittance(
                "EFT2",
                Remittance.Status.PRIMARY,
                "1",
                "204.00",
                "150.00",
                "34.00",
                "0.00",
                new PatientShare(of("0.00"), of("20.00"), of("0.00"), of("0.00"))));

        assertThat(corrected.reverses()).containsExactly(1L);
        assertThat(ledger().charged()).isEqualByComparingTo("204.00");
        assertThat(ledger().patientBalance()).isEqualByComparingTo("20.00");
        assertThat(ledger().patientShare().other()).isEqualByComparingTo("0.00");
    }

    /**
     * One 835 (EFT1) pays the claim with a copay and denies its second line as non-covered (PR-96 45.00): the gateway
     * sends a PaymentPosted carrying the whole patient share (70.00) and a ClaimDenied for the line that says so. The
     * two come on different topics in either order; the journal is the same either way: one remittance. Before, the
     * denial handled first posted a DENIAL_RESPONSIBILITY that the remittance then superseded (e2e
     * EndToEndPipelineTest counted the remittances' patient share 45.00 short when the order turned).
     */
    @Test
    void linesDeniedInAPaidClaimsEraPostWithItsPaymentSoEitherArrivalOrderGivesOneJournal() {
        Denial line = lineDenied(true);

        assertThat(PostingRules.denial(line, ledger())).isEmpty();
        Posting payment = postRemittance(paidWithTheLineDenied());
        assertThat(PostingRules.denial(line, ledger())).isEmpty();

        assertThat(payment.reverses()).isEmpty();
        assertThat(payment.patientBalanceChange()).isEqualByComparingTo("70.00");
        assertThat(ledger().entries()).extracting(PostedEntry::kind).containsExactly(EntryKind.REMITTANCE);
        assertThat(ledger().patientBalance()).isEqualByComparingTo("70.00");
        assertThat(ledger().charged()).isEqualByComparingTo("210.00");
    }

    /** The 835 EFT1's payment of the claim whose second line {@link #lineDenied} denies: patient 25.00 + 45.00. */
    static Remittance paidWithTheLineDenied() {
        return remittance(
                "EFT1",
                Remittance.Status.PRIMARY,
                "1",
                "210.00",
                "103.74",
                "36.26",
                "0.00",
                new PatientShare(of("0.00"), of("0.00"), of("25.00"), of("45.00")));
    }

    static Denial lineDenied(boolean paidInSameRemittance) {
        return new Denial(
                "e",
                "riverside-fm",
                "enc-1",
                CLAIM,
                "EFT1",
                true,
                PAID_ON,
                of("210.00"),
                new PatientShare(of("0.00"), of("0.00"), of("0.00"), of("45.00")),
                paidInSameRemittance);
    }

    @Test
    void reversalOfARemittanceTakesBackTheDenialFromTheSame835() {
        // one 835 (EFT1): the claim is paid with a copay, and its second line is denied as non-covered (PR-96 45.00);
        // the ClaimDenied for the line, from a gateway before paidInSameRemittance (the field's default), handled
        // before the PaymentPosted, posts the line's share, which the remittance then supersedes
        Denial line = lineDenied(false);
        post(PostingRules.denial(line, ledger()).orElseThrow(), "EFT1", null);
        postRemittance(paidWithTheLineDenied());
        assertThat(ledger().patientBalance()).isEqualByComparingTo("70.00");
        assertThat(ledger().charged()).isEqualByComparingTo("210.00");

        Posting reversal = postRemittance(remittance(
                "EFT2",
                Remittance.Status.REVERSAL,
                "22",
                "-210.00",
                "-103.74",
                "-36.26",
                "0.00",
                new PatientShare(of("0.00"), of("0.00"), of("-25.00"), of("-45.00"))));

        assertThat(reversal.reverses()).containsExactly(2L, 1L);
        assertThat(ledger().patientBalance()).isEqualByComparingTo("0.00");
        assertThat(ledger().charged()).isEqualByComparingTo("0.00");
        assertThat(ledger().standing(EntryKind.DENIAL_RESPONSIBILITY)).isEmpty();
        assertThat(ledger().standing(EntryKind.REMITTANCE)).isEmpty();
    }

    @Test
    void theSameDenialTwicePostsOnce() {
        post(PostingRules.denial(nonCovered("EFT1", true), ledger()).orElseThrow(), "EFT1", null);

        assertThat(PostingRules.denial(nonCovered("EFT1", true), ledger())).isEmpty();
    }

    @Test
    void anUnbalancedEntryCannotBeBuilt() {
        assertThatThrownBy(() -> new Posting(
                        EntryKind.WRITE_OFF,
                        CLAIM,
                        PAID_ON,
                        "x",
                        List.of(
                                JournalLine.of(LedgerAccount.PATIENT_ADJUSTMENT, CLAIM, of("10.00")),
                                JournalLine.of(LedgerAccount.PATIENT_RECEIVABLE, CLAIM, of("-9.99"))),
                        List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sum to 0.01");
        assertThatThrownBy(() -> Money.of(new BigDecimal("10.005")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fractions of a cent");
    }

    // --- coordination of benefits

    /** {@link #primary} with a next payer: the patient's 85.10 is billed to it. */
    static Remittance primaryWithNextPayer() {
        Remittance r = primary();
        return new Remittance(
                r.eventId(),
                r.tenantId(),
                r.encounterId(),
                r.claimId(),
                r.traceNumber(),
                r.status(),
                r.statusCode(),
                r.paymentDate(),
                r.charge(),
                r.paid(),
                r.contractualAdjustment(),
                r.otherAdjustments(),
                r.patientShare(),
                r.reportedPatientTotal(),
                "Buckeye Health Plan",
                "Ohio Medicaid");
    }

    /** A later payer's 835 of the 350.00 visit: paid, its CO, copay, and OA-23 for the rest (the earlier payers'). */
    static Remittance laterPayer(String trace, String paid, String contractual, String copay, String nextPayer) {
        BigDecimal priorPayers =
                of("350.00").subtract(of(paid)).subtract(of(contractual)).subtract(of(copay));
        PatientShare share = new PatientShare(of("0.00"), of("0.00"), of(copay), of("0.00"));
        return new Remittance(
                UUID.randomUUID().toString(),
                "riverside-fm",
                "enc-1",
                CLAIM,
                trace,
                Remittance.Status.SECONDARY,
                "2",
                PAID_ON,
                of("350.00"),
                of(paid),
                of(contractual),
                priorPayers,
                share,
                share.total(),
                "Ohio Medicaid",
                nextPayer);
    }

    @Test
    void aPrimaryNamingANextPayerLeavesThePatientsSharePendingWithItNotOwedByThePatient() {
        Posting entry = postRemittance(primaryWithNextPayer());

        assertThat(entry.patientBalanceChange()).isEqualByComparingTo("0.00");
        assertThat(entry.total(LedgerAccount.OTHER_INSURANCE_RECEIVABLE)).isEqualByComparingTo("85.10");
        assertThat(entry.total(LedgerAccount.GROSS_CHARGES)).isEqualByComparingTo("-350.00");
        assertThat(entry.description()).contains("billed to Ohio Medicaid");
        assertThat(ledger().pendingWithOtherInsurance()).isEqualByComparingTo("85.10");
        assertThat(ledger().patientBalance()).isEqualByComparingTo("0.00");
    }

    @Test
    void theLastPayerClosesThePendingShareIntoItsPaymentItsWriteOffAndWhatThePatientOwes() {
        postRemittance(primaryWithNextPayer());

        Posting entry = postRemittance(laterPayer("MCD1", "70.10", "10.00", "5.00", null));

        assertThat(entry.total(LedgerAccount.OTHER_INSURANCE_RECEIVABLE)).isEqualByComparingTo("-85.10");
        assertThat(entry.total(LedgerAccount.INSURANCE_CASH)).isEqualByComparingTo("70.10");
        assertThat(entry.total(LedgerAccount.CONTRACTUAL_ADJUSTMENT)).isEqualByComparingTo("10.00");
        assertThat(entry.total(LedgerAccount.GROSS_CHARGES))
                .as("no second charge")
                .isEqualByComparingTo("0.00");
        assertThat(entry.total(LedgerAccount.OTHER_ADJUSTMENT))
                .as("OA-23 is the earlier payers' money, not a second adjustment")
                .isEqualByComparingTo("0.00");
        assertThat(ledger().patientBalance()).isEqualByComparingTo("5.00");
        assertThat(ledger().patientShare()).isEqualTo(new PatientShare(of("0.00"), of("0.00"), of("5.00"), of("0.00")));
        // the visit: charge = payments + contractual + what the patient owes, to the cent
        assertThat(total(LedgerAccount.INSURANCE_CASH)
                        .add(total(LedgerAccount.CONTRACTUAL_ADJUSTMENT))
                        .add(total(LedgerAccount.PATIENT_RECEIVABLE)))
                .isEqualByComparingTo("350.00");
        assertThat(total(LedgerAccount.GROSS_CHARGES)).isEqualByComparingTo("-350.00");
    }

    @Test
    void aMiddlePayerLeavesWhatItDidNotPayPendingWithTheNextOne() {
        postRemittance(primaryWithNextPayer());

        postRemittance(laterPayer("MCD1", "70.10", "10.00", "5.00", "Tricare For Life"));

        assertThat(ledger().pendingWithOtherInsurance()).isEqualByComparingTo("5.00");
        assertThat(ledger().patientBalance()).isEqualByComparingTo("0.00");
    }

    @Test
    void aLaterPayerPayingMoreThanIsPendingWithItIsRefused() {
        postRemittance(primaryWithNextPayer());

        assertThatThrownBy(() -> PostingRules.remittance(laterPayer("MCD1", "90.00", "0.00", "0.00", null), ledger()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than the 85.10 pending with it");
    }

    @Test
    void aLaterPayersDenialLeavesTheSharePendingAndItsReversalRestoresIt() {
        postRemittance(primaryWithNextPayer());
        Remittance denied = new Remittance(
                UUID.randomUUID().toString(),
                "riverside-fm",
                "enc-1",
                CLAIM,
                "MCD0",
                Remittance.Status.DENIED,
                "4",
                PAID_ON,
                of("350.00"),
                of("0.00"),
                of("0.00"),
                of("350.00"),
                new PatientShare(of("0.00"), of("0.00"), of("0.00"), of("0.00")),
                of("0.00"),
                null,
                null);
        assertThat(PostingRules.remittance(denied, ledger())).isEmpty();

        postRemittance(laterPayer("MCD1", "70.10", "10.00", "5.00", null));
        Remittance r = laterPayer("MCD2", "-70.10", "-10.00", "-5.00", null);
        postRemittance(new Remittance(
                r.eventId(),
                r.tenantId(),
                r.encounterId(),
                r.claimId(),
                r.traceNumber(),
                Remittance.Status.REVERSAL,
                "22",
                r.paymentDate(),
                of("-350.00"),
                r.paid(),
                r.contractualAdjustment(),
                of("-264.90"),
                r.patientShare(),
                r.reportedPatientTotal(),
                null,
                null));

        assertThat(ledger().pendingWithOtherInsurance()).isEqualByComparingTo("85.10");
        assertThat(ledger().patientBalance()).isEqualByComparingTo("0.00");
    }

    // --- the primary reverses its payment after the next payer answered (CLP02 22), then re-adjudicates

    /** {@link #reversalOfPrimary} as the primary's reversal of {@link #primaryWithNextPayer}. */
    static Remittance reversalOfPrimaryWithNextPayer(String trace) {
        return named(reversalOfPrimary(trace), "Buckeye Health Plan", null);
    }

    /** The primary's corrected payment: paid {@code paid}, CO 96.50, the rest deductible 50.00 and coinsurance. */
    static Remittance correctedPrimary(String trace, String paid) {
        BigDecimal coinsurance =
                of("350.00").subtract(of(paid)).subtract(of("96.50")).subtract(of("50.00"));
        return named(
                remittance(
                        trace,
                        Remittance.Status.PRIMARY,
                        "1",
                        "350.00",
                        paid,
                        "96.50",
                        "0.00",
                        new PatientShare(of("50.00"), coinsurance, of("0.00"), of("0.00"))),
                "Buckeye Health Plan",
                "Ohio Medicaid");
    }

    static Remittance named(Remittance r, String payerName, String nextPayerName) {
        return new Remittance(
                r.eventId(),
                r.tenantId(),
                r.encounterId(),
                r.claimId(),
                r.traceNumber(),
                r.status(),
                r.statusCode(),
                r.paymentDate(),
                r.charge(),
                r.paid(),
                r.contractualAdjustment(),
                r.otherAdjustments(),
                r.patientShare(),
                r.reportedPatientTotal(),
                payerName,
                nextPayerName);
    }

    /** Charge = every payer's cash + contractual + other adjustments + what the patient owes + what is still open. */
    void assertTheVisitReconciles() {
        assertThat(total(LedgerAccount.GROSS_CHARGES)).as("charged once").isEqualByComparingTo("-350.00");
        assertThat(total(LedgerAccount.INSURANCE_CASH)
                        .add(total(LedgerAccount.CONTRACTUAL_ADJUSTMENT))
                        .add(total(LedgerAccount.OTHER_ADJUSTMENT))
                        .add(total(LedgerAccount.PATIENT_RECEIVABLE))
                        .add(total(LedgerAccount.INSURANCE_RECEIVABLE))
                        .add(total(LedgerAccount.OTHER_INSURANCE_RECEIVABLE))
                        .add(total(LedgerAccount.INSURANCE_CREDIT)))
                .isEqualByComparingTo("350.00");
    }

    /**
     * Primary pays, the secondary pays what was pending with it, then the primary reverses: the secondary's answer
     * stands (its cash, its write-off, the 5.00 it left the patient), nothing is pending with anyone (never a negative
     * amount), and what the primary had settled (its 168.40 and its 96.50 adjustment) is expected from it again, as
     * claim-service shows it open: 350.00 = 70.10 + 10.00 + 5.00 + 264.90.
     */
    @Test
    void aPrimaryReversalAfterTheSecondaryPaidLeavesTheChargeOpenWithThePrimaryNeverNegativePending() {
        postRemittance(primaryWithNextPayer());
        postRemittance(laterPayer("MCD1", "70.10", "10.00", "5.00", null));

        Posting reversal = postRemittance(reversalOfPrimaryWithNextPayer("EFT-REV"));

        assertThat(reversal.kind()).isEqualTo(EntryKind.REMITTANCE_REVERSAL);
        assertThat(reversal.total(LedgerAccount.INSURANCE_CASH)).isEqualByComparingTo("-168.40");
        assertThat(ledger().pendingWithOtherInsurance()).isEqualByComparingTo("0.00");
        assertThat(ledger().insuranceReceivable()).isEqualByComparingTo("264.90");
        assertThat(ledger().patientBalance()).isEqualByComparingTo("5.00");
        assertThat(total(LedgerAccount.INSURANCE_CASH)).isEqualByComparingTo("70.10");
        assertThat(total(LedgerAccount.CONTRACTUAL_ADJUSTMENT)).isEqualByComparingTo("10.00");
        assertTheVisitReconciles();

        // the primary re-adjudicates (here in the reversal's 835): it settles what is open with it; it leaves the
        // patient 11.60 less than the secondary settled, which is the secondary's to take back: insurance credit
        Posting corrected = postRemittance(correctedPrimary("EFT-REV", "180.00"));

        assertThat(corrected.total(LedgerAccount.GROSS_CHARGES))
                .as("no second charge")
                .isEqualByComparingTo("0.00");
        assertThat(ledger().insuranceReceivable()).isEqualByComparingTo("0.00");
        assertThat(ledger().pendingWithOtherInsurance()).isEqualByComparingTo("0.00");
        assertThat(ledger().insuranceCredit()).isEqualByComparingTo("11.60");
        assertThat(ledger().patientBalance()).isEqualByComparingTo("5.00");
        assertThat(total(LedgerAccount.INSURANCE_CASH)).isEqualByComparingTo("250.10");
        assertTheVisitReconciles();
    }

    /** The corrected primary leaves the patient more than the secondary settled: the difference is pending with it. */
    @Test
    void aCorrectedPrimaryLeavingMoreThanTheSecondarySettledBillsTheDifferenceToTheSecondary() {
        postRemittance(primaryWithNextPayer());
        postRemittance(laterPayer("MCD1", "70.10", "10.00", "5.00", null));
        postRemittance(reversalOfPrimaryWithNextPayer("EFT-REV"));

        postRemittance(correctedPrimary("EFT-NEW", "150.00"));

        assertThat(ledger().pendingWithOtherInsurance()).isEqualByComparingTo("18.40");
        assertThat(ledger().insuranceReceivable()).isEqualByComparingTo("0.00");
        assertThat(ledger().patientBalance()).isEqualByComparingTo("5.00");
        assertTheVisitReconciles();
    }

    /**
     * The reversal arrives before the secondary's payment (the secondary adjudicated on the primary's first answer):
     * the secondary's payment posts (it is not refused as a secondary before any primary) and the ledger ends as in
     * the other order.
     */
    @Test
    void theSecondarysPaymentAfterThePrimarysReversalPostsAndEndsAsInTheOtherOrder() {
        postRemittance(primaryWithNextPayer());
        postRemittance(reversalOfPrimaryWithNextPayer("EFT-REV"));
        assertThat(ledger().pendingWithOtherInsurance()).isEqualByComparingTo("0.00");
        assertThat(total(LedgerAccount.GROSS_CHARGES)).isEqualByComparingTo("0.00");

        Posting secondary = postRemittance(laterPayer("MCD1", "70.10", "10.00", "5.00", null));

        assertThat(secondary.total(LedgerAccount.INSURANCE_CASH)).isEqualByComparingTo("70.10");
        assertThat(ledger().pendingWithOtherInsurance()).isEqualByComparingTo("0.00");
        assertThat(ledger().insuranceReceivable()).isEqualByComparingTo("264.90");
        assertThat(ledger().patientBalance()).isEqualByComparingTo("5.00");
        assertTheVisitReconciles();

        postRemittance(correctedPrimary("EFT-NEW", "168.40"));
        assertThat(ledger().insuranceReceivable()).isEqualByComparingTo("0.00");
        assertThat(ledger().pendingWithOtherInsurance()).isEqualByComparingTo("0.00");
        assertThat(ledger().insuranceCredit()).isEqualByComparingTo("0.00");
        assertThat(ledger().patientBalance()).isEqualByComparingTo("5.00");
        assertTheVisitReconciles();
    }

    /** The reversal and the corrected payment in one 835, before the secondary answered: pending is the new share. */
    @Test
    void aReversalAndACorrectedPaymentInOne835BeforeTheSecondaryAnsweredLeaveTheNewSharePending() {
        postRemittance(primaryWithNextPayer());

        postRemittance(reversalOfPrimaryWithNextPayer("EFT-REV"));
        postRemittance(correctedPrimary("EFT-REV", "180.00"));

        assertThat(ledger().pendingWithOtherInsurance()).isEqualByComparingTo("73.50");
        assertThat(ledger().patientBalance()).isEqualByComparingTo("0.00");
        postRemittance(laterPayer("MCD1", "60.00", "8.50", "5.00", null));
        assertThat(ledger().pendingWithOtherInsurance()).isEqualByComparingTo("0.00");
        assertThat(ledger().patientBalance()).isEqualByComparingTo("5.00");
        assertThat(ledger().insuranceReceivable()).isEqualByComparingTo("0.00");
        assertTheVisitReconciles();
    }

    @Test
    void aSelfPayVisitIsChargedToThePatientWholeAndOnce() {
        Posting charge =
                post(PostingRules.selfPayCharge(ledger(), of("210.00"), PAID_ON).orElseThrow(), null, null);

        assertThat(charge.kind()).isEqualTo(EntryKind.SELF_PAY_CHARGE);
        assertThat(charge.patientBalanceChange()).isEqualByComparingTo("210.00");
        assertThat(charge.total(LedgerAccount.INSURANCE_RECEIVABLE)).isEqualByComparingTo("0.00");
        assertThat(ledger().charged()).isEqualByComparingTo("210.00");
        assertThat(ledger().patientShare().get(ResponsibilityKind.OTHER)).isEqualByComparingTo("210.00");
        assertThat(PostingRules.selfPayCharge(ledger(), of("210.00"), PAID_ON))
                .as("charged once")
                .isEmpty();
        assertThatThrownBy(() -> PostingRules.selfPayCharge(ledger(), of("0.00"), PAID_ON))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLaterClaimOfTheVisitTakesTheSelfPayChargeOffAndWhatThePatientPaidBecomesCredit() {
        post(PostingRules.selfPayCharge(ledger(), of("210.00"), PAID_ON).orElseThrow(), null, null);
        // the patient paid 50.00 on it
        post(
                new Posting(
                        EntryKind.PATIENT_PAYMENT,
                        null,
                        PAID_ON,
                        "payment",
                        List.of(
                                JournalLine.of(LedgerAccount.PATIENT_CASH, null, of("50.00")),
                                new JournalLine(
                                        LedgerAccount.PATIENT_RECEIVABLE,
                                        CLAIM,
                                        ResponsibilityKind.OTHER,
                                        of("-50.00"))),
                        List.of()),
                null,
                null);

        Posting off = supersede();

        assertThat(off.kind()).isEqualTo(EntryKind.CLAIM_VOID);
        assertThat(ledger().charged()).isEqualByComparingTo("0.00");
        assertThat(ledger().patientBalance()).isEqualByComparingTo("0.00");
        assertThat(total(LedgerAccount.PATIENT_CREDIT)).isEqualByComparingTo("-50.00");
        assertThat(PostingRules.selfPayCharge(ledger(), of("210.00"), PAID_ON))
                .as("a superseded claim is not charged again")
                .isEmpty();
    }
}
