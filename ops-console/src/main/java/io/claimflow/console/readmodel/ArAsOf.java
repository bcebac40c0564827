package io.claimflow.console.readmodel;

import java.math.BigDecimal;

/**
 * The A/R as it stood at a moment, summed by the database: open balance of the live claims (charge less the payer
 * payments, contractual and patient share posted before it, not below zero) and the part of it more than 90 days
 * after the date of service.
 */
public record ArAsOf(BigDecimal open, BigDecimal over90) {}
