package io.claimflow.coding.rules;

/**
 * A medically unlikely edit in effect: at most {@code maxUnits} per date of service (or per line for adjudication
 * indicator 1). Indicator 2 is an absolute policy limit; 1 and 3 can be exceeded with documentation.
 */
public record MueLimit(String code, int maxUnits, char adjudicationIndicator) {}
