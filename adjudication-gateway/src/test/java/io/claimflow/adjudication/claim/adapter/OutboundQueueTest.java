package io.claimflow.adjudication.claim.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.adjudication.claim.ClaimStatus;
import io.claimflow.adjudication.claim.OutboundClaim;
import io.claimflow.adjudication.claim.OutboundClaims;
import io.claimflow.events.ClaimSubmitted;
import io.claimflow.schemas.json.Samples;
import io.claimflow.testsupport.Infrastructure;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The send queue (issue 22): a claim is in {@code outbound_queue} exactly while its status is QUEUED, whichever
 * statement moves it, and a change of status alone touches no index of {@code outbound_claim}, so PostgreSQL keeps
 * the row's new version on its page (a HOT update) instead of copying it with an entry in each of its indexes.
 */
class OutboundQueueTest {

    private static final String PAYER = "BKHP1";

    private static JdbcClient jdbc;
    private static OutboundClaims claims;
    private static TransactionTemplate transactions;

    @BeforeAll
    static void database() {
        Infrastructure infrastructure = Infrastructure.get();
        String url = infrastructure.migratedJdbcUrl("claimflow_adjudication_queue", "classpath:db/migration");
        DataSource dataSource = new DriverManagerDataSource(url, infrastructure.username(), infrastructure.password());
        jdbc = JdbcClient.create(dataSource);
        claims = new JdbcOutboundClaims(jdbc);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @Test
    void noIndexOfTheClaimsNamesTheirStatus() {
        // a column an index holds, computes or filters on makes each change of it a non-HOT update
        String indexesNamingStatus = """
                SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                WHERE i.indrelid = 'outbound_claim'::regclass
                  AND (pg_get_indexdef(i.indexrelid) ~ '\\mstatus\\M'
                       OR coalesce(pg_get_expr(i.indpred, i.indrelid), '') ~ '\\mstatus\\M')""";
        List<String> naming = jdbc.sql(indexesNamingStatus).query(String.class).list();
        assertThat(naming).isEmpty();
    }

    @Test
    void aClaimIsQueuedExactlyWhileItsStatusIsQueued() {
        OutboundClaim claim = claim();
        assertThat(claim.payerId()).isEqualTo(PAYER);
        assertThat(claims.enqueue(claim).outcome()).isEqualTo(OutboundClaims.Enqueued.NEW);
        assertThat(queued(claim)).isTrue();
        assertThat(claims.oldestQueuedPerPayer()).containsKey(PAYER);
        assertThat(locked()).contains(claim.claimId());

        long interchange = interchange();
        claims.markBatched(interchange, Map.of(claim.claimId(), 4242L));
        assertThat(queued(claim)).isFalse();
        assertThat(locked()).doesNotContain(claim.claimId());

        // the payer's mailbox refused the file: back in the queue, at its place (its queued_at kept)
        claims.requeue(claim.claimId());
        assertThat(queued(claim)).isTrue();
        assertThat(jdbc.sql("SELECT q.queued_at = o.queued_at FROM outbound_queue q JOIN outbound_claim o "
                                + "USING (claim_id) WHERE claim_id = ?")
                        .param(claim.claimId())
                        .query(Boolean.class)
                        .single())
                .isTrue();

        // set aside while queued (a claim that cannot be written into an 837P): out of the queue
        claims.updateStatus(claim.claimId(), ClaimStatus.REJECTED, null);
        assertThat(queued(claim)).isFalse();

        // released again (a corrected claim, a new event): queued anew
        OutboundClaim again = claim(claim.claimId());
        assertThat(claims.enqueue(again).outcome()).isEqualTo(OutboundClaims.Enqueued.RESUBMITTED);
        assertThat(queued(claim)).isTrue();
    }

    @Test
    void aChangeOfStatusAloneStaysOnTheRowsPage() {
        OutboundClaim claim = claim();
        claims.enqueue(claim);
        claims.markBatched(interchange(), Map.of(claim.claimId(), 4343L));
        long[] hot = transactions.execute(s -> {
            claims.updateStatus(claim.claimId(), ClaimStatus.SENT, null);
            claims.updateStatuses(
                    List.of(new OutboundClaims.StatusChange(claim.claimId(), ClaimStatus.ACKNOWLEDGED, null)));
            return jdbc.sql("SELECT pg_stat_get_xact_tuples_updated('outbound_claim'::regclass), "
                            + "pg_stat_get_xact_tuples_hot_updated('outbound_claim'::regclass)")
                    .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                    .single();
        });
        assertThat(hot).as("updated, of which HOT").containsExactly(2, 2);
        assertThat(queued(claim)).isFalse();
    }

    private static List<String> locked() {
        return transactions.execute(s -> claims.lockQueued(PAYER, 1000).stream()
                .map(OutboundClaim::claimId)
                .toList());
    }

    private static boolean queued(OutboundClaim claim) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM outbound_queue WHERE claim_id = ?)")
                .param(claim.claimId())
                .query(Boolean.class)
                .single();
    }

    private static long interchange() {
        String outbound = """
                INSERT INTO interchange (direction, transaction_type, payer_id, status, source, sha256, raw)
                VALUES ('OUT', '837P', ?, 'QUEUED', 'GATEWAY', 'test', '\\x00') RETURNING id""";
        return jdbc.sql(outbound).param(PAYER).query(Long.class).single();
    }

    private static OutboundClaim claim() {
        return claim("queue-" + UUID.randomUUID());
    }

    private static OutboundClaim claim(String claimId) {
        ClaimSubmitted event = Samples.load(ClaimSubmitted.class);
        event.setEventId(UUID.randomUUID().toString());
        event.setClaimId(claimId);
        event.setEncounterId("enc-" + claimId);
        event.setPatientControlNumber(
                "PCN" + claimId.substring(claimId.length() - 12).toUpperCase());
        return ClaimSubmittedMapper.toClaim(event);
    }
}
