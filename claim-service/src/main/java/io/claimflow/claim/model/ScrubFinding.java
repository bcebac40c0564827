package io.claimflow.claim.model;

/** Why the scrubber holds a claim: the rule that failed and what to fix, without patient data. */
public record ScrubFinding(String ruleId, String message, Integer lineNumber) {

    public static ScrubFinding of(String ruleId, String message) {
        return new ScrubFinding(ruleId, message, null);
    }

    public static ScrubFinding onLine(String ruleId, int lineNumber, String message) {
        return new ScrubFinding(ruleId, message, lineNumber);
    }
}
