package io.claimflow.coding.pipeline;

import io.claimflow.coding.rules.CodeSetVersion;
import io.claimflow.coding.rules.Coding;
import java.util.List;

/**
 * One coding of an encounter as it leaves coding-service (EncounterCoded).
 *
 * @param coderId the coder's user id; null for automatic coding
 * @param recodeCause the denial answered; null for a first coding
 */
public record CodingVersion(
        String encounterId,
        int version,
        String causationId,
        Coding coding,
        String coderId,
        List<CodeSetVersion> codeSetVersions,
        RecodeCause recodeCause) {

    public boolean automatic() {
        return coderId == null;
    }
}
