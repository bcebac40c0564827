package io.claimflow.coding.rules;

/** INFO noted; WARNING coded anyway by a rule or coder decision; ERROR blocks the coding until resolved. */
public enum Severity {
    INFO,
    WARNING,
    ERROR
}
