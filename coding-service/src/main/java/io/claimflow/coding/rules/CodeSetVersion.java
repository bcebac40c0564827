package io.claimflow.coding.rules;

/** A code set or edit table release in effect on a date of service, e.g. ICD-10-CM 2026. */
public record CodeSetVersion(String codeSet, String version) {}
