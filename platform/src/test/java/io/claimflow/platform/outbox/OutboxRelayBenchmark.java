package io.claimflow.platform.outbox;

import static io.claimflow.platform.TestEvents.event;

import io.claimflow.platform.PlatformTest;
import io.claimflow.platform.kafka.RawRecordTemplate;
import io.claimflow.platform.testapp.PlatformTestApplication;
import io.claimflow.platform.testapp.PlatformTestEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Benchmark, not a test (surefire's default includes leave it out): how many outbox rows one relay sends per second,
 * the one writer per service that the advisory lock allows. Run it with
 * {@code ./mvnw -B -q -pl platform -am verify -Dsurefire.failIfNoSpecifiedTests=false -Dtest=OutboxRelayBenchmark
 * -Dbenchmark.rows=20000 && cat platform/target/benchmark/outbox-relay.txt}.
 *
 * <p>For each batch size it appends {@code benchmark.rows} events through {@link OutboxWriter} (500 per
 * transaction, as a busy listener's batch would), then drains them with a relay of that batch size to the in-process
 * broker and times the drain: rows per second, and the relaying thread's CPU per row (the producer's network thread,
 * the broker and PostgreSQL come on top and are not in that figure).
 */
@PlatformTest
class OutboxRelayBenchmark {

    static final int ROWS = Integer.getInteger("benchmark.rows", 20_000);
    static final List<Integer> BATCH_SIZES = List.of(100, 500, 1000);
    static final Path REPORT = Path.of("target", "benchmark", "outbox-relay.txt");

    @Autowired
    OutboxWriter outboxWriter;

    @Autowired
    OutboxRelay outboxRelay;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    RawRecordTemplate rawRecordTemplate;

    @Autowired
    ProcessedEvents processedEvents;

    @Autowired
    ClaimFlowOutboxProperties properties;

    @Test
    void rowsPerSecond() throws IOException {
        Files.createDirectories(REPORT.getParent());
        Files.deleteIfExists(REPORT);
        outboxRelay.relayAll();
        report(String.format(
                Locale.ROOT,
                "outbox relay, %d rows per run, %d available processors%n%-10s %14s %14s %18s %20s%n",
                ROWS,
                Runtime.getRuntime().availableProcessors(),
                "batch",
                "append rows/s",
                "relay rows/s",
                "relay ms per 1k",
                "relay thread CPU us/row"));
        run(100, ROWS / 4, false); // warm-up: JIT, producer metadata, registry cache
        for (int batchSize : BATCH_SIZES) {
            run(batchSize, ROWS, true);
        }
    }

    private void run(int batchSize, int rows, boolean print) throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long appendStart = System.nanoTime();
        for (int done = 0; done < rows; done += 500) {
            int chunk = Math.min(500, rows - done);
            transactions.executeWithoutResult(status -> {
                for (int i = 0; i < chunk; i++) {
                    PlatformTestEvent event = event("ok");
                    outboxWriter.append(PlatformTestApplication.OUTBOX, event.getEncounterId(), event);
                }
            });
        }
        long appendNanos = System.nanoTime() - appendStart;

        OutboxRelay relay = new OutboxRelay(
                dataSource,
                rawRecordTemplate,
                processedEvents,
                withBatchSize(batchSize),
                ObservationRegistry.NOOP,
                new SimpleMeterRegistry(),
                "benchmark");
        long cpuStart = threads.getCurrentThreadCpuTime();
        long relayStart = System.nanoTime();
        int sent = relay.relayAll();
        long relayNanos = System.nanoTime() - relayStart;
        long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
        if (sent != rows) {
            throw new IllegalStateException("relayed " + sent + " of " + rows + " rows");
        }
        if (print) {
            report(String.format(
                    Locale.ROOT,
                    "%-10d %14.0f %14.0f %18.1f %20.1f%n",
                    batchSize,
                    rows / (appendNanos / 1e9),
                    rows / (relayNanos / 1e9),
                    relayNanos / 1e6 / (rows / 1000.0),
                    cpu / 1e3 / rows));
        }
        jdbc.update("DELETE FROM " + PlatformSchema.SCHEMA + ".outbox WHERE published_at IS NOT NULL");
    }

    private ClaimFlowOutboxProperties withBatchSize(int batchSize) {
        return new ClaimFlowOutboxProperties(
                true,
                false,
                false,
                properties.pollInterval(),
                batchSize,
                Duration.ofSeconds(60),
                properties.publishedRetention(),
                properties.processedEventRetention());
    }

    private static void report(String text) throws IOException {
        System.out.print(text);
        Files.writeString(REPORT, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
