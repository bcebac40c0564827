package io.claimflow.platform.outbox;

import static io.claimflow.platform.TestEvents.event;

import io.claimflow.platform.PlatformTest;
import io.claimflow.platform.testapp.PlatformTestApplication;
import io.claimflow.platform.testapp.PlatformTestEvent;
import io.claimflow.testsupport.PostgresCpu;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

/**
 * Benchmark, not a test (surefire's default includes leave it out): the CPU a batch listener's plumbing costs per
 * record, with the work of a typical service handler's platform part: {@link TransactionalBatches#handleOnce} (the
 * batch's transaction, its lock per key, the idempotency mark) and one {@link OutboxWriter#append} per record. Run it
 * with {@code ./mvnw -B -q -pl platform -am verify -Dsurefire.failIfNoSpecifiedTests=false
 * -Dtest=TransactionalBatchesBenchmark && cat platform/target/benchmark/transactional-batches.txt}.
 *
 * <p>For each batch size (1, 20, 100 records a poll) it handles {@code benchmark.records} records, after as many not
 * counted (JIT warm-up), and prints the CPU per record of the handling thread (its serialization, JDBC driver, Spring
 * and tracing) and of the PostgreSQL server (parse, plan, execute, commit): CPU time, not wall time, so the figures
 * stay comparable when other work shares the machine. {@code -Dbenchmark.sampling=0.1} measures with one trace in ten
 * sampled (default 1.0, the platform's default).
 */
@PlatformTest
@TestPropertySource(properties = "management.tracing.sampling.probability=${benchmark.sampling:1.0}")
class TransactionalBatchesBenchmark {

    static final int RECORDS = Integer.getInteger("benchmark.records", 4000);
    static final List<Integer> BATCH_SIZES = List.of(1, 20, 100);
    static final Path REPORT = Path.of("target", "benchmark", "transactional-batches.txt");

    @Autowired
    TransactionalBatches batches;

    @Autowired
    OutboxWriter outboxWriter;

    @Autowired
    OutboxRelay outboxRelay;

    @Value("${management.tracing.sampling.probability}")
    String sampling;

    @Test
    void cpuPerRecord() throws IOException {
        outboxRelay.stop();
        Files.createDirectories(REPORT.getParent());
        Files.deleteIfExists(REPORT);
        report(String.format(
                Locale.ROOT,
                "batch listener plumbing (handleOnce + one outbox append per record), %d records per run,"
                        + " trace sampling %s, load average %.2f at start%n%-6s %22s %22s %18s%n",
                RECORDS,
                sampling,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                "batch",
                "thread CPU us/record",
                "PostgreSQL us/record",
                "total us/record"));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try {
            measure(threads);
        } finally {
            outboxRelay.start();
        }
        System.out.println(Files.readString(REPORT));
    }

    private void measure(ThreadMXBean threads) throws IOException {
        for (int batchSize : BATCH_SIZES) {
            run(batchSize, RECORDS); // warm-up, not counted
            long thread = threads.getCurrentThreadCpuTime();
            double postgres = PostgresCpu.seconds();
            run(batchSize, RECORDS);
            double threadMicros = (threads.getCurrentThreadCpuTime() - thread) / 1e3 / RECORDS;
            double postgresMicros = (PostgresCpu.seconds() - postgres) * 1e6 / RECORDS;
            report(String.format(
                    Locale.ROOT,
                    "%-6d %22.1f %22.1f %18.1f%n",
                    batchSize,
                    threadMicros,
                    postgresMicros,
                    threadMicros + postgresMicros));
        }
    }

    private void run(int batchSize, int count) {
        for (int done = 0; done < count; done += batchSize) {
            List<ConsumerRecord<String, PlatformTestEvent>> records = new ArrayList<>(batchSize);
            for (int i = 0; i < batchSize; i++) {
                PlatformTestEvent event = event("ok");
                records.add(new ConsumerRecord<>("bench", 0, done + i, event.getEncounterId(), event));
            }
            batches.handleOnce(
                    "bench-once",
                    records,
                    PlatformTestEvent.class,
                    PlatformTestEvent::getEventId,
                    event -> outboxWriter.append(PlatformTestApplication.OUTBOX, event.getEncounterId(), event));
        }
    }

    private static void report(String line) throws IOException {
        Files.writeString(REPORT, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
