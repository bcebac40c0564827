package io.claimflow.claim.denial.adapter;

import io.claimflow.claim.denial.RecodeAttempts;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Recode attempts in table {@code recode_attempt}. */
@Repository
class JdbcRecodeAttempts implements RecodeAttempts {

    private final JdbcClient jdbc;

    JdbcRecodeAttempts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public int countForEncounter(String encounterId) {
        return jdbc.sql("SELECT count(*) FROM recode_attempt WHERE encounter_id = ?")
                .param(encounterId)
                .query(Integer.class)
                .single();
    }

    @Override
    public void record(
            String encounterId,
            String claimId,
            int attempt,
            int codingVersion,
            String denialEventId,
            String requestedBy,
            Instant at) {
        jdbc.sql("INSERT INTO recode_attempt (encounter_id, claim_id, attempt, coding_version, denial_event_id,"
                        + " requested_by, requested_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        encounterId,
                        claimId,
                        attempt,
                        codingVersion,
                        denialEventId,
                        requestedBy,
                        at.atOffset(ZoneOffset.UTC))
                .update();
    }

    @Override
    public void linkResult(String encounterId, String resultingClaimId) {
        jdbc.sql("UPDATE recode_attempt SET resulting_claim_id = ? WHERE encounter_id = ?"
                        + " AND resulting_claim_id IS NULL")
                .params(resultingClaimId, encounterId)
                .update();
    }
}
