package io.claimflow.testsupport.archfixture.clean.claim;

import java.math.BigDecimal;

/** Fixture: domain code using only the JDK's value types. */
public record Claim(String claimId, BigDecimal totalCharge) {}
