package io.claimflow.claim.model;

/** An ICD-10-CM diagnosis in claim order. */
public record Diagnosis(String code, String description) {}
