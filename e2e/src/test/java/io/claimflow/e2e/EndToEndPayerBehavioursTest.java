package io.claimflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.claimflow.e2e.demo.DeadLetterCounts;
import io.claimflow.e2e.demo.PipelineSnapshot;
import io.claimflow.e2e.demo.VisitInvariants;
import io.claimflow.e2e.workload.Population;
import io.claimflow.e2e.workload.WorkloadGenerator;
import io.claimflow.e2e.workload.WorkloadPublisher;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import io.claimflow.testsupport.Infrastructure;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link EndToEndPipelineTest}'s workload against a payer that plays every behaviour of payer-simulator (reversals
 * of replaced claims, split and repeated 835s, overpayments and their PLB WO takeback, PLB L6 interest, claims
 * pended by a 277, 999s rejecting a whole group, TA1s), then the same invariants, per claim and per visit: nothing
 * lost or duplicated, the three money views agree per claim and reconcile, one patient charge per visit, every
 * released claim answered by the payer, every open balance with a work item, nothing dead-lettered.
 *
 * <p>Part of the build (100-130 s on two cores besides starting the services); {@code -Dpayer.behaviours.e2e=false}
 * leaves it out, {@code -Dpayer.behaviours=reversal,pend} plays only some behaviours. When money disagrees it logs
 * each broken claim's or visit's postings in the three services ({@link MoneyTrail}).
 */
@ClaimFlowInfrastructure
class EndToEndPayerBehavioursTest {

    private static final Logger LOG = LoggerFactory.getLogger(EndToEndPayerBehavioursTest.class);
    private static final int ENCOUNTERS = Integer.getInteger("e2e.encounters", 300);
    private static final String RUN = "pb";
    private static final String PREFIX = "enc-" + RUN + "-";

    @Test
    void everyInvariantHoldsWithEveryPayerBehaviourSwitchedOn() throws Exception {
        assumeTrue(
                Boolean.parseBoolean(System.getProperty("payer.behaviours.e2e", "true")),
                "left out with -Dpayer.behaviours.e2e=false");
        Infrastructure infrastructure = Infrastructure.get();
        Clock clock = Clock.systemUTC();
        Population population = Population.generate(2026, 240, LocalDate.now(clock));
        Map<String, String> payer = new LinkedHashMap<>(population.payerSimulatorProperties());
        payer.put("payer-simulator.behaviours.enabled", System.getProperty("payer.behaviours", "all"));
        try (Pipeline pipeline = Pipeline.start(infrastructure, payer)) {
            assumeTrue(pipeline.missing().isEmpty(), "needs every service; missing " + pipeline.missing());
            Set<String> published = new HashSet<>();
            WorkloadGenerator generator = new WorkloadGenerator(2026, population, clock, RUN);
            // other tests of this JVM share the broker (the console's browser test dead-letters poison records on
            // purpose): count what this run adds
            Map<String, Long> deadLettersBefore = DeadLetterCounts.read(infrastructure.kafkaBootstrapServers());
            try (WorkloadPublisher publisher =
                    new WorkloadPublisher(infrastructure.kafkaBootstrapServers(), infrastructure.schemaRegistryUrl())) {
                publisher.publish(
                        generator, ENCOUNTERS, 0, g -> published.add(g.event().getEncounterId()));
            }
            PipelineSnapshot.Databases databases = pipeline.databases();
            // quiet means nothing moves any more once the work has started: on a loaded machine the consumers may
            // take longer than the quiet period to join, so first wait until coding-service has every encounter
            try {
                await().atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> PipelineSnapshot.read(databases, PREFIX).documented() >= published.size());
            } catch (ConditionTimeoutException e) {
                // not all there yet: the quiet wait below decides, and the assertions say what is missing
            }
            PipelineSnapshot quiet = Pipeline.awaitQuiet(
                    () -> PipelineSnapshot.read(databases, PREFIX), Duration.ofSeconds(10), Duration.ofSeconds(240));
            LOG.info("pipeline quiet with every payer behaviour:\n{}", quiet.render());

            FaultInvariants.Counts counts = FaultInvariants.count(databases, PREFIX, published);
            VisitInvariants.Violations visits = VisitInvariants.check(databases, PREFIX);
            Map<String, String> money = FaultInvariants.moneyDifferences(databases, PREFIX);
            if (!money.isEmpty() || visits.total() > 0) {
                Set<String> broken = new java.util.TreeSet<>(money.keySet());
                broken.addAll(visits.patientCharge().keySet());
                broken.addAll(visits.notSent().keySet());
                broken.addAll(visits.openWithoutWork().keySet());
                LOG.warn("claims whose money differs: {}\n{}", money, MoneyTrail.of(databases, broken, 60));
            }
            assertThat(counts.lost()).as("encounters lost or still in flight").isZero();
            assertThat(counts.duplicated())
                    .as("encounters with more than one current claim")
                    .isZero();
            assertThat(counts.moneyMismatches())
                    .as("claims whose money differs between claim-service, the"
                            + " gateway's 835s and the patient ledger, or totals that do not reconcile")
                    .isZero();
            assertThat(visits.patientCharge())
                    .as("one patient charge per visit")
                    .isEmpty();
            assertThat(visits.notSent())
                    .as("every released claim answered by the payer")
                    .isEmpty();
            assertThat(visits.openWithoutWork())
                    .as("every open balance with a work item")
                    .isEmpty();
            Map<String, Long> deadLetters = new java.util.TreeMap<>();
            DeadLetterCounts.read(infrastructure.kafkaBootstrapServers())
                    .forEach((topic, count) ->
                            deadLetters.put(topic, count - deadLettersBefore.getOrDefault(topic, 0L)));
            assertThat(deadLetters.values().stream().mapToLong(Long::longValue).sum())
                    .as("dead letters added by this run %s", deadLetters)
                    .isZero();
        }
    }
}
