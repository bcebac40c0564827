package io.claimflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.claimflow.e2e.workload.Population;
import io.claimflow.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

/**
 * The process fault suite over a cluster under load ({@code ./stack faults --brokers 3 --instances 2}; a command,
 * not part of the build's tests): a local stack of its own ({@link FaultStack}, as {@link ProcessFaultSuite}'s) with
 * three KRaft brokers and two instances of every service, under {@code e2e/target/cluster-fault-stack} on ports
 * shifted by 20000, and one row per fault while the workload runs:
 *
 * <ol>
 *   <li>no fault (the baseline);</li>
 *   <li>kill -9 of the first instance of every service at once, left down for the row (the second instance takes
 *       their partitions once their session times out), started again after the row is counted;</li>
 *   <li>kill -9 of the broker that leads the most partitions (asked of the Admin client), started again after 15 s on
 *       its data;</li>
 *   <li>the second instance of every service paused (SIGSTOP) past the consumer session timeout and resumed
 *       (SIGCONT): a zombie that wakes after its partitions moved on must not write twice;</li>
 *   <li>a rolling restart ({@code ./stack restart}: SIGTERM, then started and waited for) of every service instance
 *       one after another while encounters keep coming.</li>
 * </ol>
 *
 * <p>After each row, for that row's encounters: the invariants of the fault suites ({@link FaultInvariants}: lost,
 * duplicated per visit and payer, money mismatches between the three views, the per-visit invariants), the claims
 * the payer answered more often than claim-service released them ({@link ClusterFaults#sentTwice}), the event
 * records published twice (same topic, key and bytes) and the dead letters added. Every row must show no loss, no
 * duplicate, no claim sent twice, no money or per-visit breach; the zombie row must also publish nothing twice
 * (elsewhere a record sent again after a kill -9 between the broker's ack and the outbox commit is the relay's
 * documented at-least-once, which the consumers' idempotency absorbs: shown, not failed).
 *
 * <p>Prints the table and writes it to {@code e2e/target/cluster-fault-report.md}. Knobs: {@code -Dfaults.brokers}
 * (3), {@code -Dfaults.instances} (2), {@code -Dfaults.encounters} (per row, 150), {@code -Dfaults.rate} (per
 * second, 25), {@code -Dfaults.port-offset} (20000), {@code -Dfaults.pause-seconds} (60, past Kafka's 45 s session
 * timeout), {@code -Dfaults.rolling-rate} (encounters per second during the rolling restart, 0.3),
 * {@code -Dfaults.rows} (which rows, e.g. {@code broker,zombie}; all by default).
 */
class ClusterFaultSuite {

    private static final int BROKERS = Integer.getInteger("faults.brokers", 3);
    private static final int INSTANCES = Integer.getInteger("faults.instances", 2);
    private static final int PER_ROW = Integer.getInteger("faults.encounters", 150);
    private static final int RATE = Integer.getInteger("faults.rate", 25);
    private static final int OFFSET = Integer.getInteger("faults.port-offset", 20000);
    private static final int PAUSE_SECONDS = Integer.getInteger("faults.pause-seconds", 60);
    private static final double ROLLING_RATE = Double.parseDouble(System.getProperty("faults.rolling-rate", "0.3"));
    private static final Path ROOT = Path.of(System.getProperty("claimflow.e2e.project-dir", ".."))
            .toAbsolutePath()
            .normalize();
    /** The services that run as several instances (the payer simulator stands in for the payer and runs once). */
    private static final List<String> SCALED = FaultStack.SERVICES.stream()
            .filter(s -> !s.equals("payer-simulator"))
            .toList();

    /** The rows to run ({@code -Dfaults.rows=broker,zombie}); all by default. */
    private static final List<String> ROWS =
            List.of(System.getProperty("faults.rows", "baseline,kill,broker,zombie,rolling")
                    .split(","));

    private FaultStack fs;

    private static boolean wanted(String row) {
        return ROWS.contains(row);
    }

    @Test
    void faultsOverACluster() throws Exception {
        assumeTrue(Boolean.getBoolean("faults"), "a command: ./stack faults --brokers 3 --instances 2");
        assumeTrue(BROKERS >= 3 && INSTANCES >= 2, "a cluster: -Dfaults.brokers=3 -Dfaults.instances=2 at least");
        fs = new FaultStack(
                ROOT,
                ROOT.resolve("e2e/target/cluster-fault-stack"),
                OFFSET,
                BROKERS,
                INSTANCES,
                Population.generate(77, 600, LocalDate.now(Clock.systemUTC())),
                PER_ROW,
                RATE);
        assertThat(fs.missingJars())
                .as("jars to run (./stack faults packages them)")
                .isEmpty();
        List<ClusterFaults.Row> rows = new ArrayList<>();
        String started = loadAverage();
        long t0 = System.nanoTime();
        Process launcher = fs.start();
        System.out.printf("cluster up after %.0f s (load average %s)%n", (System.nanoTime() - t0) / 1e9, started);
        List<String> paused = new ArrayList<>();
        try {
            if (wanted("baseline")) {
                rows.add(row(
                        "c0", "no fault (baseline)", false, run -> fs.phase("baseline", run, () -> {}, () -> {}, 0)));
            }

            List<String> first = SCALED.stream().map(s -> s + "-1").toList();
            if (wanted("kill")) {
                rows.add(row(
                        "c1",
                        "kill -9 of " + String.join(", ", first) + " at once, left down for the row",
                        false,
                        run -> fs.phase(
                                "kill -9 of one instance of every service",
                                run,
                                () -> {
                                    for (String name : first) {
                                        fs.stack("kill", name);
                                    }
                                },
                                () -> {},
                                0)));
                for (String name : first) {
                    fs.stack("start", name);
                }
            }

            if (wanted("broker")) {
                String broker = leaderToKill();
                rows.add(row(
                        "c2",
                        "kill -9 of " + broker + " (leads the most partitions), started again after 15 s",
                        false,
                        run -> fs.phase(
                                "kill -9 of the busiest leader",
                                run,
                                () -> fs.stack("kill", broker),
                                () -> fs.stack("start", broker),
                                15)));
            }

            List<String> second = SCALED.stream().map(s -> s + "-2").toList();
            if (wanted("zombie")) {
                rows.add(row(
                        "c3",
                        "SIGSTOP of " + String.join(", ", second) + " for " + PAUSE_SECONDS
                                + " s (past the 45 s session timeout), then SIGCONT",
                        true,
                        run -> fs.phase(
                                "zombies",
                                run,
                                () -> {
                                    for (String name : second) {
                                        signal("STOP", name);
                                        paused.add(name);
                                    }
                                },
                                () -> {
                                    for (String name : second) {
                                        signal("CONT", name);
                                    }
                                    paused.clear();
                                },
                                PAUSE_SECONDS)));
            }

            List<String> everyInstance = new ArrayList<>();
            for (String s : SCALED) {
                for (int k = 1; k <= INSTANCES; k++) {
                    everyInstance.add(s + "-" + k);
                }
            }
            if (wanted("rolling")) {
                rows.add(row(
                        "c4",
                        "rolling restart (./stack restart) of " + everyInstance.size()
                                + " service instances one after another",
                        false,
                        run -> fs.phase(
                                "rolling restart",
                                run,
                                PER_ROW,
                                ROLLING_RATE,
                                5,
                                () -> {
                                    for (String name : everyInstance) {
                                        long t = System.nanoTime();
                                        fs.stack("restart", name);
                                        System.out.printf(
                                                "    %s restarted in %.0f s%n", name, (System.nanoTime() - t) / 1e9);
                                    }
                                },
                                () -> {},
                                0,
                                true)));
            }
        } finally {
            for (String name : paused) {
                signal("CONT", name);
            }
            fs.stop(launcher);
        }

        String table = ClusterFaults.table(rows);
        Path report = ROOT.resolve("e2e/target/cluster-fault-report.md");
        Files.createDirectories(report.getParent());
        Files.writeString(
                report,
                "# Process fault suite over a cluster (" + BROKERS + " brokers, " + INSTANCES
                        + " instances of every service)\n\n" + table + "\n" + notes(started));
        System.out.println();
        System.out.println(table);
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.lost()).as("lost: " + row.fault()).isZero();
            assertThat(row.duplicated()).as("duplicated: " + row.fault()).isZero();
            assertThat(row.sentTwice()).as("sent twice: " + row.fault()).isZero();
            assertThat(row.moneyMismatches()).as("money: " + row.fault()).isZero();
            assertThat(row.visitBreaches()).as("per-visit: " + row.fault()).isZero();
        });
        assertThat(rows.stream().filter(r -> r.fault().startsWith("SIGSTOP")))
                .allSatisfy(r -> assertThat(r.publishedTwice())
                        .as("a zombie that wakes publishes nothing twice")
                        .isZero());
    }

    @FunctionalInterface
    private interface Phase {
        FaultPhases.Row run(String run) throws Exception;
    }

    /** Runs one phase and adds the cluster's counts for its encounters to the fault suites'. */
    private ClusterFaults.Row row(String run, String fault, boolean zombie, Phase phase) throws Exception {
        long start = System.nanoTime();
        String loadBefore = loadAverage();
        FaultPhases.Row counted = phase.run(run);
        String prefix = "enc-" + run + "-";
        Map<String, String> sentTwice = ClusterFaults.sentTwice(fs.databases(), prefix);
        long publishedTwice = publishedTwice(prefix);
        if (!sentTwice.isEmpty()) {
            System.out.println("    sent twice (" + run + "): " + sentTwice);
        }
        if (counted.moneyMismatches() > 0) {
            System.out.println("    money differences per claim (" + run + "): "
                    + FaultInvariants.moneyDifferences(fs.databases(), prefix));
            var snapshot = io.claimflow.e2e.demo.PipelineSnapshot.read(fs.databases(), prefix);
            System.out.println("    money: claim-service " + snapshot.claimMoney() + " | gateway "
                    + snapshot.gatewayMoney() + " | ledger " + snapshot.ledgerMoney());
        }
        String note = "load " + loadBefore + " -> " + loadAverage()
                + (counted.note().isEmpty() ? "" : "; " + counted.note())
                + (zombie ? "; zombies must publish nothing twice" : "");
        ClusterFaults.Row row = new ClusterFaults.Row(
                fault,
                counted.lost(),
                counted.duplicated(),
                sentTwice.size(),
                publishedTwice,
                counted.moneyMismatches(),
                counted.visitViolations(),
                counted.deadLetters(),
                counted.recoverySeconds(),
                (System.nanoTime() - start) / 1e9,
                note);
        System.out.println("    " + row);
        return row;
    }

    /** Records of the event topics keyed by the prefix's encounters that went out more than once. */
    private long publishedTwice(String prefix) {
        List<ClusterFaults.Published> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = fs.rawConsumer()) {
            FaultStack.readAll(consumer, Topics.all(), r -> {
                if (r.key() != null && r.key().startsWith(prefix)) {
                    records.add(new ClusterFaults.Published(r.topic(), r.key(), r.value()));
                }
            });
        }
        return ClusterFaults.publishedTwice(records);
    }

    /** {@code kafka-N} of the node leading the most partitions of the event topics. */
    private String leaderToKill() throws Exception {
        Map<String, Integer> leaders = new LinkedHashMap<>();
        try (Admin admin = fs.admin()) {
            admin.describeTopics(Topics.all())
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .forEach((topic, description) -> description
                            .partitions()
                            .forEach(p -> leaders.put(
                                    topic + "-" + p.partition(),
                                    p.leader() == null ? -1 : p.leader().id())));
        }
        int node = ClusterFaults.busiestLeader(leaders);
        System.out.println("    partition leaders: " + leaders + "; killing kafka-" + node);
        return "kafka-" + node;
    }

    /** {@code kill -SIGNAL <pid>} of a component, its pid from the launcher's endpoints. */
    private void signal(String signal, String name) throws Exception {
        Long pid = fs.pids().get(name);
        assertThat(pid).as("pid of " + name).isNotNull();
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                .redirectErrorStream(true)
                .start();
        String output = new String(kill.getInputStream().readAllBytes());
        assertThat(kill.waitFor(30, TimeUnit.SECONDS) && kill.exitValue() == 0)
                .as("kill -" + signal + " " + pid + " (" + name + "): " + output)
                .isTrue();
        System.out.println("    kill -" + signal + " " + name + " (pid " + pid + ")");
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (Exception e) {
            return "?";
        }
    }

    private static String notes(String loadAtStart) {
        return """

                %d brokers (replication factor 3, min.insync.replicas 2, producers acks=all), %d instances of every
                service sharing their consumer groups, the payer simulator once. Each row publishes %d encounters
                at %d/s (the rolling restart: at %s/s, so that they keep coming while the instances restart one by
                one), the fault injected a third of the way in, then counted for that row's encounters once every
                consumer group has caught up and nothing has changed for 30 s. *Lost*: an encounter never coded, or
                without a current claim, or whose claim is still in flight once quiet. *Duplicated*: more than one
                current claim of a visit to the same payer. *Sent twice to the payer*: a claim the payer answered
                (999 or TA1, each from its own interchange) more often than claim-service released it. *Records
                published twice*: the same topic, key and bytes on an event topic again (an outbox row sent a second
                time). *Money mismatches*: a claim whose remittances differ between the gateway's 835s,
                claim-service's postings and the patient ledger, or totals that do not reconcile. *Per-visit
                breaches*: VisitInvariants (one patient charge per visit, every released claim answered, every open
                balance with a work item, the payers' payments per visit the same in the three services).
                *Recovery*: from the heal to the last change of the row's progress. *Row s*: the whole row, waits
                included. Load average (1, 5, 15 min) when the suite started: %s.
                """.formatted(BROKERS, INSTANCES, PER_ROW, RATE, ROLLING_RATE, loadAtStart);
    }
}
