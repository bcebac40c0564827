package io.claimflow.claim.denial;

import java.math.BigDecimal;

/** One payer adjustment: group code (CO, PR, OA, PI, CR), CARC and amount. */
public record AdjustmentCode(String groupCode, String reasonCode, BigDecimal amount) {}
