package io.claimflow.claim.work;

import io.claimflow.claim.model.ScrubFinding;
import java.util.List;

/** A held claim a biller tried to release that still fails the scrubber (REST answers 422 with the reasons). */
public class UnprocessableClaimException extends RuntimeException {

    private final transient List<ScrubFinding> findings;

    public UnprocessableClaimException(String claimId, List<ScrubFinding> findings) {
        super("Claim " + claimId + " still fails " + findings.size() + " scrubber rule(s) and stays HELD");
        this.findings = List.copyOf(findings);
    }

    public List<ScrubFinding> findings() {
        return findings;
    }
}
