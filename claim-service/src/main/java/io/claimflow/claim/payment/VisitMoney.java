package io.claimflow.claim.payment;

import io.claimflow.claim.model.Claim;
import io.claimflow.platform.money.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The money of one visit over all its payers (coordination of benefits), to the cent: the visit's charge, what each
 * payer paid and adjusted by contract, and what the patient owes after the last payer that answered. The rule: charge
 * = the payers' payments + their contractual adjustments + the patient's share + what is still open (denied, being
 * worked). A later payer's adjustment for the earlier payers' adjudication (CARC 23) is not counted: those dollars are
 * the earlier payers' payments and adjustments already. The patient's share is the last answering payer's (a later
 * payer restates it); while the next payer has not answered it is pending with that payer, not owed by the patient.
 *
 * @param pendingClaimId the claim waiting for a later payer's answer (the next payer's claim, or a crossed-over claim);
 *     null when the last payer answered
 */
public record VisitMoney(
        String encounterId,
        BigDecimal charge,
        List<PayerPart> payers,
        BigDecimal patientShare,
        BigDecimal open,
        String pendingClaimId) {

    /** One payer's part: what it paid and adjusted by contract on the visit, on which claim. */
    public record PayerPart(
            int payerSequence, String payerId, String claimId, BigDecimal paid, BigDecimal contractual) {}

    /** Whether every payer of the visit answered: only then is the patient's share the patient's. */
    public boolean settled() {
        return pendingClaimId == null;
    }

    public BigDecimal paid() {
        return Money.sum(payers.stream().map(PayerPart::paid).toList());
    }

    public BigDecimal contractual() {
        return Money.sum(payers.stream().map(PayerPart::contractual).toList());
    }

    /**
     * The visit's money from its claims (current ones: a replaced or voided claim's money belongs to its payer's
     * reversal) and their posted remittances.
     */
    public static VisitMoney of(
            String encounterId, List<Claim> claims, Map<String, List<Payments.PostedPayment>> paid) {
        List<Claim> current = claims.stream()
                .filter(c -> c.encounterId().equals(encounterId) && !c.status().isSuperseded())
                .sorted(Comparator.comparingInt(Claim::payerSequence))
                .toList();
        if (current.isEmpty()) {
            throw new IllegalArgumentException("encounter " + encounterId + " has no current claim");
        }
        BigDecimal charge = Money.of(current.get(0).totalCharge());
        Map<String, PayerPart> parts = new LinkedHashMap<>();
        Claim lastAnswered = null;
        for (Claim claim : current) {
            List<Payments.PostedPayment> rows = paid.getOrDefault(claim.claimId(), List.of());
            for (Payments.PostedPayment p : rows) {
                if ("23".equals(p.claimStatusCode()) || "25".equals(p.claimStatusCode())) {
                    continue; // no money posted: not our claim, predetermination
                }
                BigDecimal contractual = p.adjustedAmount().subtract(p.priorPayerAmount());
                parts.merge(
                        claim.claimId() + "|" + p.payerId(),
                        new PayerPart(claim.payerSequence(), p.payerId(), claim.claimId(), p.paidAmount(), contractual),
                        (a, b) -> new PayerPart(
                                a.payerSequence(),
                                a.payerId(),
                                a.claimId(),
                                a.paid().add(b.paid()),
                                a.contractual().add(b.contractual())));
            }
            if (!rows.isEmpty()) {
                lastAnswered = claim;
            }
        }
        BigDecimal patientShare = lastAnswered == null ? Money.ZERO : Money.of(lastAnswered.patientResponsibility());
        List<PayerPart> payers = new ArrayList<>(parts.values());
        BigDecimal accounted = Money.sum(payers.stream().map(PayerPart::paid).toList())
                .add(Money.sum(payers.stream().map(PayerPart::contractual).toList()))
                .add(patientShare);
        Claim last = current.get(current.size() - 1);
        String pending = null;
        if (last.status() == io.claimflow.claim.model.ClaimStatus.CROSSED_OVER
                || (last.payerSequence() > 1 && last != lastAnswered)) {
            pending = last.claimId();
        }
        return new VisitMoney(
                encounterId, charge, List.copyOf(payers), patientShare, charge.subtract(accounted), pending);
    }
}
