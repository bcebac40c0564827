package io.claimflow.coding.rules;

/** A tabular-list Excludes1 note: codes under codePrefix are never reported with codes under excludedPrefix. */
public record Excludes1(String codePrefix, String excludedPrefix, String note) {}
