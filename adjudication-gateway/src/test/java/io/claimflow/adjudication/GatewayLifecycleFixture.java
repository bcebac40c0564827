package io.claimflow.adjudication;

import static io.claimflow.adjudication.GatewayLifecycleTest.ack999;
import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.adjudication.claim.ClaimIntake;
import io.claimflow.adjudication.claim.adapter.ClaimSubmittedMapper;
import io.claimflow.adjudication.response.InboundFiles;
import io.claimflow.adjudication.submission.BatchAssembler;
import io.claimflow.adjudication.submission.PayerConnector;
import io.claimflow.events.ClaimDenied;
import io.claimflow.events.ClaimSubmitted;
import io.claimflow.events.PaymentPosted;
import io.claimflow.payersimulator.adjudication.ResponseWriter;
import io.claimflow.schemas.Topics;
import io.claimflow.schemas.serde.ConfluentAvroDeserializer;
import io.claimflow.testsupport.Infrastructure;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the step-by-step gateway tests ({@link GatewayLifecycleTest}, {@link RemittanceWorkTest}) share: a claim
 * submitted into the gateway, payer files received, the claim's status and submission read back, and the events
 * waiting in the outbox.
 */
abstract class GatewayLifecycleFixture {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ClaimIntake intake;

    @Autowired
    BatchAssembler assembler;

    @Autowired
    InboundFiles inbound;

    @Autowired
    TransactionTemplate transactions;

    void submit(ClaimSubmitted claim) {
        transactions.executeWithoutResult(s -> intake.accept(ClaimSubmittedMapper.toClaim(claim)));
    }

    InboundFiles.Received receive(String x12) {
        return inbound.accept(x12.getBytes(StandardCharsets.US_ASCII), "TEST");
    }

    String status(ClaimSubmitted claim) {
        return jdbc.sql("SELECT status FROM outbound_claim WHERE claim_id = ?")
                .param(claim.getClaimId())
                .query(String.class)
                .single();
    }

    long gs(long interchangeId) {
        return jdbc.sql("SELECT gs_control_number FROM interchange WHERE id = ?")
                .param(interchangeId)
                .query(Long.class)
                .single();
    }

    /** ST02 of the claim's current submission. */
    long st(ClaimSubmitted claim) {
        return jdbc.sql("SELECT st_control_number FROM outbound_claim WHERE claim_id = ?")
                .param(claim.getClaimId())
                .query(Long.class)
                .single();
    }

    long currentInterchange(ClaimSubmitted claim) {
        return jdbc.sql("SELECT interchange_id FROM outbound_claim WHERE claim_id = ?")
                .param(claim.getClaimId())
                .query(Long.class)
                .single();
    }

    /** The payer's 999 accepting the claim's current submission. */
    void accept999(ClaimSubmitted claim) {
        long interchange = currentInterchange(claim);
        assertThat(receive(ack999(gs(interchange), List.of(st(claim)), true)).status())
                .isEqualTo("PROCESSED");
    }

    /** Events of the encounter as they wait in (or left) the outbox, oldest first. */
    <T> List<T> events(String topic, ClaimSubmitted claim, Class<T> type) {
        List<byte[]> payloads = jdbc.sql(
                        "SELECT payload FROM claimflow_platform.outbox WHERE topic = ? AND key = ? " + "ORDER BY seq")
                .params(topic, claim.getEncounterId())
                .query(byte[].class)
                .list();
        List<T> events = new ArrayList<>();
        try (ConfluentAvroDeserializer deserializer = new ConfluentAvroDeserializer()) {
            deserializer.configure(
                    Map.of("schema.registry.url", Infrastructure.get().schemaRegistryUrl()), false);
            for (byte[] payload : payloads) {
                events.add(type.cast(deserializer.deserialize(topic, payload)));
            }
        }
        return events;
    }

    List<PaymentPosted> payments(ClaimSubmitted claim) {
        return events(Topics.PAYMENT_POSTED, claim, PaymentPosted.class);
    }

    List<ClaimDenied> denials(ClaimSubmitted claim) {
        return events(Topics.CLAIM_DENIED, claim, ClaimDenied.class);
    }

    // ---- shared with the tests that run the gateway without a web server (GatewayWorkPerFileTest,
    // GatewayBenchmarkTest) ----

    /**
     * The payer simulator's writer of 999, 277CA and 835 files as payer BKHP1 (Buckeye Health Plan) answers, with
     * {@code name} as its test name.
     */
    static ResponseWriter simulatedPayer(String name) {
        return new ResponseWriter(SimulatedPayers.payer(
                GatewayLifecycleTest.PAYER, "Buckeye Health Plan", "SIMPAYER", "310000001", name));
    }

    /** Payer BKHP1 answering each 837P sent with {@code send837}'s 999; its mailbox is empty. */
    static PayerConnector payer(UnaryOperator<byte[]> send837) {
        return new PayerConnector() {
            @Override
            public byte[] send837(String payerId, byte[] interchange) {
                return send837.apply(interchange);
            }

            @Override
            public List<PendingFile> pendingFiles(String payerId) {
                return List.of();
            }

            @Override
            public byte[] fetch(String payerId, String fileId) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void acknowledge(String payerId, String fileId) {}

            @Override
            public List<String> payers() {
                return List.of(GatewayLifecycleTest.PAYER);
            }
        };
    }
}
