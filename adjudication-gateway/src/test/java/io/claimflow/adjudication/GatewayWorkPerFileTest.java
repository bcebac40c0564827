package io.claimflow.adjudication;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.adjudication.claim.OutboundClaims;
import io.claimflow.adjudication.claim.adapter.ClaimSubmittedPolls;
import io.claimflow.adjudication.config.GatewayProperties;
import io.claimflow.adjudication.response.InboundFiles;
import io.claimflow.adjudication.submission.BatchAssembler;
import io.claimflow.adjudication.submission.InterchangeSender;
import io.claimflow.adjudication.submission.Interchanges;
import io.claimflow.adjudication.submission.PayerConnector;
import io.claimflow.events.ClaimSubmitted;
import io.claimflow.payersimulator.adjudication.Adjudication;
import io.claimflow.payersimulator.adjudication.Claim837Reader;
import io.claimflow.payersimulator.adjudication.Received837;
import io.claimflow.payersimulator.adjudication.ResponseWriter;
import io.claimflow.payersimulator.adjudication.SubmittedClaim;
import io.claimflow.schemas.Topics;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import io.claimflow.testsupport.StatementCounter;
import io.claimflow.x12.X12Segments;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What PostgreSQL does for the files of one batch of claims (issue 22), so that the per-claim cost cannot creep back:
 * 20 claims batched into one 837P, sent with its 999, then a 277CA and an 835 for all 20, written by the payer
 * simulator's own reader and writer. Each file's bookkeeping (the claims' statuses, their X12 history, the reads of
 * the claims it names, the 835's remittance rows) is a fixed few statements per file, not a few per claim (the
 * events go to the outbox in one JDBC batch per transaction). The intake is one statement per claim.
 */
@SpringBootTest(
        properties = {
            "claimflow.adjudication.scheduling.enabled=false",
            "spring.kafka.listener.auto-startup=false",
            "claimflow.outbox.poll-interval=1h"
        })
@ClaimFlowInfrastructure(database = "claimflow_adjudication_work")
@Import(StatementCounter.class)
class GatewayWorkPerFileTest {

    private static final int CLAIMS = 20;
    private static final String PAYER = "BKHP1";

    @Autowired
    StatementCounter counter;

    @Autowired
    BatchAssembler assembler;

    @Autowired
    InboundFiles inbound;

    @Autowired
    Interchanges interchanges;

    @Autowired
    OutboundClaims claims;

    @Autowired
    GatewayProperties properties;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    private final ResponseWriter payer = GatewayLifecycleFixture.simulatedPayer("WORK");

    @Test
    void theFilesOfTwentyClaimsCostAFewStatementsPerFileNotAFewPerClaim() {
        List<ClaimSubmitted> submitted = new ArrayList<>();
        for (int i = 0; i < CLAIMS; i++) {
            submitted.add(GatewayLifecycleTest.claim("BHP884120337"));
        }
        // one poll of the ClaimSubmitted listener (its transaction, advisory lock, intake), then the same poll again
        // (a redelivery: every claim DUPLICATE, nothing changes)
        StatementCounter.Counts intakeCounts = counter.count(() -> ClaimSubmittedPolls.deliver(context, submitted, 0));
        StatementCounter.Counts againCounts = counter.count(() -> ClaimSubmittedPolls.deliver(context, submitted, 0));
        assertThat(jdbc.sql("SELECT count(*) FROM claim_submission")
                        .query(Long.class)
                        .single())
                .isEqualTo(CLAIMS);
        StatementCounter.Counted<List<String>> due = counter.count(() -> assembler.payersDue(true));
        assertThat(due.result()).containsExactly(PAYER);

        StatementCounter.Counted<Long> batch =
                counter.count(() -> assembler.assemble(PAYER).orElseThrow());
        StatementCounter.Counts batchCounts = batch.counts();

        AtomicReference<Received837> received = new AtomicReference<>();
        InterchangeSender sender = new InterchangeSender(
                interchanges, claims, simulator(received), inbound, transactions, properties, Clock.systemUTC());
        StatementCounter.Counted<Integer> sent = counter.count(sender::sendDue);
        assertThat(sent.result()).isEqualTo(1);
        assertThat(received.get().claims()).hasSize(CLAIMS);
        assertThat(statuses(submitted)).containsOnly("ACKNOWLEDGED");

        List<ResponseWriter.ClaimStatus> accepted = received.get().claims().stream()
                .map(c -> new ResponseWriter.ClaimStatus(c, true, PAYER + c.patientControlNumber()))
                .toList();
        byte[] ack277 = payer.write277(received.get(), accepted, 900_001, LocalDateTime.now());
        StatementCounter.Counted<InboundFiles.Received> on277 = counter.count(() -> inbound.accept(ack277, "TEST"));
        assertThat(on277.result().status()).isEqualTo("PROCESSED");
        assertThat(statuses(submitted)).containsOnly("ACCEPTED");

        byte[] era = payer.write835(
                "CLAIMFLOW",
                received.get().claims().stream()
                        .map(GatewayWorkPerFileTest::paidInFull)
                        .toList(),
                "WORK" + System.nanoTime(),
                900_002,
                LocalDateTime.now(),
                BigDecimal.ZERO);
        StatementCounter.Counted<InboundFiles.Received> on835 = counter.count(() -> inbound.accept(era, "TEST"));
        assertThat(on835.result().status()).isEqualTo("PROCESSED");
        assertThat(on835.result().detail()).startsWith("posted " + CLAIMS + " claim(s), 0 unmatched");
        assertThat(statuses(submitted)).containsOnly("PAID");
        StatementCounter.Counted<InboundFiles.Received> again = counter.count(() -> inbound.accept(era, "TEST"));
        assertThat(again.result().status()).isEqualTo("DUPLICATE");

        for (ClaimSubmitted claim : submitted) {
            assertThat(interchanges.history(claim.getClaimId()).stream()
                            .map(e -> e.transactionType() + " " + e.outcome())
                            .toList())
                    .as("the X12 history of claim %s", claim.getClaimId())
                    .containsExactly("837P BATCHED", "837P SENT", "999 ACCEPTED", "277CA ACCEPTED", "835 PAID");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM claimflow_platform.outbox WHERE topic = ?")
                        .param(Topics.PAYMENT_POSTED)
                        .query(Long.class)
                        .single())
                .isEqualTo(CLAIMS);

        String figures = String.format(
                "statements (commits) for %d claims: intake %d (%d), intake again %d, payers due %d, batch %d (%d), "
                        + "send with its 999 %d (%d), 277CA %d (%d), 835 %d (%d), 835 again %d",
                CLAIMS,
                intakeCounts.statements(),
                intakeCounts.commits(),
                againCounts.statements(),
                due.counts().statements(),
                batchCounts.statements(),
                batchCounts.commits(),
                sent.counts().statements(),
                sent.counts().commits(),
                on277.counts().statements(),
                on277.counts().commits(),
                on835.counts().statements(),
                on835.counts().commits(),
                again.counts().statements());
        System.out.println(figures);
        // before the files' bookkeeping was batched (issue 22): intake 100, batch 84, send 110, 277CA 103, 835 107;
        // before session 21 folded the intake, the received file's duplicate check and the payers' reads, and wrote a
        // transaction's X12 history at its commit: intake 82 (the poll's lock and marks, four per claim), the same
        // poll again 2 (its marks knew it), payers due 2, batch 8, send 15, 277CA 7, 835 12, 835 again 2
        assertThat(intakeCounts.statements())
                .as("intake, one poll: the batch's lock, then one per claim (the duplicate check, the claim, its "
                        + "submission and whether an 835 waits for it in one; no processed-event marks): " + figures)
                .isLessThanOrEqualTo(1 + CLAIMS);
        assertThat(intakeCounts.commits())
                .as("intake: one commit per poll: " + figures)
                .isEqualTo(1);
        assertThat(againCounts.statements())
                .as("intake of the same poll again: the lock and one per claim: " + figures)
                .isLessThanOrEqualTo(1 + CLAIMS);
        assertThat(due.counts().statements())
                .as("payers due: one read for all payers: " + figures)
                .isEqualTo(1);
        assertThat(batchCounts.statements())
                .as("batch: lock, control numbers, the file, the claims' marks and history: " + figures)
                .isLessThanOrEqualTo(8);
        assertThat(sent.counts().statements())
                .as("send with its 999: a few per file, none per claim (the send's and the 999's history in one "
                        + "insert at the commit): " + figures)
                .isLessThanOrEqualTo(13);
        assertThat(on277.counts().statements())
                .as("277CA: a few per file, none per claim: " + figures)
                .isLessThanOrEqualTo(6);
        assertThat(on835.counts().statements())
                .as("835: a few per file, none per claim (the outbox rows are one batch; whether an ERA was posted "
                        + "before read once): " + figures)
                .isLessThanOrEqualTo(10);
        assertThat(again.counts().statements())
                .as("the same 835 again: stored as DUPLICATE with its check in one statement: " + figures)
                .isEqualTo(1);
    }

    private List<String> statuses(List<ClaimSubmitted> submitted) {
        return jdbc.sql("SELECT status FROM outbound_claim WHERE claim_id IN (:ids)")
                .param("ids", submitted.stream().map(ClaimSubmitted::getClaimId).toList())
                .query(String.class)
                .list();
    }

    /** The simulated payer: reads the 837P as the simulator does and answers with its 999 accepting every claim. */
    private PayerConnector simulator(AtomicReference<Received837> received) {
        return GatewayLifecycleFixture.payer(interchange -> {
            received.set(Claim837Reader.read(X12Segments.read(interchange)));
            return payer.write999(received.get(), 900_000, LocalDateTime.now());
        });
    }

    /** Every line paid as billed (allowed = charge), no adjustment. */
    private static Adjudication paidInFull(SubmittedClaim claim) {
        return new Adjudication(
                claim,
                PAYER + claim.patientControlNumber(),
                "1",
                claim.totalCharge(),
                BigDecimal.ZERO,
                claim.lines().stream()
                        .map(l -> new Adjudication.Line(l, l.charge(), l.charge(), List.of(), List.of()))
                        .toList());
    }
}
