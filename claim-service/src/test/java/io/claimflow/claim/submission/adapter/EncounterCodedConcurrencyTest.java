package io.claimflow.claim.submission.adapter;

import static io.claimflow.claim.PipelineFixture.encounterCoded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.claimflow.claim.submission.ClaimSubmission;
import io.claimflow.events.EncounterCoded;
import io.claimflow.schemas.Topics;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At-least-once delivery meets claim-service: the outbox relay may publish an EncounterCoded twice, and two
 * deliveries may be handled at the same time (two polls, two consumers after a rebalance). Whatever overlaps, a visit's
 * coding builds one current primary claim and one ClaimSubmitted. Each overlap is made certain, not hoped for: the
 * first handling's transaction stays open until the second is seen waiting in PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_claim")
class EncounterCodedConcurrencyTest {

    @Autowired
    EncounterCodedListener listener;

    @Autowired
    ClaimSubmission submission;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    /** Two batches carrying the same record (same key, same event id) at once: the key lock serializes them. */
    @Test
    void theSameEncounterCodedInTwoBatchesAtOnceBuildsOneClaim() throws Exception {
        String encounterId = "enc-dup-" + UUID.randomUUID();
        ConsumerRecord<String, EncounterCoded> record = record(encounterId, encounterCoded(encounterId, 1), 7);

        CompletableFuture<Void> second =
                inTransactionWhileAnotherWaits(() -> listener.on(List.of(record)), () -> listener.on(List.of(record)));
        second.get(30, TimeUnit.SECONDS);

        assertOneClaimOneSubmission(encounterId, 1);
        assertThat(marks(record.value().getEventId())).isEqualTo(1);
    }

    /**
     * The same event again, without the key lock to serialize the two (a record without a key): the idempotency mark
     * of the first, not yet committed, makes the second wait, and then skip.
     */
    @Test
    void theSameEncounterCodedWhileTheFirstHandlingIsUncommittedIsSkipped() throws Exception {
        String encounterId = "enc-dup-" + UUID.randomUUID();
        EncounterCoded coded = encounterCoded(encounterId, 1);

        CompletableFuture<Void> second = inTransactionWhileAnotherWaits(
                () -> listener.on(List.of(record(encounterId, coded, 7))),
                () -> listener.on(List.of(record(null, coded, 8))));
        second.get(30, TimeUnit.SECONDS);

        assertOneClaimOneSubmission(encounterId, 1);
        assertThat(marks(coded.getEventId())).isEqualTo(1);
    }

    /**
     * The database's backstop: two codings of one visit with different event ids (nothing to deduplicate), handled at
     * once without the key lock. Neither sees the other's uncommitted claim; the second's insert waits on the unique
     * index of current claims per visit and payer sequence and fails when the first commits, rolling back everything
     * it did. Handled again (the listener's retry), it finds the claim and changes nothing.
     */
    @Test
    void aSecondPrimaryClaimOfAVisitIsRefusedByTheDatabaseAndItsRetryChangesNothing() throws Exception {
        String encounterId = "enc-dup-" + UUID.randomUUID();
        EncounterCoded first = encounterCoded(encounterId, 1);
        EncounterCoded sameCodingAgain = encounterCoded(encounterId, 1);

        CompletableFuture<Void> second = inTransactionWhileAnotherWaits(
                () -> submission.onEncounterCoded(EncounterCodedMapper.toDomain(first)),
                () -> transactions()
                        .executeWithoutResult(
                                status -> submission.onEncounterCoded(EncounterCodedMapper.toDomain(sameCodingAgain))));

        assertThatThrownBy(() -> second.get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(DuplicateKeyException.class)
                .hasMessageContaining("claim_one_current_per_encounter_and_payer");
        assertOneClaimOneSubmission(encounterId, 1);

        ClaimSubmission.Outcome retried = transactions()
                .execute(status -> submission.onEncounterCoded(EncounterCodedMapper.toDomain(sameCodingAgain)));
        assertThat(retried).isEqualTo(ClaimSubmission.Outcome.IGNORED_OLD_VERSION);
        assertOneClaimOneSubmission(encounterId, 1);
    }

    /**
     * Runs {@code first} in a transaction, then {@code second} on another thread, and commits the first only once the
     * second waits for a lock in PostgreSQL.
     *
     * @return the second, completing after the first committed
     */
    private CompletableFuture<Void> inTransactionWhileAnotherWaits(Runnable first, Runnable second) {
        CompletableFuture<Void>[] started = new CompletableFuture[1];
        transactions().executeWithoutResult(status -> {
            first.run();
            int waitingBefore = waitingBackends();
            started[0] = CompletableFuture.runAsync(second);
            Awaitility.await("the second handling waits for the first")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> started[0].isDone() || waitingBackends() > waitingBefore);
            assertThat(started[0])
                    .as("the second handling went ahead while the first was uncommitted")
                    .isNotDone();
        });
        return started[0];
    }

    // another connection: the test's transaction holds its own
    private int waitingBackends() {
        return CompletableFuture.supplyAsync(() -> jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE datname ="
                                + " current_database() AND wait_event_type = 'Lock'")
                        .query(Integer.class)
                        .single())
                .join();
    }

    private TransactionTemplate transactions() {
        return new TransactionTemplate(transactionManager);
    }

    private void assertOneClaimOneSubmission(String encounterId, int codingVersion) {
        assertThat(jdbc.sql("SELECT count(*) FROM claim WHERE encounter_id = ?")
                        .param(encounterId)
                        .query(Integer.class)
                        .single())
                .as("claims of the visit")
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM claim WHERE encounter_id = ? AND is_current AND payer_sequence = 1"
                                + " AND coding_version = ?")
                        .params(encounterId, codingVersion)
                        .query(Integer.class)
                        .single())
                .as("current primary claims")
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM claimflow_platform.outbox WHERE topic = ? AND key = ?")
                        .params(Topics.CLAIM_SUBMITTED, encounterId)
                        .query(Integer.class)
                        .single())
                .as("ClaimSubmitted rows")
                .isEqualTo(1);
    }

    private int marks(String eventId) {
        return jdbc.sql(
                        "SELECT count(*) FROM claimflow_platform.processed_event WHERE consumer_id = ? AND event_id = ?")
                .params(EncounterCodedListener.CONSUMER, UUID.fromString(eventId))
                .query(Integer.class)
                .single();
    }

    private static ConsumerRecord<String, EncounterCoded> record(String key, EncounterCoded value, long offset) {
        return new ConsumerRecord<>(Topics.ENCOUNTER_CODED, 0, offset, key, value);
    }
}
