package io.claimflow.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.events.EncounterCoded;
import io.claimflow.events.EncounterDocumented;
import io.claimflow.schemas.json.JsonRecords;
import io.claimflow.schemas.json.Samples;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test (surefire's default includes leave it out): what keeping an event in a column costs per event,
 * as JSON ({@link JsonRecords}, as claim-service and coding-service stored them before #22) and as Avro bytes
 * ({@link StoredRecords}). Per encounter claim-service stored its EncounterCoded and read it back once to build
 * ClaimSubmitted; coding-service stored the EncounterDocumented, read it back to build EncounterCoded and stored that.
 * Run it with {@code ./mvnw -B -o -q -pl schemas -am test -Dsurefire.failIfNoSpecifiedTests=false
 * -Dtest=StoredRecordsBenchmark && cat schemas/target/benchmark/stored-records.txt}; one thread, no ports, seconds.
 */
class StoredRecordsBenchmark {

    static final int ROUNDS = Integer.getInteger("benchmark.rounds", 20_000);

    final EncounterCoded coded = Samples.load(EncounterCoded.class);
    final EncounterDocumented documented = Samples.load(EncounterDocumented.class);

    @Test
    void perEvent() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(
                Locale.ROOT,
                "%-52s %10s %14s %10s",
                "per event (" + ROUNDS + " rounds)",
                "us",
                "bytes alloc",
                "stored"));
        measure(
                lines,
                "claim-service EncounterCoded, JSON write + read",
                JsonRecords.write(coded).length(),
                () -> {
                    String json = JsonRecords.write(coded);
                    return JsonRecords.read(json, EncounterCoded.class);
                });
        measure(lines, "claim-service EncounterCoded, Avro write + read", StoredRecords.write(coded).length, () -> {
            byte[] bytes = StoredRecords.write(coded);
            return StoredRecords.read(bytes, EncounterCoded.class);
        });
        measure(
                lines,
                "coding-service documented w+r, coded w, JSON",
                JsonRecords.write(documented).length()
                        + JsonRecords.write(coded).length(),
                () -> {
                    String json = JsonRecords.write(documented);
                    EncounterDocumented back = JsonRecords.read(json, EncounterDocumented.class);
                    return JsonRecords.write(coded).length() + back.hashCode();
                });
        measure(
                lines,
                "coding-service documented w+r, coded w, Avro",
                StoredRecords.write(documented).length + StoredRecords.write(coded).length,
                () -> {
                    byte[] bytes = StoredRecords.write(documented);
                    EncounterDocumented back = StoredRecords.read(bytes, EncounterDocumented.class);
                    return StoredRecords.write(coded).length + back.hashCode();
                });
        Path out = Path.of("target/benchmark/stored-records.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, lines);
        lines.forEach(System.out::println);
        assertThat(StoredRecords.read(StoredRecords.write(coded), EncounterCoded.class))
                .isEqualTo(coded);
    }

    private static void measure(List<String> lines, String name, int storedSize, Supplier<Object> op) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int i = 0; i < ROUNDS; i++) { // warm-up: the JIT compiles the path
            sink += op.get().hashCode();
        }
        long allocated = threads.getCurrentThreadAllocatedBytes();
        long cpu = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < ROUNDS; i++) {
            sink += op.get().hashCode();
        }
        double micros = (threads.getCurrentThreadCpuTime() - cpu) / 1_000.0 / ROUNDS;
        double bytes = (double) (threads.getCurrentThreadAllocatedBytes() - allocated) / ROUNDS;
        lines.add(String.format(
                Locale.ROOT, "%-52s %10.1f %14.0f %10d%s", name, micros, bytes, storedSize, sink == 42 ? " " : ""));
    }
}
