package io.claimflow.claim.submission.adapter;

import static io.claimflow.claim.PipelineFixture.encounterCoded;
import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.events.EncounterCoded;
import io.claimflow.schemas.Topics;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import io.claimflow.testsupport.StatementCounter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What PostgreSQL does for a poll of coded encounters (issue 22), so that the cost cannot creep back: per encounter
 * one read (its current claim and the patient's other claims of the day, for the duplicate check) and one insert
 * (the claim with its diagnoses, lines and status history); per poll the key locks, the idempotency marks and the
 * outbox rows, one statement each. Before (feature/claimpoll): per encounter the current claim and the duplicate
 * check read apart, the claim, its diagnoses, its lines and its status history inserted apart (6 per encounter).
 */
@SpringBootTest(
        properties = {"spring.kafka.listener.auto-startup=false", "claimflow.claim.fee-schedule.check-interval=1h"})
@ClaimFlowInfrastructure(database = "claimflow_claim")
@Import(StatementCounter.class)
class EncounterCodedWorkPerPollTest {

    static final int ENCOUNTERS = 20;

    /**
     * Per encounter: the read of its current claim with the same-day claims, the claim's insert (with its diagnoses,
     * lines and status history).
     */
    static final int STATEMENTS_PER_ENCOUNTER = 2;

    /**
     * Per poll: the key locks with the idempotency marks (one statement), the outbox rows, and at most one block of
     * claim numbers (a block holds 20; the poll may use up the one in hand and take the next).
     */
    static final int STATEMENTS_PER_POLL = 3;

    @Autowired
    EncounterCodedListener listener;

    @Autowired
    StatementCounter counter;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aPollOfCodedEncountersTakesTwoStatementsPerEncounterAndOneCommit() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        // the fee schedule read into its cache first, as in a running service
        String warm = "enc-warm-" + run;
        listener.on(List.of(new ConsumerRecord<>(Topics.ENCOUNTER_CODED, 0, 0, warm, encounterCoded(warm, 1))));
        List<ConsumerRecord<String, EncounterCoded>> poll = new ArrayList<>();
        for (int i = 0; i < ENCOUNTERS; i++) {
            String encounterId = "enc-poll-" + run + "-" + i;
            poll.add(new ConsumerRecord<>(Topics.ENCOUNTER_CODED, 0, i, encounterId, encounterCoded(encounterId, 1)));
        }

        StatementCounter.Counts counts = counter.count(() -> listener.on(poll));

        assertThat(counts.commits()).isEqualTo(1);
        assertThat(counts.statements())
                .isLessThanOrEqualTo(ENCOUNTERS * STATEMENTS_PER_ENCOUNTER + STATEMENTS_PER_POLL);
        assertThat(jdbc.sql(
                                "SELECT count(*) FROM claim WHERE encounter_id LIKE :p AND is_current AND status = 'SUBMITTED'")
                        .param("p", "enc-poll-" + run + "-%")
                        .query(Integer.class)
                        .single())
                .isEqualTo(ENCOUNTERS);
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM claim c
                        WHERE c.encounter_id LIKE :p
                            AND (SELECT count(*) FROM claim_diagnosis d WHERE d.claim_id = c.claim_id) = 2
                            AND (SELECT string_agg(l.line_number || ' ' || l.procedure_code || ' ' || l.charge, ', '
                                    ORDER BY l.line_number) FROM claim_line l WHERE l.claim_id = c.claim_id)
                                = '1 99214 165.00, 2 83036 45.00'
                            AND (SELECT string_agg(h.to_status, ',' ORDER BY h.id) FROM claim_status_history h
                                    WHERE h.claim_id = c.claim_id) = 'CREATED,SUBMITTED'
                        """)
                        .param("p", "enc-poll-" + run + "-%")
                        .query(Integer.class)
                        .single())
                .as("each claim with its diagnoses, its lines as built and its timeline in order")
                .isEqualTo(ENCOUNTERS);
    }

    /**
     * Two encounters of the same patient, date and services in one poll: the second is held as a duplicate of the
     * first, as when they came one by one (the read of the second sees the first's claim); and the same encounter's
     * second coding in the poll finds the claim the first built (an older or equal version changes nothing).
     */
    @Test
    void recordsOfOnePollSeeWhatTheRecordsBeforeThemStored() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String first = "enc-twin-" + run + "-a";
        String second = "enc-twin-" + run + "-b";
        EncounterCoded a = encounterCoded(first, 1);
        EncounterCoded b = encounterCoded(second, 1);
        b.getPatient().setMrn(a.getPatient().getMrn());
        EncounterCoded aAgain = encounterCoded(first, 1);
        aAgain.getPatient().setMrn(a.getPatient().getMrn());

        listener.on(List.of(
                new ConsumerRecord<>(Topics.ENCOUNTER_CODED, 0, 0, first, a),
                new ConsumerRecord<>(Topics.ENCOUNTER_CODED, 0, 1, second, b),
                new ConsumerRecord<>(Topics.ENCOUNTER_CODED, 0, 2, first, aAgain)));

        assertThat(status(first)).isEqualTo("SUBMITTED");
        assertThat(status(second)).isEqualTo("HELD");
        assertThat(jdbc.sql("SELECT count(*) FROM claim WHERE encounter_id = :e")
                        .param("e", first)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("""
                        SELECT string_agg(h.to_status, ',' ORDER BY h.id) FROM claim_status_history h
                        JOIN claim c ON c.claim_id = h.claim_id WHERE c.encounter_id = :e
                        """).param("e", second).query(String.class).single())
                .isEqualTo("CREATED,HELD");
    }

    private String status(String encounterId) {
        return jdbc.sql("SELECT status FROM claim WHERE encounter_id = :e AND is_current")
                .param("e", encounterId)
                .query(String.class)
                .single();
    }
}
