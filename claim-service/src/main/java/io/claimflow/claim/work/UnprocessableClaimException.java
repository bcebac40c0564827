package io.claimflow.claim.work;

import io.claimflow.claim.model.ScrubFinding;
import io.claimflow.platform.web.UnprocessableException;
import java.util.List;
import java.util.Map;

/** A held claim a biller tried to release that still fails the scrubber (REST answers 422 with the reasons). */
public class UnprocessableClaimException extends UnprocessableException {

    private static final long serialVersionUID = 1L;

    private final transient List<ScrubFinding> findings;

    public UnprocessableClaimException(String claimId, List<ScrubFinding> findings) {
        super("Claim " + claimId + " still fails " + findings.size() + " scrubber rule(s) and stays HELD");
        this.findings = List.copyOf(findings);
    }

    public List<ScrubFinding> findings() {
        return findings;
    }

    @Override
    public String title() {
        return "Claim still fails the scrubber";
    }

    /** {@code reasons}: rule id and message per finding. */
    @Override
    public Map<String, Object> properties() {
        return Map.of(
                "reasons",
                findings.stream().map(f -> f.ruleId() + ": " + f.message()).toList());
    }
}
