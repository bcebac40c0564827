package io.claimflow.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.claimflow.e2e.bench.BenchmarkChart;
import io.claimflow.e2e.bench.RawKafkaCeiling;
import io.claimflow.e2e.demo.PipelineSnapshot;
import io.claimflow.e2e.workload.Population;
import io.claimflow.e2e.workload.WorkloadGenerator;
import io.claimflow.e2e.workload.WorkloadPublisher;
import io.claimflow.schemas.Topics;
import io.claimflow.schemas.serde.ConfluentAvroSerializer;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import io.claimflow.testsupport.Infrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The end-to-end benchmark (a command, not part of the suite: it runs only with {@code -Dbenchmark=true}). All
 * services in one JVM on this machine, as in {@link EndToEndPipelineTest}; in one run:
 * <ol>
 *   <li>the raw ceiling: records of an encounter's wire size through four consume-and-produce hops on the same
 *       broker ({@link RawKafkaCeiling});</li>
 *   <li>full rate: {@code benchmark.encounters} encounters published as fast as the broker takes them, timed from the
 *       first send to the last patient-ledger posting;</li>
 *   <li>fixed rates ({@code benchmark.rates}, per second, for {@code benchmark.seconds} each): latency percentiles
 *       documented -> submitted (claim-service's SUBMITTED) and documented -> posted (first patient-ledger
 *       remittance entry).</li>
 * </ol>
 * Before the measured phases, {@code benchmark.warmup} encounters go through at full rate and are not counted: five
 * Spring applications in one JVM spend the first minutes compiling (the JIT took a third of the CPU of a cold run).
 * The measured phases run under a JDK Flight Recording ({@code benchmark.profile}, default true) whose summary (CPU
 * per thread, causes, top frames: {@link FlightRecordingSummary}) goes into the report. The load average is noted at
 * the start and end of every phase: the figures depend on what else runs on the machine.
 *
 * <p>Prints the report and writes {@code e2e/target/benchmark/report.md}, {@code report.json}, {@code report.png}
 * (chart: {@link BenchmarkChart}) and {@code profile.jfr}.
 */
@ClaimFlowInfrastructure
class EndToEndBenchmark {

    private static final int ENCOUNTERS = Integer.getInteger("benchmark.encounters", 2000);
    private static final int SECONDS = Integer.getInteger("benchmark.seconds", 20);
    private static final int WARMUP = Integer.getInteger("benchmark.warmup", 1000);
    private static final int QUIET_SECONDS = Integer.getInteger("benchmark.quiet-seconds", 8);
    private static final boolean PROFILE = Boolean.parseBoolean(System.getProperty("benchmark.profile", "true"));
    private static final List<Integer> RATES = Arrays.stream(
                    System.getProperty("benchmark.rates", "25,100").split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .map(Integer::valueOf)
            .toList();

    @Test
    void benchmark() throws Exception {
        assumeTrue(Boolean.getBoolean("benchmark"), "a command: -Dbenchmark=true");
        Infrastructure infrastructure = Infrastructure.get();
        Clock clock = Clock.systemUTC();
        Population population = Population.generate(2027, 2000, LocalDate.now(clock));
        Map<String, Object> report = new LinkedHashMap<>();
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("loadAverageAtStart", load());
        machine.put("startedAt", clock.instant().toString());
        report.put("machine", machine);
        jdk.jfr.Recording recording = null;
        Path dir = Path.of("target", "benchmark");
        Files.createDirectories(dir);
        try (Pipeline pipeline = Pipeline.start(infrastructure, population.payerSimulatorProperties())) {
            assumeTrue(pipeline.missing().isEmpty(), "needs every service; missing " + pipeline.missing());

            byte[] value = typicalWireRecord(infrastructure, population, clock);
            double ceilingLoad = load();
            RawKafkaCeiling.Result ceiling = RawKafkaCeiling.measure(
                    infrastructure.kafkaBootstrapServers(), "ceil", Math.max(ENCOUNTERS * 5, 20_000), value, 12);
            report.put(
                    "rawCeiling",
                    Map.of(
                            "hops",
                            4,
                            "records",
                            ceiling.records(),
                            "recordBytes",
                            ceiling.recordBytes(),
                            "seconds",
                            round(ceiling.seconds()),
                            "recordsPerSecond",
                            round(ceiling.perSecond()),
                            "latencyMillis",
                            percentiles(ceiling.latenciesMillis()),
                            "loadAverage",
                            List.of(ceilingLoad, load())));

            if (WARMUP > 0) {
                report.put(
                        "warmUp",
                        phase(pipeline, infrastructure, population, clock, "bwarm", WARMUP, 0)
                                .toMap());
            }
            if (PROFILE) {
                recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
                recording.setName("claimflow-benchmark");
                recording.start();
            }
            Phase full = phase(pipeline, infrastructure, population, clock, "bfull", ENCOUNTERS, 0);
            report.put("fullRate", full.toMap());
            report.put("ratioToRawCeiling", Math.round(full.perSecond() / ceiling.perSecond() * 10000) / 10000.0);
            List<Map<String, Object>> fixed = new ArrayList<>();
            for (int rate : RATES) {
                fixed.add(phase(pipeline, infrastructure, population, clock, "b" + rate, rate * SECONDS, rate)
                        .toMap());
            }
            report.put("fixedRates", fixed);
            report.put(
                    "settings",
                    "all services in one JVM with the end-to-end test's settings (gateway batch"
                            + " max-wait 300 ms, response poll 300 ms, outbox poll 100 ms, listener concurrency defaults);"
                            + " embedded KRaft broker and PostgreSQL 17 on the same machine; " + WARMUP
                            + " warm-up encounters before the measured phases");
        } finally {
            if (recording != null) {
                recording.stop();
                recording.dump(dir.resolve("profile.jfr"));
                recording.close();
            }
        }
        machine.put("loadAverageAtEnd", load());
        String profile = null;
        if (recording != null) {
            profile = FlightRecordingSummary.summarize(dir.resolve("profile.jfr"), 15);
            report.put(
                    "profile",
                    Map.of(
                            "file",
                            "target/benchmark/profile.jfr",
                            "window",
                            "the measured phases (full rate and fixed rates), after the warm-up"));
        }
        write(dir, report, profile);
    }

    private static double load() {
        return Math.round(java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                                .getSystemLoadAverage()
                        * 100)
                / 100.0;
    }

    private record Phase(
            String name,
            int encounters,
            int rate,
            double publishSeconds,
            double seconds,
            double perSecond,
            long posted,
            Map<String, Object> toSubmitted,
            Map<String, Object> toPosted,
            String snapshot,
            Map<String, Object> cpuMillisPerEncounter,
            List<Double> loadAverage) {

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("phase", name);
            map.put("targetRatePerSecond", rate == 0 ? "full" : rate);
            map.put("encounters", encounters);
            map.put("publishSeconds", round(publishSeconds));
            map.put("secondsToLastLedgerPosting", round(seconds));
            map.put("encountersPerSecond", round(perSecond));
            map.put("encountersPostedToLedger", posted);
            map.put("documentedToSubmittedMillis", toSubmitted);
            map.put("documentedToPostedMillis", toPosted);
            map.put("cpuMillisPerEncounter", cpuMillisPerEncounter);
            map.put("loadAverage", loadAverage);
            return map;
        }
    }

    private static Phase phase(
            Pipeline pipeline,
            Infrastructure infrastructure,
            Population population,
            Clock clock,
            String run,
            int count,
            int rate)
            throws Exception {
        WorkloadGenerator generator = new WorkloadGenerator(run.hashCode(), population, clock, run);
        Map<String, Instant> documented = new ConcurrentHashMap<>();
        Instant first;
        double loadAtStart = load();
        CpuMeter.Snapshot cpuAtStart = CpuMeter.snapshot();
        long began = System.nanoTime();
        try (WorkloadPublisher publisher =
                new WorkloadPublisher(infrastructure.kafkaBootstrapServers(), infrastructure.schemaRegistryUrl())) {
            first = clock.instant();
            publisher.publish(
                    generator,
                    count,
                    rate,
                    g -> documented.put(g.event().getEncounterId(), g.event().getOccurredAt()));
        }
        double publishSeconds = (System.nanoTime() - began) / 1e9;
        String prefix = "enc-" + run + "-";
        PipelineSnapshot.Databases databases = pipeline.databases();
        // CPU through the last change the 500 ms polls saw (the pipeline's work), and apart from it the idle cost of
        // the quiet seconds after it (pollers and timers), per second
        CpuMeter.Snapshot[] lastChange = {CpuMeter.snapshot()};
        long[] lastChangeNanos = {System.nanoTime()};
        String[] lastSeen = {null};
        PipelineSnapshot quiet = Pipeline.awaitQuiet(
                () -> {
                    PipelineSnapshot now = PipelineSnapshot.read(databases, prefix);
                    String rendered = now.render();
                    if (!rendered.equals(lastSeen[0])) {
                        lastSeen[0] = rendered;
                        lastChange[0] = CpuMeter.snapshot();
                        lastChangeNanos[0] = System.nanoTime();
                    }
                    return now;
                },
                Duration.ofSeconds(QUIET_SECONDS),
                Duration.ofMinutes(10));
        System.out.println("phase " + run + " quiet: " + quiet.render());
        CpuMeter.Snapshot cpuAtEnd = CpuMeter.snapshot();
        double quietSeconds = (System.nanoTime() - lastChangeNanos[0]) / 1e9;
        Map<String, Object> cpu =
                new LinkedHashMap<>(lastChange[0].minus(cpuAtStart).perEncounter(count));
        CpuMeter.Snapshot idle = cpuAtEnd.minus(lastChange[0]);
        cpu.put(
                "idleMillisPerSecond",
                Map.of(
                        "jvm",
                        round(idle.process() * 1000 / quietSeconds),
                        "postgres",
                        round(idle.postgres() * 1000 / quietSeconds)));

        Map<String, Instant> submitted = firstTimes(
                databases.url(Pipeline.CLAIM.database()),
                databases,
                "SELECT encounter_id, min(submitted_at) FROM claim WHERE encounter_id LIKE ? AND submitted_at IS NOT NULL"
                        + " GROUP BY encounter_id",
                prefix);
        Map<String, Instant> posted = firstTimes(
                databases.url(Pipeline.PATIENT_BILLING.database()),
                databases,
                "SELECT k.encounter_id, min(e.posted_at) FROM journal_entry e JOIN claim k ON k.claim_id = e.claim_id"
                        + " AND k.tenant_id = e.tenant_id WHERE e.kind = 'REMITTANCE' AND k.encounter_id LIKE ?"
                        + " GROUP BY k.encounter_id",
                prefix);
        Instant last = posted.values().stream().max(Instant::compareTo).orElse(clock.instant());
        double seconds = Duration.between(first, last).toMillis() / 1000.0;
        return new Phase(
                run,
                count,
                rate,
                publishSeconds,
                seconds,
                count / seconds,
                posted.size(),
                percentiles(latencies(documented, submitted)),
                percentiles(latencies(documented, posted)),
                quiet.render(),
                cpu,
                List.of(loadAtStart, load()));
    }

    private static Map<String, Instant> firstTimes(
            String url, PipelineSnapshot.Databases databases, String sql, String prefix) throws Exception {
        Map<String, Instant> times = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url, databases.username(), databases.password());
                PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setString(1, prefix + "%");
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    times.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                }
            }
        }
        return times;
    }

    private static List<Long> latencies(Map<String, Instant> from, Map<String, Instant> to) {
        return to.entrySet().stream()
                .filter(e -> from.containsKey(e.getKey()))
                .map(e -> Duration.between(from.get(e.getKey()), e.getValue()).toMillis())
                .toList();
    }

    private static Map<String, Object> percentiles(List<Long> values) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("count", values.size());
        if (values.isEmpty()) {
            return map;
        }
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        for (double p : new double[] {50, 90, 99}) {
            map.put("p" + (int) p, sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)]);
        }
        map.put("max", sorted[sorted.length - 1]);
        return map;
    }

    private static byte[] typicalWireRecord(Infrastructure infrastructure, Population population, Clock clock) {
        try (ConfluentAvroSerializer serializer = new ConfluentAvroSerializer()) {
            serializer.configure(Map.of("schema.registry.url", infrastructure.schemaRegistryUrl()), false);
            WorkloadGenerator generator = new WorkloadGenerator(1, population, clock, "size");
            List<byte[]> values = new ArrayList<>();
            for (int i = 0; i < 101; i++) {
                values.add(serializer.serialize(
                        Topics.ENCOUNTER_DOCUMENTED, generator.next().event()));
            }
            values.sort((a, b) -> Integer.compare(a.length, b.length));
            return values.get(50);
        }
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    @SuppressWarnings("unchecked")
    private static void write(Path dir, Map<String, Object> report, String profile) throws Exception {
        Files.writeString(dir.resolve("report.json"), json(report, "") + "\n");
        Map<String, Object> ceiling = (Map<String, Object>) report.get("rawCeiling");
        Map<String, Object> full = (Map<String, Object>) report.get("fullRate");
        List<Map<String, Object>> fixed = (List<Map<String, Object>>) report.get("fixedRates");
        StringBuilder md = new StringBuilder("# ClaimFlow end-to-end benchmark\n\n");
        md.append(String.format(Locale.ROOT, "Machine: %s. %s.%n%n", report.get("machine"), report.get("settings")));
        md.append("| measure | value |\n| --- | --- |\n");
        md.append(String.format(
                Locale.ROOT,
                "| raw 4-hop Kafka pass-through (%s records of %s bytes) | %s records/s,"
                        + " latency ms %s, load average %s |%n",
                ceiling.get("records"),
                ceiling.get("recordBytes"),
                ceiling.get("recordsPerSecond"),
                ceiling.get("latencyMillis"),
                ceiling.get("loadAverage")));
        md.append(String.format(
                Locale.ROOT,
                "| end to end at full rate (%s encounters, documented -> last ledger"
                        + " posting) | %s encounters/s, load average %s |%n",
                full.get("encounters"),
                full.get("encountersPerSecond"),
                full.get("loadAverage")));
        md.append(String.format(
                Locale.ROOT, "| ratio end to end / raw ceiling | %s |%n", report.get("ratioToRawCeiling")));
        md.append("\n| phase | rate/s | encounters | publish s | s to last posting | encounters/s | posted |"
                + " documented -> submitted ms | documented -> posted ms | load average start, end |\n"
                + "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        List<Map<String, Object>> phases = new ArrayList<>();
        if (report.get("warmUp") != null) {
            phases.add((Map<String, Object>) report.get("warmUp"));
        }
        phases.add(full);
        phases.addAll(fixed);
        for (Map<String, Object> phase : phases) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    phase.get("phase"),
                    phase.get("targetRatePerSecond"),
                    phase.get("encounters"),
                    phase.get("publishSeconds"),
                    phase.get("secondsToLastLedgerPosting"),
                    phase.get("encountersPerSecond"),
                    phase.get("encountersPostedToLedger"),
                    phase.get("documentedToSubmittedMillis"),
                    phase.get("documentedToPostedMillis"),
                    phase.get("loadAverage")));
        }
        md.append("\n| phase | CPU ms per encounter (process CPU time through the last change; idle: CPU ms per second"
                + " of the quiet seconds after it) |\n| --- | --- |\n");
        for (Map<String, Object> phase : phases) {
            md.append(String.format(
                    Locale.ROOT, "| %s | %s |%n", phase.get("phase"), phase.get("cpuMillisPerEncounter")));
        }
        md.append("\n(bwarm: warm-up, not counted; bfull: full rate; b<N>: N encounters/s for the stated seconds.)\n");
        md.append("\n![throughput and latency](report.png)\n");
        if (profile != null) {
            md.append("\n## Profile of the measured phases\n\n").append(profile);
        }
        Files.writeString(dir.resolve("report.md"), md);
        List<BenchmarkChart.RatePoint> points = new ArrayList<>();
        for (Map<String, Object> phase : fixed) {
            points.add(new BenchmarkChart.RatePoint(
                    phase.get("targetRatePerSecond") + "/s",
                    triple((Map<String, Object>) phase.get("documentedToSubmittedMillis")),
                    triple((Map<String, Object>) phase.get("documentedToPostedMillis"))));
        }
        BenchmarkChart.write(
                dir.resolve("report.png"),
                String.format(
                        Locale.ROOT,
                        "ClaimFlow end to end, %s cores, load average %s at start",
                        ((Map<String, Object>) report.get("machine")).get("cores"),
                        ((Map<String, Object>) report.get("machine")).get("loadAverageAtStart")),
                ((Number) ceiling.get("recordsPerSecond")).doubleValue(),
                ((Number) full.get("encountersPerSecond")).doubleValue(),
                points);
        System.out.println(md);
    }

    private static Long[] triple(Map<String, Object> percentiles) {
        Long[] values = new Long[3];
        String[] keys = {"p50", "p90", "p99"};
        for (int i = 0; i < 3; i++) {
            Object v = percentiles.get(keys[i]);
            values[i] = v == null ? null : ((Number) v).longValue();
        }
        return values;
    }

    private static String json(Object value, String indent) {
        if (value instanceof Map<?, ?> map) {
            String inner = indent + "  ";
            return map.entrySet().stream()
                    .map(e -> inner + "\"" + e.getKey() + "\": " + json(e.getValue(), inner))
                    .collect(Collectors.joining(",\n", "{\n", "\n" + indent + "}"));
        }
        if (value instanceof List<?> list) {
            String inner = indent + "  ";
            return list.stream()
                    .map(v -> inner + json(v, inner))
                    .collect(Collectors.joining(",\n", "[\n", "\n" + indent + "]"));
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return "\"" + String.valueOf(value).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
