package io.claimflow.e2e.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What {@code ./stack bench} measured, and its Markdown report and chart.
 *
 * @param idleMillisPerSecond CPU per process while the stack was up with nothing to do, before the runs
 * @param idleAfterMillisPerSecond the same after the last run and its checks (empty: not measured): the services
 *     warm, PostgreSQL vacuuming what the runs left; shown beside the first, which the row less idle keeps using
 */
public record StackBenchReport(
        String command,
        String commit,
        String startedAt,
        int cores,
        String settings,
        Ceiling ceiling,
        Map<String, Double> idleMillisPerSecond,
        Map<String, Double> idleAfterMillisPerSecond,
        List<Run> runs) {

    public StackBenchReport {
        idleAfterMillisPerSecond = idleAfterMillisPerSecond == null ? Map.of() : idleAfterMillisPerSecond;
    }

    /** The label of the warm-up run (not the chart's full-rate figure). */
    static final String WARM_UP = "warmup";

    /** The payer's stand-in: listed, and left out of the second total. */
    static final String PAYER_SIMULATOR = "payer-simulator";

    /** The raw ceiling: records of an encounter's median wire size through four hops on the stack's broker. */
    public record Ceiling(
            int records,
            int recordBytes,
            int partitions,
            double seconds,
            double perSecond,
            Percentiles latency,
            double loadStart,
            double loadEnd) {}

    /** The checks read from the services' databases after a run (the demo's). */
    public record Check(boolean moneyReconciles, long visitViolations, long outboxBacklog) {

        boolean passed() {
            return moneyReconciles && visitViolations == 0;
        }
    }

    /**
     * One run.
     *
     * @param rate encounters per second asked for; 0 = as fast as possible
     * @param cpuMillis CPU per stack process over the run's window (from the first send to just after its last record)
     * @param generatorCpuMillis the load generator's own CPU over the same window (the bench command's JVM)
     * @param timedOut whether the pipeline was still busy when the wait ended
     * @param work what the stack wrote for the run, from its first send until its checks were done (null: not read)
     */
    public record Run(
            String label,
            double rate,
            int encounters,
            double publishSeconds,
            RunFigures figures,
            Map<String, Double> cpuMillis,
            double generatorCpuMillis,
            double cpuWindowSeconds,
            double loadStart,
            double loadEnd,
            Check check,
            boolean timedOut,
            WorkCounts work) {

        /** The run with its work counts. */
        public Run withWork(WorkCounts counted) {
            return new Run(
                    label,
                    rate,
                    encounters,
                    publishSeconds,
                    figures,
                    cpuMillis,
                    generatorCpuMillis,
                    cpuWindowSeconds,
                    loadStart,
                    loadEnd,
                    check,
                    timedOut,
                    counted);
        }

        /** CPU milliseconds per published encounter, per process. */
        public Map<String, Double> cpuPerEncounter() {
            Map<String, Double> per = new LinkedHashMap<>();
            cpuMillis.forEach((name, ms) -> per.put(name, encounters == 0 ? 0 : ms / encounters));
            return per;
        }

        /** CPU milliseconds per encounter, every stack process. */
        public double totalCpuPerEncounter() {
            return cpuPerEncounter().values().stream()
                    .mapToDouble(Double::doubleValue)
                    .sum();
        }

        /** As {@link #totalCpuPerEncounter()}, without the payer simulator (the payer's stand-in). */
        public double cpuPerEncounterWithoutPayer() {
            return totalCpuPerEncounter() - cpuPerEncounter().getOrDefault(PAYER_SIMULATOR, 0.0);
        }

        String rateLabel() {
            return rate <= 0 ? "full" : String.format(Locale.ROOT, "%,.0f/s", rate);
        }
    }

    /** The same report of other runs. */
    public StackBenchReport withRuns(List<Run> others) {
        return new StackBenchReport(
                command,
                commit,
                startedAt,
                cores,
                settings,
                ceiling,
                idleMillisPerSecond,
                idleAfterMillisPerSecond,
                others);
    }

    /** Whether every run drained and its checks held. */
    public boolean passed() {
        return runs.stream().allMatch(r -> !r.timedOut() && r.check().passed());
    }

    /** The Markdown report; {@code chartFile} is the chart's file name beside it. */
    public String markdown(String chartFile) {
        StringBuilder md = new StringBuilder("# ClaimFlow stack benchmark (`./stack bench`)\n\n");
        md.append("Command: `").append(command).append("`  \n");
        md.append("Commit: ").append(commit).append("  \n");
        md.append(String.format(
                Locale.ROOT,
                "Started %s on %d cores; load average (1 min) at the start of each run in the tables below.%n%n",
                startedAt,
                cores));
        md.append(settings).append("\n\n");

        md.append("## Raw Kafka ceiling (same broker, same run)\n\n");
        md.append(String.format(
                Locale.ROOT,
                "%,d records of %,d bytes (an encounter's median wire size) through four consume-and-produce hops,"
                        + " %d partitions, the services' producer settings: **%,.0f records/s** (%.1f s); latency"
                        + " p50 / p95 / p99 / max %s ms; load average %.2f -> %.2f.%n%n",
                ceiling.records(),
                ceiling.recordBytes(),
                ceiling.partitions(),
                ceiling.perSecond(),
                ceiling.seconds(),
                ceiling.latency().render(),
                ceiling.loadStart(),
                ceiling.loadEnd()));

        md.append("## Runs\n\n");
        md.append("| run | rate | encounters | publish s | drained s | encounters/s | ratio to ceiling"
                + " | documented -> coded ms p50 / p95 / p99 / max (n)"
                + " | documented -> submitted ms p50 / p95 / p99 / max (n) | documented -> posted ms p50 / p95 / p99 /"
                + " max (n) | CPU ms / encounter, all processes | without payer simulator | money reconciles"
                + " | visit invariants broken | dead letters | load average start -> end |\n");
        md.append(
                "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | --- | --- | ---: | ---: | --- | ---: | ---: | --- |\n");
        for (Run run : runs) {
            RunFigures f = run.figures();
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %,d | %.1f | %.1f%s | %.1f | %.4f | %s (%,d) | %s (%,d) | %s (%,d) | %.2f | %.2f | %s | %d | %d"
                            + " | %.2f -> %.2f |%n",
                    run.label(),
                    run.rateLabel(),
                    run.encounters(),
                    run.publishSeconds(),
                    f.drainSeconds(),
                    run.timedOut() ? " (timed out)" : "",
                    f.perSecond(),
                    ceiling.perSecond() > 0 ? f.perSecond() / ceiling.perSecond() : 0,
                    f.toCoded().render(),
                    f.toCoded().count(),
                    f.toSubmitted().render(),
                    f.toSubmitted().count(),
                    f.toPosted().render(),
                    f.toPosted().count(),
                    run.totalCpuPerEncounter(),
                    run.cpuPerEncounterWithoutPayer(),
                    run.check().moneyReconciles() ? "yes" : "**NO**",
                    run.check().visitViolations(),
                    f.deadLetters(),
                    run.loadStart(),
                    run.loadEnd()));
        }
        md.append(
                "\nEncounters/s: encounters documented over the time from the run's first `EncounterDocumented` record"
                        + " to its last record on any event topic (its encounters' records are keyed by encounter id). Latencies"
                        + " from the record timestamps (the producers' send times): documented -> first `EncounterCoded`"
                        + " (coding-service's share), documented -> first `ClaimSubmitted`,"
                        + " documented -> first `PaymentPosted` of the encounter; n counts the encounters that got that far"
                        + " (held for a coder, self-pay, rejected and denied encounters do not). CPU: see below.\n\n");

        md.append("## CPU milliseconds per encounter, by process\n\n");
        boolean afterIdle = !idleAfterMillisPerSecond.isEmpty();
        md.append("From `/proc/<pid>/stat` (user + system) of every process of the stack, read before the run's first"
                + " send and just after its last record (2 s later, sampled each second); PostgreSQL is the postmaster"
                + " with all its backends and helpers (exited ones through the postmaster's children's time). Idle:"
                + " CPU per second with the stack up and no work, measured once every service is UP, before the raw"
                + " ceiling and the runs (JIT compilers still at work after start-up count here)"
                + (afterIdle
                        ? ", and again after the last run and its checks (\"idle after\": the services warm,"
                                + " PostgreSQL's autovacuum cleaning up after the runs; the row less idle takes off the"
                                + " first)"
                        : "")
                + ".\n\n");
        // the idle columns: before the runs, and after them when read
        List<Map<String, Double>> idles =
                afterIdle ? List.of(idleMillisPerSecond, idleAfterMillisPerSecond) : List.of(idleMillisPerSecond);
        Set<String> processes = new LinkedHashSet<>(idleMillisPerSecond.keySet());
        runs.forEach(r -> processes.addAll(r.cpuMillis().keySet()));
        md.append("| process | idle ms/s |").append(afterIdle ? " idle after ms/s |" : "");
        runs.forEach(r -> md.append(' ').append(r.label()).append(" |"));
        md.append("\n| --- |").append(" ---: |".repeat(idles.size()));
        runs.forEach(r -> md.append(" ---: |"));
        md.append('\n');
        for (String process : processes) {
            md.append("| ").append(display(process)).append(" |");
            idles.forEach(
                    idle -> md.append(' ').append(format(idle.get(process))).append(" |"));
            for (Run run : runs) {
                md.append(' ')
                        .append(format(run.cpuPerEncounter().get(process)))
                        .append(" |");
            }
            md.append('\n');
        }
        String blanks = " |".repeat(idles.size());
        md.append("| **all processes** |");
        idles.forEach(idle -> md.append(' ').append(format(total(idle))).append(" |"));
        runs.forEach(r -> md.append(String.format(Locale.ROOT, " **%.3f** |", r.totalCpuPerEncounter())));
        md.append("\n| without the payer simulator |").append(blanks);
        runs.forEach(r -> md.append(String.format(Locale.ROOT, " %.3f |", r.cpuPerEncounterWithoutPayer())));
        md.append("\n| all processes less their idle CPU over the window |").append(blanks);
        double idleTotal = total(idleMillisPerSecond);
        runs.forEach(r -> md.append(String.format(
                Locale.ROOT,
                " %.3f |",
                r.totalCpuPerEncounter()
                        - (r.encounters() == 0 ? 0 : idleTotal * r.cpuWindowSeconds() / r.encounters()))));
        md.append("\n| load generator (this command's JVM; not in the totals) |")
                .append(blanks);
        runs.forEach(r -> md.append(' ')
                .append(format(r.encounters() == 0 ? 0 : r.generatorCpuMillis() / r.encounters()))
                .append(" |"));
        md.append("\n| window s (first send to last record + 2 s) |").append(blanks);
        runs.forEach(r -> md.append(String.format(Locale.ROOT, " %.1f |", r.cpuWindowSeconds())));
        md.append("\n\n");

        if (runs.stream().anyMatch(r -> r.work() != null)) {
            md.append(workTable());
        }

        md.append("## Issue 22's targets\n\n");
        for (Run run : runs) {
            md.append(String.format(
                    Locale.ROOT,
                    "- %s (%s): %.1f encounters/s, %.3f ms CPU per encounter (all processes), p99 documented ->"
                            + " submitted %s ms, money %s.%n",
                    run.label(),
                    run.rateLabel(),
                    run.figures().perSecond(),
                    run.totalCpuPerEncounter(),
                    run.figures().toSubmitted().p99() == null
                            ? "-"
                            : String.format(
                                    Locale.ROOT,
                                    "%,d",
                                    run.figures().toSubmitted().p99()),
                    run.check().moneyReconciles() ? "reconciles" : "DOES NOT RECONCILE"));
        }
        md.append(
                "\nTargets: at least 1,000 encounters/s at full rate and at most 1.5 ms of CPU per encounter (all"
                        + " processes); 500/s sustained with p99 documented -> submitted under 500 ms; the money reconciling.\n");
        md.append("\n![throughput, latencies and CPU per encounter](")
                .append(chartFile)
                .append(")\n");
        return md.toString();
    }

    /** Offsets a record of the raw ceiling takes: produced to five topics, consumed by four hops and the reader. */
    static final int CEILING_OFFSETS_PER_RECORD = 10;

    private String workTable() {
        StringBuilder md = new StringBuilder("## Work per encounter, counted\n\n");
        md.append("What the stack wrote for each run, read before its first send and after its checks: the same code"
                + " writes the same counts on a faster or slower machine, so they compare runs where the CPU figures"
                + " are within the spread between runs. Kafka: the event topics' end offsets (records and the"
                + " transaction markers of the producers' commits) and the consumer groups' committed offsets on them."
                + " PostgreSQL: `pg_stat_database` and `pg_stat_user_tables` of the services' databases, `pg_stat_wal`"
                + " of the server (autovacuum's WAL within the window included; the bench's own reads, a few dozen"
                + " transactions, too). Index entries are an upper bound:"
                + " rows inserted and updated other than HOT, times the table's B-tree indexes.\n\n");
        md.append("| per encounter |");
        runs.forEach(r -> md.append(' ').append(r.label()).append(" |"));
        md.append("\n| --- |");
        runs.forEach(r -> md.append(" ---: |"));
        md.append('\n');
        workRow(md, "Kafka offsets produced", w -> w.offsetsProduced(), 2);
        workRow(md, "Kafka offsets consumed (committed)", w -> w.offsetsCommitted(), 2);
        workRow(md, "PostgreSQL transactions", w -> w.transactions(), 2);
        workRow(md, "rows inserted", w -> w.rowsInserted(), 1);
        workRow(md, "rows updated", w -> w.rowsUpdated(), 1);
        workRow(md, "of which HOT (no index entry)", w -> w.hotUpdates(), 1);
        workRow(md, "rows deleted", w -> w.rowsDeleted(), 1);
        workRow(md, "B-tree index entries (at most)", w -> w.indexEntries(), 1);
        workRow(md, "WAL records", w -> w.walRecords(), 1);
        workRow(md, "WAL bytes", w -> w.walBytes(), 0);
        md.append("| encounters/s Kafka alone would carry at the raw ceiling's rate |");
        for (Run run : runs) {
            double offsets = run.work() == null ? 0 : run.work().offsetsPerEncounter(run.encounters());
            md.append(
                    offsets <= 0
                            ? " - |"
                            : String.format(
                                    Locale.ROOT,
                                    " %,.0f |",
                                    CEILING_OFFSETS_PER_RECORD * ceiling.perSecond() / offsets));
        }
        md.append("\n\nThe last row bounds the design on this machine: a record of the raw ceiling is ")
                .append(CEILING_OFFSETS_PER_RECORD)
                .append(" offsets (produced to five topics, consumed by four hops and the reader), so the ceiling run"
                        + " moved about that many times its records per second, with no work in between and no"
                        + " transactions; an encounter's offsets (produced and consumed) at that rate leave nothing"
                        + " for the services and PostgreSQL.\n\n");
        return md.toString();
    }

    private void workRow(
            StringBuilder md, String name, java.util.function.ToLongFunction<WorkCounts> count, int decimals) {
        md.append("| ").append(name).append(" |");
        for (Run run : runs) {
            if (run.work() == null || run.encounters() == 0) {
                md.append(" - |");
            } else {
                md.append(String.format(
                        Locale.ROOT,
                        " %,." + decimals + "f |",
                        count.applyAsLong(run.work()) / (double) run.encounters()));
            }
        }
        md.append('\n');
    }

    /** The chart: ceiling and full rate, latency percentiles per run, CPU per encounter per process per run. */
    public BenchmarkChart.Chart chart(double loadAverage) {
        double fullRate = runs.stream()
                .filter(r -> r.rate() <= 0 && !r.label().equals(WARM_UP))
                .mapToDouble(r -> r.figures().perSecond())
                .findFirst()
                .orElse(runs.isEmpty() ? 0 : runs.get(0).figures().perSecond());
        List<BenchmarkChart.RatePoint> rates = new ArrayList<>();
        List<BenchmarkChart.CpuBar> cpu = new ArrayList<>();
        for (Run run : runs) {
            rates.add(new BenchmarkChart.RatePoint(
                    label(run),
                    run.figures().toSubmitted().chartValues(),
                    run.figures().toPosted().chartValues()));
            Map<String, Double> per = new LinkedHashMap<>();
            run.cpuPerEncounter().forEach((name, ms) -> per.put(display(name), ms));
            cpu.add(new BenchmarkChart.CpuBar(label(run), per));
        }
        return new BenchmarkChart.Chart(
                String.format(
                        Locale.ROOT,
                        "ClaimFlow stack as deployed (./stack bench), %d cores, load average %.2f at start, %s",
                        cores,
                        loadAverage,
                        commit),
                ceiling.perSecond(),
                fullRate,
                List.of("p50", "p95", "p99"),
                rates,
                cpu);
    }

    private static String label(Run run) {
        return run.label().equals(WARM_UP) ? "warm-up" : run.rateLabel();
    }

    /** What each process name stands for in the tables. */
    static String display(String process) {
        return switch (process) {
            case "postmaster" -> "PostgreSQL (postmaster + backends)";
            case "postgres" -> "postgres (launcher's JVM around PostgreSQL)";
            case "kafka" -> "kafka (KRaft broker)";
            case "launcher" -> "launcher (./stack)";
            default -> process;
        };
    }

    private static double total(Map<String, Double> millisPerSecond) {
        return millisPerSecond.values().stream()
                .mapToDouble(Double::doubleValue)
                .sum();
    }

    private static String format(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.3f", value);
    }
}
