package io.claimflow.coding.rules;

/** An ICD-10-CM diagnosis in claim order (with its decimal point, e.g. E11.9). */
public record CodedDiagnosis(String code, String description) {}
