package io.claimflow.e2e.bench;

import io.claimflow.e2e.demo.DatabaseOptions;
import io.claimflow.e2e.demo.PipelineSnapshot;
import io.claimflow.e2e.demo.VisitInvariants;
import io.claimflow.e2e.workload.KafkaAddresses;
import io.claimflow.e2e.workload.Population;
import io.claimflow.e2e.workload.PopulationOptions;
import io.claimflow.e2e.workload.WorkloadGenerator;
import io.claimflow.e2e.workload.WorkloadPublisher;
import io.claimflow.schemas.Topics;
import io.claimflow.schemas.serde.ConfluentAvroSerializer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The benchmark of the stack as deployed ({@code ./stack bench}, which starts the stack and passes its addresses and
 * run directory): the CPU of every process with nothing to do (first, before the ceiling: the broker's C2 compiler
 * works for a minute after it, which an idle window there counted as idle), the raw Kafka ceiling on the stack's
 * broker ({@link RawKafkaCeiling}), then one run per rate of the demo's workload ({@link WorkloadGenerator}, published as the demo
 * does). Per run: encounters per second and latency percentiles from the topics' record timestamps
 * ({@link RunFigures}, read after the run), CPU milliseconds per encounter per process from {@code /proc}
 * ({@link ProcessCpu}, every process in the run directory and PostgreSQL's backends), and the demo's checks of the
 * money and the per-visit invariants from the databases. Writes the Markdown report and SVG chart
 * ({@link StackBenchReport}); exits 1 when a run did not drain or a check failed.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measures a running local stack: the demo's workload at full and fixed rates, latencies, CPU"
                + " per encounter per process, the raw Kafka ceiling.")
public final class StackBenchCommand implements Callable<Integer> {

    @Option(names = "--run-dir", required = true, paramLabel = "DIR", description = "the stack's run directory")
    private Path runDir;

    @Mixin
    private KafkaAddresses addresses;

    @Mixin
    private DatabaseOptions databaseOptions;

    @Mixin
    private PopulationOptions populationOptions;

    @Option(names = "--count", defaultValue = "2000", description = "encounters per run (default: ${DEFAULT-VALUE})")
    private int count;

    @Option(
            names = "--rates",
            defaultValue = "full,250,500",
            split = ",",
            description = "one run per rate, in this order: full (as fast as possible) or encounters per second"
                    + " (default: ${DEFAULT-VALUE})")
    private List<String> rates;

    @Option(
            names = "--quiet-after",
            defaultValue = "10",
            paramLabel = "SECONDS",
            description = "a run has drained once no topic has grown for this long and no consumer group lags"
                    + " (default: ${DEFAULT-VALUE})")
    private int quietAfterSeconds;

    @Option(
            names = "--max-wait",
            defaultValue = "900",
            paramLabel = "SECONDS",
            description = "longest wait for one run to drain (default: ${DEFAULT-VALUE})")
    private int maxWaitSeconds;

    @Option(
            names = "--warmup",
            defaultValue = "0",
            paramLabel = "N",
            description = "encounters at full rate before the measured runs, reported as run 'warmup' and left out of"
                    + " the chart's full-rate figure: the services' JIT compilers do most of their work in the first"
                    + " minutes (default: ${DEFAULT-VALUE}, the stack measured as it starts)")
    private int warmup;

    @Option(
            names = "--idle-seconds",
            defaultValue = "20",
            description =
                    "CPU with nothing to do is measured this long, before the ceiling (default:" + " ${DEFAULT-VALUE})")
    private int idleSeconds;

    @Option(
            names = "--ceiling-records",
            defaultValue = "20000",
            description = "records through the raw 4-hop ceiling (default: ${DEFAULT-VALUE})")
    private int ceilingRecords;

    @Option(
            names = "--out",
            defaultValue = "docs/benchmark",
            paramLabel = "DIR",
            description = "where stack.md and stack.svg go (default: ${DEFAULT-VALUE})")
    private Path out;

    @Option(names = "--command", defaultValue = "./stack bench", description = "the command line, for the report")
    private String commandLine;

    @Option(names = "--commit", defaultValue = "unknown", description = "the commit measured, for the report")
    private String commit;

    @Option(names = "--settings", defaultValue = "", description = "a sentence on how the stack ran, for the report")
    private String settings;

    private static final Duration SAMPLE = Duration.ofSeconds(1);
    private static final long CPU_GRACE_MILLIS = 2000;
    private static final Path PROC = Path.of("/proc");

    private final Clock clock = Clock.systemUTC();
    private long ticksPerSecond;
    private Map<String, Long> processes;

    public static void main(String[] args) {
        System.exit(new CommandLine(new StackBenchCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<Double> parsedRates = parseRates(rates);
        ticksPerSecond = ProcessCpu.ticksPerSecond();
        processes = StackProcesses.read(runDir, pid -> Files.isDirectory(PROC.resolve(Long.toString(pid))));
        if (processes.isEmpty()) {
            System.err.println("bench: no running stack processes in " + runDir);
            return 2;
        }
        System.out.println("bench: processes measured: " + processes);
        String startedAt = clock.instant().toString();
        String base = "b" + Long.toString(System.currentTimeMillis() / 1000 % 1_000_000, 36);
        Population population =
                Population.generate(populationOptions.seed(), populationOptions.patients(), LocalDate.now(clock));

        Map<String, Double> idle = idle();
        System.out.println("bench: idle CPU ms/s " + idle);
        StackBenchReport.Ceiling ceiling = ceiling(population, base);
        System.out.printf(
                Locale.ROOT,
                "bench: raw 4-hop ceiling %,.0f records/s (%d bytes)%n",
                ceiling.perSecond(),
                ceiling.recordBytes());

        List<StackBenchReport.Run> runs = new ArrayList<>();
        if (warmup > 0) {
            runs.add(run(population, base + StackBenchReport.WARM_UP, StackBenchReport.WARM_UP, 0, warmup));
        }
        Map<String, Integer> seen = new HashMap<>();
        for (double rate : parsedRates) {
            String label = rate <= 0 ? "full" : "r" + (long) rate;
            // a rate given twice (--rates full,full: the same rate again, warmer) is its own run (full2) with
            // encounters of
            // its own; with the same label its encounters would repeat the first run's ids and be ignored as seen
            int repeat = seen.merge(label, 1, Integer::sum);
            if (repeat > 1) {
                label = label + repeat;
            }
            runs.add(run(population, base + label, label, rate, count));
        }
        // the idle stack again, warm: the services' JIT compilers were still at work on the start-up's code
        // when the first idle window was read
        Map<String, Double> idleAfter = idle();
        System.out.println("bench: idle CPU ms/s after the runs " + idleAfter);
        StackBenchReport report = new StackBenchReport(
                commandLine,
                commit,
                startedAt,
                Runtime.getRuntime().availableProcessors(),
                settings.isBlank()
                        ? "The stack as deployed: a process per service, the broker, the registry and PostgreSQL."
                        : settings,
                ceiling,
                idle,
                idleAfter,
                runs);
        Files.createDirectories(out);
        String markdown = report.markdown("stack.svg");
        Files.writeString(out.resolve("stack.md"), markdown);
        BenchmarkChart.writeSvg(
                out.resolve("stack.svg"),
                report.chart(runs.isEmpty() ? load() : runs.get(0).loadStart()));
        System.out.println();
        System.out.println(markdown);
        System.out.println("bench: wrote " + out.resolve("stack.md") + " and " + out.resolve("stack.svg"));
        return report.passed() ? 0 : 1;
    }

    /** {@code full} is 0 (as fast as possible), anything else encounters per second. */
    static List<Double> parseRates(List<String> rates) {
        List<Double> parsed = new ArrayList<>();
        for (String rate : rates) {
            String r = rate.trim().toLowerCase(Locale.ROOT);
            if (r.isEmpty()) {
                continue;
            }
            if (r.equals("full") || r.equals("0")) {
                parsed.add(0.0);
                continue;
            }
            double value;
            try {
                value = Double.parseDouble(r.endsWith("/s") ? r.substring(0, r.length() - 2) : r);
            } catch (NumberFormatException e) {
                throw new CommandLine.ParameterException(
                        new CommandLine(new StackBenchCommand()), "--rates: '" + rate + "' is neither full nor a rate");
            }
            if (value < 0 || Double.isNaN(value) || Double.isInfinite(value)) {
                throw new CommandLine.ParameterException(
                        new CommandLine(new StackBenchCommand()), "--rates: '" + rate + "' is not a rate");
            }
            parsed.add(value);
        }
        if (parsed.isEmpty()) {
            throw new CommandLine.ParameterException(new CommandLine(new StackBenchCommand()), "--rates: none given");
        }
        return parsed;
    }

    private StackBenchReport.Ceiling ceiling(Population population, String base) throws Exception {
        byte[] value = typicalWireRecord(population);
        int partitions;
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            partitions = consumer.partitionsFor(Topics.ENCOUNTER_DOCUMENTED).size();
        }
        double loadStart = load();
        RawKafkaCeiling.Result result =
                RawKafkaCeiling.measure(addresses.bootstrapServers(), base + "ceil", ceilingRecords, value, partitions);
        return new StackBenchReport.Ceiling(
                result.records(),
                result.recordBytes(),
                partitions,
                result.seconds(),
                result.perSecond(),
                Percentiles.of(result.latenciesMillis()),
                loadStart,
                load());
    }

    private Map<String, Double> idle() throws Exception {
        Map<String, Long> before = ProcessCpu.ticks(processes, ProcessCpu.read(PROC));
        long began = System.nanoTime();
        Thread.sleep(idleSeconds * 1000L);
        Map<String, Long> after = ProcessCpu.ticks(processes, ProcessCpu.read(PROC));
        double seconds = (System.nanoTime() - began) / 1e9;
        Map<String, Double> perSecond = new LinkedHashMap<>();
        ProcessCpu.millis(before, after, ticksPerSecond).forEach((name, ms) -> perSecond.put(name, ms / seconds));
        return perSecond;
    }

    /** A CPU reading of every stack process and of this JVM, at a time. */
    private record Sample(long atMillis, Map<String, Long> ticks, long selfTicks) {}

    private Sample sample() throws Exception {
        Map<Long, ProcessCpu.Stat> all = ProcessCpu.read(PROC);
        ProcessCpu.Stat self = all.get(ProcessHandle.current().pid());
        return new Sample(
                System.currentTimeMillis(),
                ProcessCpu.ticks(processes, all),
                self == null ? 0 : self.utime() + self.stime());
    }

    private StackBenchReport.Run run(Population population, String runId, String label, double rate, int count)
            throws Exception {
        String prefix = "enc-" + runId + "-";
        System.out.printf(
                Locale.ROOT,
                "%nbench: run %s: %d encounters at %s; encounters %s*%n",
                label,
                count,
                rate <= 0 ? "full rate" : rate + "/s",
                prefix);
        WorkloadGenerator generator =
                new WorkloadGenerator(populationOptions.seed() ^ runId.hashCode(), population, clock, runId);
        try (KafkaConsumer<String, byte[]> consumer = consumer();
                Admin admin = admin()) {
            List<TopicPartition> partitions = partitions(consumer);
            Map<TopicPartition, Long> startOffsets = consumer.endOffsets(partitions);
            WorkCounts workBefore = work(admin, consumer, partitions);
            double loadStart = load();
            Sample before = sample();
            List<Sample> samples = new ArrayList<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            long[] publishNanos = new long[1];
            Thread publisher = new Thread(
                    () -> {
                        long began = System.nanoTime();
                        try (WorkloadPublisher workload =
                                new WorkloadPublisher(addresses.bootstrapServers(), addresses.schemaRegistry())) {
                            workload.publish(generator, count, rate, g -> {});
                        } catch (Throwable e) {
                            failure.set(e);
                        }
                        publishNanos[0] = System.nanoTime() - began;
                    },
                    "bench-publisher");
            publisher.start();

            long deadline =
                    System.nanoTime() + Duration.ofSeconds(maxWaitSeconds).toNanos();
            long lastTotal = -1;
            long stableSince = System.nanoTime();
            boolean timedOut = false;
            int tick = 0;
            while (true) {
                Thread.sleep(SAMPLE.toMillis());
                samples.add(sample());
                long total = consumer.endOffsets(partitions).values().stream()
                        .mapToLong(Long::longValue)
                        .sum();
                if (total != lastTotal || publisher.isAlive()) {
                    lastTotal = total;
                    stableSince = System.nanoTime();
                } else if (System.nanoTime() - stableSince >= TimeUnit.SECONDS.toNanos(quietAfterSeconds)) {
                    long lag = lag(admin, consumer, partitions);
                    if (lag == 0) {
                        break;
                    }
                    stableSince = System.nanoTime();
                }
                if (System.nanoTime() > deadline) {
                    timedOut = true;
                    System.out.println("bench: run " + label + " still busy after " + maxWaitSeconds + " s");
                    break;
                }
                if (++tick % 10 == 0) {
                    System.out.printf(
                            Locale.ROOT, "bench: %s: %d s, records on the event topics %,d%n", label, tick, total);
                }
            }
            publisher.join();
            if (failure.get() != null) {
                throw new IllegalStateException("publishing failed", failure.get());
            }
            double loadEnd = load();
            RunFigures figures = RunFigures.of(records(consumer, startOffsets, prefix), prefix);
            Sample end = windowEnd(samples, figures.lastRecordMillis() + CPU_GRACE_MILLIS);
            Map<String, Double> cpu = ProcessCpu.millis(before.ticks(), end.ticks(), ticksPerSecond);
            double generatorMillis = (end.selfTicks() - before.selfTicks()) * 1000.0 / ticksPerSecond;
            StackBenchReport.Check check = check(prefix);
            // after the checks: the databases have settled, and PostgreSQL's statistics reach its views a few
            // seconds after a backend's transaction
            WorkCounts workAfter = work(admin, consumer, partitions);
            StackBenchReport.Run run = new StackBenchReport.Run(
                    label,
                    rate,
                    count,
                    publishNanos[0] / 1e9,
                    figures,
                    cpu,
                    generatorMillis,
                    (end.atMillis() - before.atMillis()) / 1000.0,
                    loadStart,
                    loadEnd,
                    check,
                    timedOut,
                    workBefore == null || workAfter == null ? null : workAfter.minus(workBefore));
            System.out.printf(
                    Locale.ROOT,
                    "bench: run %s: %.1f encounters/s, documented -> coded %s ms, documented -> submitted %s ms, documented -> posted %s ms,"
                            + " %.3f ms CPU per encounter, money %s, visit invariants broken %d%n",
                    label,
                    figures.perSecond(),
                    figures.toCoded().render(),
                    figures.toSubmitted().render(),
                    figures.toPosted().render(),
                    run.totalCpuPerEncounter(),
                    check.moneyReconciles() ? "reconciles" : "DOES NOT RECONCILE",
                    check.visitViolations());
            return run;
        }
    }

    /** The work counts now, or null (said) when they cannot be read. */
    private WorkCounts work(Admin admin, KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions) {
        try {
            return WorkCounts.read(admin, consumer.endOffsets(events(partitions)), databaseOptions.databases());
        } catch (Exception e) {
            System.out.println(
                    "bench: could not read the work counts (" + e.getClass().getSimpleName() + ")");
            return null;
        }
    }

    /** The first sample at or after {@code atMillis}, else the last one. */
    private static Sample windowEnd(List<Sample> samples, long atMillis) {
        return samples.stream()
                .filter(s -> s.atMillis() >= atMillis)
                .findFirst()
                .orElse(samples.get(samples.size() - 1));
    }

    private StackBenchReport.Check check(String prefix) throws InterruptedException {
        PipelineSnapshot.Databases databases = databaseOptions.databases();
        PipelineSnapshot snapshot = settled(databases, prefix);
        long violations;
        try {
            VisitInvariants.Violations visits = VisitInvariants.check(databases, prefix);
            violations = visits.total();
            if (violations > 0) {
                System.out.print(visits.render());
                System.out.println("bench: PER-VISIT INVARIANTS BROKEN: " + visits);
            }
        } catch (java.sql.SQLException e) {
            System.out.println("bench: could not read the databases for the per-visit invariants ("
                    + e.getClass().getSimpleName() + ")");
            violations = -1;
        }
        System.out.print(snapshot.render());
        return new StackBenchReport.Check(snapshot.moneyReconciles(), violations, snapshot.outboxBacklog());
    }

    /**
     * The run's snapshot once the databases stop changing as well (the demo's test: its progress the same twice,
     * {@code --quiet-after} apart): work the topics do not show, such as a work item opened on a timer, has happened.
     * After the CPU window, so it does not count there.
     */
    private PipelineSnapshot settled(PipelineSnapshot.Databases databases, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(maxWaitSeconds).toNanos();
        PipelineSnapshot last = PipelineSnapshot.read(databases, prefix);
        while (System.nanoTime() < deadline) {
            Thread.sleep(quietAfterSeconds * 1000L);
            PipelineSnapshot now = PipelineSnapshot.read(databases, prefix);
            if (now.progress().equals(last.progress())) {
                return now;
            }
            last = now;
        }
        return last;
    }

    /** The run's records (key and timestamp) from {@code from} to the end of every partition. */
    private static Collection<RunFigures.Record> records(
            KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> from, String prefix) {
        List<RunFigures.Record> records = new ArrayList<>();
        Map<TopicPartition, Long> ends = consumer.endOffsets(from.keySet());
        List<TopicPartition> pending = new ArrayList<>(
                from.keySet().stream().filter(tp -> ends.get(tp) > from.get(tp)).toList());
        consumer.assign(pending);
        pending.forEach(tp -> consumer.seek(tp, from.get(tp)));
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                if (r.key() != null && r.key().startsWith(prefix)) {
                    records.add(new RunFigures.Record(r.topic(), r.key(), r.timestamp()));
                }
            }
            pending.removeIf(tp -> consumer.position(tp) >= ends.get(tp));
            consumer.assign(pending);
        }
        return records;
    }

    /** Records the consumer groups have not yet committed on the event topics. */
    private static long lag(Admin admin, KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions)
            throws Exception {
        Set<TopicPartition> events = new java.util.HashSet<>(events(partitions));
        Map<TopicPartition, Long> ends = consumer.endOffsets(events);
        return WorkCounts.committedOffsets(admin, events).stream()
                .mapToLong(e -> Math.max(0, ends.get(e.getKey()) - e.getValue()))
                .sum();
    }

    /** The event topics' partitions of {@code partitions}, without the dead-letter topics'. */
    private static List<TopicPartition> events(List<TopicPartition> partitions) {
        return partitions.stream()
                .filter(tp -> !tp.topic().endsWith(Topics.DLT_SUFFIX))
                .toList();
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer) {
        List<TopicPartition> partitions = new ArrayList<>();
        Map<String, List<PartitionInfo>> topics = consumer.listTopics(Duration.ofSeconds(10));
        for (String topic : Topics.allWithDeadLetters()) {
            for (PartitionInfo info : topics.getOrDefault(topic, List.of())) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        return partitions;
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, addresses.bootstrapServers());
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return new KafkaConsumer<>(properties);
    }

    private Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                addresses.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                30_000));
    }

    /** An encounter's median size in the Confluent wire format (101 generated encounters). */
    private byte[] typicalWireRecord(Population population) {
        try (ConfluentAvroSerializer serializer = new ConfluentAvroSerializer()) {
            Map<String, Object> config = new HashMap<>();
            config.put("schema.registry.url", addresses.schemaRegistry());
            String login = System.getenv("CLAIMFLOW_REGISTRY_USER_INFO");
            if (login != null && !login.isBlank()) {
                config.put("basic.auth.credentials.source", "USER_INFO");
                config.put("basic.auth.user.info", login);
            }
            serializer.configure(config, false);
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

    private static double load() {
        return Math.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() * 100) / 100.0;
    }
}
