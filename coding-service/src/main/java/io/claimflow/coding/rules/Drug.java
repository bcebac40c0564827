package io.claimflow.coding.rules;

import java.math.BigDecimal;

/** NDC and quantity billed with a drug line. */
public record Drug(String ndc, BigDecimal quantity, String unit) {}
