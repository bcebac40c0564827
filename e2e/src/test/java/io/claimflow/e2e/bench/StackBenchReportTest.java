package io.claimflow.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import picocli.CommandLine;

class StackBenchReportTest {

    private static StackBenchReport.Run run(String label, double rate, Map<String, Double> cpu, boolean money) {
        RunFigures figures = new RunFigures(
                1000,
                800,
                700,
                50,
                0,
                10_000,
                30_000,
                new Percentiles(900, 20L, 60L, 200L, 400L),
                new Percentiles(800, 40L, 120L, 480L, 900L),
                new Percentiles(700, 900L, 2_000L, 3_000L, 4_500L));
        return new StackBenchReport.Run(
                label,
                rate,
                1000,
                2.5,
                figures,
                cpu,
                300.0,
                22.0,
                1.25,
                2.5,
                new StackBenchReport.Check(money, 0, 0),
                false,
                null);
    }

    private static StackBenchReport report(boolean money) {
        return report(money, Map.of());
    }

    /** Figures of the launcher, PostgreSQL, the broker, claim-service and the payer simulator, in that order. */
    private static Map<String, Double> perProcess(
            double launcher, double postmaster, double kafka, double claimService, double payerSimulator) {
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("launcher", launcher);
        figures.put("postmaster", postmaster);
        figures.put("kafka", kafka);
        figures.put("claim-service", claimService);
        figures.put("payer-simulator", payerSimulator);
        return figures;
    }

    private static StackBenchReport report(boolean money, Map<String, Double> idleAfter) {
        Map<String, Double> cpu = perProcess(10.0, 4_000.0, 1_500.0, 2_900.0, 600.0);
        Map<String, Double> idle = perProcess(0.5, 2.0, 8.0, 12.0, 3.0);
        return new StackBenchReport(
                "./stack bench --count 1000 --rates full,250",
                "abc1234",
                "2026-12-06T21:00:00Z",
                2,
                "The stack as deployed.",
                new StackBenchReport.Ceiling(
                        20_000, 680, 3, 2.0, 10_000, new Percentiles(20_000, 5L, 9L, 12L, 30L), 1, 1.5),
                idle,
                idleAfter,
                List.of(run("full", 0, cpu, true), run("r250", 250, cpu, money)));
    }

    @Test
    void cpuPerEncounterIsTheRunsCpuOverItsEncountersPerProcessAndInAll() {
        StackBenchReport.Run full = report(true).runs().get(0);

        assertThat(full.cpuPerEncounter())
                .containsEntry("postmaster", 4.0)
                .containsEntry("claim-service", 2.9)
                .containsEntry("payer-simulator", 0.6);
        assertThat(full.totalCpuPerEncounter()).isCloseTo(9.01, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(full.cpuPerEncounterWithoutPayer()).isCloseTo(8.41, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void theReportStatesTheCommandTheRunsTheRatioAndTheCpuTable() {
        String md = report(true).markdown("stack.svg");

        assertThat(md)
                .contains("Command: `./stack bench --count 1000 --rates full,250`")
                .contains("Commit: abc1234")
                .contains("**10,000 records/s**")
                // 1000 documented over 20 s = 50/s, 0.0050 of the ceiling
                .contains(
                        "| full | full | 1,000 | 2.5 | 20.0 | 50.0 | 0.0050 | 20 / 60 / 200 / 400 (900) | 40 / 120 / 480 / 900 (800) |")
                .contains("| r250 | 250/s |")
                .contains("| PostgreSQL (postmaster + backends) | 2.000 | 4.000 | 4.000 |")
                .contains("| **all processes** | 25.500 | **9.010** | **9.010** |")
                .contains("| without the payer simulator | | 8.410 | 8.410 |")
                // idle 25.5 ms/s over the 22 s window, over 1000 encounters: 0.561 ms each
                .contains("| all processes less their idle CPU over the window | | 8.449 | 8.449 |")
                .contains("| load generator (this command's JVM; not in the totals) | | 0.300 | 0.300 |")
                .contains("![throughput, latencies and CPU per encounter](stack.svg)");
        assertThat(report(true).passed()).isTrue();
    }

    @Test
    void theIdleStackReadAfterTheRunsIsAColumnOfItsOwn() {
        String md = report(true, perProcess(0.5, 1.0, 4.0, 4.0, 1.0)).markdown("stack.svg");

        assertThat(md)
                .contains("| process | idle ms/s | idle after ms/s | full | r250 |")
                .contains("| PostgreSQL (postmaster + backends) | 2.000 | 1.000 | 4.000 | 4.000 |")
                .contains("| **all processes** | 25.500 | 10.500 | **9.010** | **9.010** |")
                .contains("| without the payer simulator | | | 8.410 | 8.410 |")
                // the idle stack before the runs, as without the second column: 25.5 ms/s over 22 s, 1000 encounters
                .contains("| all processes less their idle CPU over the window | | | 8.449 | 8.449 |")
                .contains("| window s (first send to last record + 2 s) | | | 22.0 | 22.0 |");
    }

    @Test
    void theWorkCountsArePerEncounterPerRunWithTheEncounterRateKafkaAloneWouldCarry() {
        StackBenchReport measured = report(true);
        StackBenchReport.Run full = measured.runs().get(0);
        // 1000 encounters: 4,000 offsets produced and 9,000 consumed, 50 KB of WAL each
        WorkCounts work =
                new WorkCounts(4_000, 9_000, 6_000, 50_000, 20_000, 5_000, 15_000, 180_000, 280_000, 44_000_000);
        StackBenchReport withCounts =
                measured.withRuns(List.of(full.withWork(work), measured.runs().get(1)));

        String md = withCounts.markdown("stack.svg");

        assertThat(md)
                .contains("## Work per encounter, counted")
                .contains("| per encounter | full | r250 |")
                .contains("| Kafka offsets produced | 4.00 | - |")
                .contains("| Kafka offsets consumed (committed) | 9.00 | - |")
                .contains("| PostgreSQL transactions | 6.00 | - |")
                .contains("| rows updated | 20.0 | - |")
                .contains("| of which HOT (no index entry) | 5.0 | - |")
                .contains("| B-tree index entries (at most) | 180.0 | - |")
                .contains("| WAL bytes | 44,000 | - |")
                // a ceiling of 10,000 records/s is 100,000 offsets/s; 13 offsets an encounter
                .contains("| encounters/s Kafka alone would carry at the raw ceiling's rate | 7,692 | - |");
        assertThat(report(true).markdown("stack.svg")).doesNotContain("Work per encounter");
    }

    @Test
    void aRunWhoseMoneyDoesNotReconcileFailsTheBenchmarkAndSaysSo() {
        StackBenchReport report = report(false);

        assertThat(report.passed()).isFalse();
        assertThat(report.markdown("stack.svg")).contains("| **NO** |").contains("DOES NOT RECONCILE");
    }

    @Test
    void theChartIsWellFormedSvgWithTheThroughputLatenciesAndCpu() throws Exception {
        String svg = BenchmarkChart.svg(report(true).chart(1.25));

        Document document = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(document.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(document.getElementsByTagName("rect").getLength()).isGreaterThan(20);
        assertThat(svg)
                .contains("10,000.0") // the ceiling's bar
                .contains("50.0") // full rate
                .contains("p95")
                .contains("documented -&gt; submitted")
                .contains("PostgreSQL (postmaster + backends)")
                .contains("9.01 ms")
                .contains("load average 1.25 at start, abc1234");
    }

    @Test
    void theChartsFullRateIsTheMeasuredRunNotTheWarmUp() {
        StackBenchReport measured = report(true);
        StackBenchReport.Run full = measured.runs().get(0);
        RunFigures slow = new RunFigures(
                100,
                0,
                0,
                0,
                0,
                0,
                100_000,
                Percentiles.of(List.of()),
                Percentiles.of(List.of()),
                Percentiles.of(List.of()));
        StackBenchReport.Run warmUp = new StackBenchReport.Run(
                StackBenchReport.WARM_UP,
                0,
                100,
                1,
                slow,
                full.cpuMillis(),
                0,
                100,
                1,
                1,
                new StackBenchReport.Check(true, 0, 0),
                false,
                null);
        StackBenchReport withWarmUp = measured.withRuns(List.of(warmUp, full));

        BenchmarkChart.Chart chart = withWarmUp.chart(1);

        assertThat(chart.endToEndPerSecond()).isEqualTo(50.0);
        assertThat(chart.cpu()).extracting(BenchmarkChart.CpuBar::label).containsExactly("warm-up", "full");
        assertThat(withWarmUp.markdown("stack.svg")).contains("| warmup | full | 100 |");
    }

    @Test
    void ratesAreFullOrEncountersPerSecond() {
        assertThat(StackBenchCommand.parseRates(List.of("full", "250", " 500/s ", "0")))
                .containsExactly(0.0, 250.0, 500.0, 0.0);
        assertThatThrownBy(() -> StackBenchCommand.parseRates(List.of("fast")))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("'fast'");
        assertThatThrownBy(() -> StackBenchCommand.parseRates(List.of("-5")))
                .isInstanceOf(CommandLine.ParameterException.class);
        assertThatThrownBy(() -> StackBenchCommand.parseRates(List.of()))
                .isInstanceOf(CommandLine.ParameterException.class);
    }
}
