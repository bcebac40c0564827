package io.claimflow.coding.rules;

/** A CPT or HCPCS Level II code of the release in effect on a date of service. */
public record ProcedureCode(String code, CodeSystem system, String shortDescription, String longDescription) {}
