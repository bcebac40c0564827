package io.claimflow.payersimulator.adjudication;

import java.math.BigDecimal;

/**
 * One PLB adjustment of an 835: reason (L6 interest, WO overpayment recovery, FB forward balance), the reference it
 * concerns (the claim's patient control number, or the trace of the 835 whose balance is carried forward) and the
 * amount: positive takes money from the payment, negative adds to it. BPR02 = sum(CLP04) - sum(PLB amounts).
 */
public record ProviderAdjustment(String reason, String reference, BigDecimal amount) {}
