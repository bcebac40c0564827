package io.claimflow.adjudication;

import io.claimflow.adjudication.claim.ClaimIntake;
import io.claimflow.adjudication.claim.OutboundClaim;
import io.claimflow.adjudication.claim.adapter.ClaimSubmittedMapper;
import io.claimflow.adjudication.response.Balancing;
import io.claimflow.adjudication.response.InboundFiles;
import io.claimflow.adjudication.submission.BatchAssembler;
import io.claimflow.adjudication.x12.ClaimTransaction;
import io.claimflow.adjudication.x12.InterchangeEnvelope;
import io.claimflow.adjudication.x12.Professional837Writer;
import io.claimflow.adjudication.x12.Remittance;
import io.claimflow.adjudication.x12.Remittance835Reader;
import io.claimflow.events.ClaimSubmitted;
import io.claimflow.payersimulator.adjudication.Adjudication;
import io.claimflow.payersimulator.adjudication.ResponseWriter;
import io.claimflow.payersimulator.adjudication.SubmittedClaim;
import io.claimflow.schemas.json.Samples;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import io.claimflow.x12.X12Segments;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Throughput figures, run only on request ({@code -Dbenchmark=true}; see README): 837P claims written per second
 * (in memory, and queued -> batched -> written -> stored in PostgreSQL), 835 claims parsed and balanced per second
 * (in memory), and 835 claims parsed, balanced, matched and posted with their events in the outbox per second.
 * Prints the figures and writes them to target/benchmark-results.txt.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
@SpringBootTest(
        properties = {"claimflow.adjudication.scheduling.enabled=false", "spring.kafka.listener.auto-startup=false"})
@ClaimFlowInfrastructure(database = "claimflow_adjudication_benchmark")
class GatewayBenchmarkTest {

    private static final int CLAIMS = Integer.getInteger("benchmark.claims", 5000);
    private static final int PER_FILE = 50;

    @Autowired
    ClaimIntake intake;

    @Autowired
    BatchAssembler assembler;

    @Autowired
    InboundFiles inbound;

    @Test
    void throughput() throws IOException {
        List<String> report = new ArrayList<>();
        List<OutboundClaim> claims = new ArrayList<>();
        for (int i = 0; i < CLAIMS; i++) {
            claims.add(claim(i));
        }

        // 1. 837P written in memory (staedi), 50 claims per interchange
        Professional837Writer writer = new Professional837Writer(false);
        warmUp(() -> write(writer, claims.subList(0, Math.min(500, CLAIMS))));
        long start = System.nanoTime();
        long bytes = write(writer, claims);
        report.add(rate("837P claims written (in memory, staedi)", CLAIMS, start)
                + String.format(Locale.ROOT, ", %.1f MB", bytes / 1e6));

        // 2. 837P through the gateway: queued, batched with control numbers, written and stored (PostgreSQL)
        for (OutboundClaim claim : claims) {
            intake.accept(claim);
        }
        start = System.nanoTime();
        int batched = 0;
        while (assembler.assemble("BKHP1").isPresent()) {
            batched += PER_FILE;
        }
        report.add(rate("837P claims batched, written and stored (PostgreSQL)", Math.min(batched, CLAIMS), start));

        // 3. 835 files for those claims, as the simulator writes them
        List<byte[]> eras = eras(claims);
        warmUp(() -> eras.subList(0, Math.min(5, eras.size())).forEach(GatewayBenchmarkTest::parseAndBalance));
        start = System.nanoTime();
        for (byte[] era : eras) {
            parseAndBalance(era);
        }
        report.add(rate("835 claims parsed and balanced (in memory, staedi)", CLAIMS, start));

        // 4. 835 through the gateway: stored, parsed, balanced, matched, posted, PaymentPosted + ClaimDenied in the
        // outbox, one transaction per file
        start = System.nanoTime();
        for (byte[] era : eras) {
            InboundFiles.Received received = inbound.accept(era, "BENCHMARK");
            if (!received.status().equals("PROCESSED")) {
                throw new AssertionError("835 not posted: " + received);
            }
        }
        report.add(rate("835 claims parsed, balanced and posted with events (PostgreSQL outbox)", CLAIMS, start));

        String text = "adjudication-gateway benchmark, " + CLAIMS + " claims (2 lines each), " + PER_FILE
                + " claims per file, " + Runtime.getRuntime().availableProcessors() + " cores\n"
                + String.join("\n", report) + "\n";
        System.out.print(text);
        Files.writeString(Path.of("target", "benchmark-results.txt"), text);
    }

    private static long write(Professional837Writer writer, List<OutboundClaim> claims) {
        long bytes = 0;
        long control = 1;
        for (int from = 0; from < claims.size(); from += PER_FILE) {
            List<ClaimTransaction> transactions = new ArrayList<>();
            for (OutboundClaim claim : claims.subList(from, Math.min(claims.size(), from + PER_FILE))) {
                transactions.add(new ClaimTransaction(control++, claim));
            }
            InterchangeEnvelope envelope = new InterchangeEnvelope(
                    "CLAIMFLOW",
                    "SIMPAYER",
                    control,
                    control,
                    LocalDateTime.now(),
                    false,
                    "ClaimFlow Billing",
                    "Billing Desk",
                    "6145550100",
                    "Buckeye");
            bytes += writer.write(envelope, transactions).length;
        }
        return bytes;
    }

    private static void parseAndBalance(byte[] era) {
        for (Remittance remittance : Remittance835Reader.read(X12Segments.read(era))) {
            if (!Balancing.problems(remittance).isEmpty()) {
                throw new AssertionError("benchmark 835 does not balance");
            }
        }
    }

    /** One 835 per 50 claims: 99214 paid with a copay, 83036 denied CARC 11, as the simulator adjudicates them. */
    private static List<byte[]> eras(List<OutboundClaim> claims) {
        ResponseWriter writer = GatewayLifecycleFixture.simulatedPayer("BENCH");
        List<byte[]> eras = new ArrayList<>();
        int trace = 0;
        for (int from = 0; from < claims.size(); from += PER_FILE) {
            List<Adjudication> adjudications = new ArrayList<>();
            for (OutboundClaim claim : claims.subList(from, Math.min(claims.size(), from + PER_FILE))) {
                List<SubmittedClaim.Line> lines = claim.lines().stream()
                        .map(l -> new SubmittedClaim.Line(
                                l.procedureCode(),
                                l.modifiers(),
                                l.charge(),
                                l.units(),
                                l.diagnosisPointers(),
                                l.dateOfService(),
                                l.lineItemControlNumber(),
                                false))
                        .toList();
                SubmittedClaim submitted = new SubmittedClaim(
                        "0001",
                        claim.patientControlNumber(),
                        claim.totalCharge(),
                        "1",
                        "P",
                        null,
                        null,
                        "BHP884120337",
                        "DOE",
                        "JANE",
                        "RIVERSIDE",
                        "1847362914",
                        "311234567",
                        claim.diagnoses(),
                        lines);
                adjudications.add(new Adjudication(
                        submitted,
                        "BKHP1" + claim.claimId(),
                        "1",
                        new BigDecimal("103.74"),
                        new BigDecimal("25.00"),
                        List.of(
                                new Adjudication.Line(
                                        lines.get(0),
                                        new BigDecimal("128.74"),
                                        new BigDecimal("103.74"),
                                        List.of(
                                                new Adjudication.Cas("CO", "45", new BigDecimal("36.26")),
                                                new Adjudication.Cas("PR", "3", new BigDecimal("25.00"))),
                                        List.of()),
                                new Adjudication.Line(
                                        lines.get(1),
                                        null,
                                        new BigDecimal("0.00"),
                                        List.of(new Adjudication.Cas("CO", "11", new BigDecimal("45.00"))),
                                        List.of("M76")))));
            }
            eras.add(writer.write835(
                    "CLAIMFLOW",
                    adjudications,
                    String.format("BENCH%09d", ++trace),
                    trace,
                    LocalDateTime.now(),
                    BigDecimal.ZERO));
        }
        return eras;
    }

    private static OutboundClaim claim(int i) {
        ClaimSubmitted event = Samples.load(ClaimSubmitted.class);
        String id = UUID.randomUUID().toString().substring(0, 8) + i;
        event.setEventId(UUID.randomUUID().toString());
        event.setEncounterId("enc-bench-" + id);
        event.setClaimId("clm-bench-" + id);
        event.setPatientControlNumber(("B" + id).toUpperCase());
        LocalDate dos = LocalDate.of(2026, 3, 10);
        event.getLines().forEach(l -> {
            l.getService().setDateOfService(dos);
            l.setLineItemControlNumber(event.getClaimId() + "-" + l.getService().getLineNumber());
        });
        return ClaimSubmittedMapper.toClaim(event);
    }

    private static String rate(String what, int claims, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return String.format(
                Locale.ROOT, "%-75s %,10.0f claims/s (%d claims in %.2f s)", what, claims / seconds, claims, seconds);
    }

    private static void warmUp(Runnable work) {
        for (int i = 0; i < 3; i++) {
            work.run();
        }
    }
}
