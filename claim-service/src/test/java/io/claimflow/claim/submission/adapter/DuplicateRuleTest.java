package io.claimflow.claim.submission.adapter;

import static io.claimflow.claim.PipelineFixture.encounterCoded;
import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.claim.model.ClaimRepository;
import io.claimflow.events.EncounterCoded;
import io.claimflow.schemas.Topics;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import io.claimflow.testsupport.StatementCounter;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The claim duplicate rule has two paths, a coded encounter's (its same-day claims read with its current claim) and
 * the manual resubmit's and next payer's ({@link ClaimRepository#hasDuplicate}); both answer alike for the same
 * claims: a live claim of another encounter of the patient's date with the same services is a duplicate, one of the
 * same encounter, with other services or no longer live is not.
 */
@SpringBootTest(
        properties = {"spring.kafka.listener.auto-startup=false", "claimflow.claim.fee-schedule.check-interval=1h"})
@ClaimFlowInfrastructure(database = "claimflow_claim")
@Import(StatementCounter.class) // the context of EncounterCodedWorkPerPollTest, shared
class DuplicateRuleTest {

    @Autowired
    EncounterCodedListener listener;

    @Autowired
    ClaimRepository claims;

    @Autowired
    JdbcClient jdbc;

    record Key(String tenantId, String patientMrn, LocalDate dateOfService, String serviceKey) {}

    @Test
    void bothPathsOfTheDuplicateRuleAnswerAlike() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String first = "enc-dup-" + run + "-a";
        String second = "enc-dup-" + run + "-b";
        EncounterCoded a = encounterCoded(first, 1);
        listener.on(List.of(new ConsumerRecord<>(Topics.ENCOUNTER_CODED, 0, 0, first, a)));
        Key key = key(first);

        assertThat(bothPaths(second, key, key.serviceKey()))
                .as("the same services, another encounter")
                .containsExactly(true, true);
        assertThat(bothPaths(first, key, key.serviceKey()))
                .as("the same encounter")
                .containsExactly(false, false);
        assertThat(bothPaths(second, key, key.serviceKey() + "|other"))
                .as("other services")
                .containsExactly(false, false);

        jdbc.sql("UPDATE claim SET status = 'VOIDED' WHERE encounter_id = :e")
                .param("e", first)
                .update();
        assertThat(bothPaths(second, key, key.serviceKey()))
                .as("a voided claim")
                .containsExactly(false, false);
    }

    /** The coded encounter's answer and hasDuplicate's, for a claim of {@code encounterId} with {@code serviceKey}. */
    private List<Boolean> bothPaths(String encounterId, Key key, String serviceKey) {
        ClaimRepository.VisitClaims visit = claims.currentForUpdateWithSameDayClaims(
                encounterId, key.tenantId(), key.patientMrn(), key.dateOfService());
        return List.of(
                ClaimRepository.VisitClaims.isDuplicate(visit.otherServiceKeys(), serviceKey),
                claims.hasDuplicate(key.tenantId(), key.patientMrn(), key.dateOfService(), serviceKey, encounterId));
    }

    private Key key(String encounterId) {
        return jdbc.sql("SELECT tenant_id, patient_mrn, date_of_service, service_key FROM claim"
                        + " WHERE encounter_id = :e AND is_current")
                .param("e", encounterId)
                .query((rs, row) ->
                        new Key(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class), rs.getString(4)))
                .single();
    }
}
