package io.claimflow.coding.rules;

/** An ICD-10-CM code of the release in effect on a date of service. */
public record IcdCode(String code, boolean billable, String shortDescription, String longDescription) {}
