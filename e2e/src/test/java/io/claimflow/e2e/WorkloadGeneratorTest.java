package io.claimflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.e2e.workload.Population;
import io.claimflow.e2e.workload.WorkloadGenerator;
import io.claimflow.events.CodeSystem;
import io.claimflow.events.EncounterDocumented;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WorkloadGeneratorTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);

    private static List<WorkloadGenerator.Generated> generate(long seed, int count) {
        Population population = Population.generate(
                seed, 200, CLOCK.instant().atZone(ZoneOffset.UTC).toLocalDate());
        WorkloadGenerator generator = new WorkloadGenerator(seed, population, CLOCK, "t1");
        return IntStream.range(0, count).mapToObj(i -> generator.next()).toList();
    }

    @Test
    void theSameSeedGivesTheSameEncounters() {
        assertThat(generate(7, 300).stream().map(g -> g.event().toString()).toList())
                .isEqualTo(
                        generate(7, 300).stream().map(g -> g.event().toString()).toList());
        assertThat(generate(8, 50).get(0).event().toString())
                .isNotEqualTo(generate(7, 50).get(0).event().toString());
    }

    @Test
    void threeThousandEncountersCoverEveryKindAndCoverageWithValidData() {
        List<WorkloadGenerator.Generated> generated = generate(42, 3000);
        Set<WorkloadGenerator.Kind> kinds = EnumSet.noneOf(WorkloadGenerator.Kind.class);
        Set<Population.CoverageKind> coverages = EnumSet.noneOf(Population.CoverageKind.class);
        Set<String> ids = new HashSet<>();
        Set<String> visits = new HashSet<>();
        int secondary = 0;
        for (WorkloadGenerator.Generated g : generated) {
            EncounterDocumented e = g.event();
            kinds.add(g.kind());
            coverages.add(g.patient().coverageKind());
            assertThat(ids.add(e.getEncounterId())).isTrue();
            // one visit per patient and day (a second one would be a duplicate claim)
            assertThat(visits.add(e.getPatient().getMrn() + e.getDateOfService()))
                    .isTrue();
            assertThat(e.getDateOfService())
                    .isBefore(CLOCK.instant().atZone(ZoneOffset.UTC).toLocalDate())
                    .isAfter(e.getPatient().getBirthDate());
            assertThat(e.getDiagnoses().size()
                            + e.getProcedures().size()
                            + e.getAdministeredItems().size())
                    .isPositive();
            assertThat(luhnValid(e.getProviders().getBilling().getNpi())).isTrue();
            assertThat(luhnValid(e.getProviders().getRendering().getNpi())).isTrue();
            if (e.getCoverages().size() > 1) {
                secondary++;
            }
            e.getAdministeredItems()
                    .forEach(item -> assertThat(item.getCode().getSystem()).isIn(CodeSystem.HCPCS, CodeSystem.CPT));
        }
        assertThat(kinds).containsExactlyInAnyOrder(WorkloadGenerator.Kind.values());
        assertThat(coverages).containsExactlyInAnyOrder(Population.CoverageKind.values());
        assertThat(secondary).as("with a secondary payer").isBetween(90, 900);
        assertThat(generated.stream().filter(g -> g.patient().primary() == null).count())
                .as("self-pay")
                .isBetween(60L, 600L);
    }

    @Test
    void theSimulatorKnowsEveryInsuredMemberButTheUnknownOnes() {
        Population population = Population.generate(
                3, 300, CLOCK.instant().atZone(ZoneOffset.UTC).toLocalDate());
        var properties = population.payerSimulatorProperties();
        for (Population.Person person : population.people()) {
            if (person.primary() == null) {
                continue;
            }
            String key = "payer-simulator.members." + person.primary().memberId() + ".plan";
            if (person.primary().eligibility() == Population.Eligibility.UNKNOWN_TO_PAYER) {
                assertThat(properties).doesNotContainKey(key);
            } else {
                assertThat(properties).containsEntry(key, person.primary().plan());
            }
        }
        assertThat(properties).containsKey("payer-simulator.plans.medicare-part-b.deductible");
    }

    private static boolean luhnValid(String npi) {
        return io.claimflow.codes.Npi.isValid(npi);
    }
}
