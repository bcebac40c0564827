package io.claimflow.coding.rules;

/** Why an encounter goes to a coder instead of out automatically. Codes and messages carry no patient data. */
public record HoldReason(String code, String message) {}
