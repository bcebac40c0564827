package io.claimflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FuzzTest {

    private static final String SEED_FILE = "ISA*00*~GS*HP~ST*835*0001~SE*2*0001~";

    @Test
    void aCaseIsTheSameForTheSameSeedPropertyAndIndexAndDiffersOtherwise() {
        assertThat(Fuzz.of(7, "p", 3).mutate(SEED_FILE))
                .isEqualTo(Fuzz.of(7, "p", 3).mutate(SEED_FILE));
        Set<String> inputs = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            inputs.add(Fuzz.of(7, "p", i).mutate(SEED_FILE));
        }
        assertThat(inputs).hasSizeGreaterThan(40);
        assertThat(Fuzz.of(7, "q", 3).text(64)).isNotEqualTo(Fuzz.of(7, "p", 3).text(64));
    }

    @Test
    void mutationsCoverTruncationInsertionAndSplicingAndEveryCaseHasATrail() {
        Set<String> steps = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            Fuzz fuzz = Fuzz.of(1, "mutations", i);
            fuzz.mutate(SEED_FILE, List.of(SEED_FILE, "other"));
            assertThat(fuzz.trail()).isNotEmpty();
            fuzz.trail().forEach(step -> steps.add(step.split(" ")[0]));
            Fuzz bytes = Fuzz.of(1, "bytes", i);
            bytes.mutate(SEED_FILE.getBytes(StandardCharsets.US_ASCII));
            bytes.trail().forEach(step -> steps.add(step.split(" ")[0]));
        }
        assertThat(steps).contains("flip", "truncate", "cut", "insert", "splice", "repeat", "huge");
    }

    @Test
    void aFailingPropertyNamesTheSeedEveryFailingCaseAndItsInput() {
        List<String> seen = new ArrayList<>();
        assertThatThrownBy(() -> Fuzz.check("even", fuzz -> fuzz.between(0, 1_000_000), n -> {
                    seen.add(String.valueOf(n));
                    assertThat(n % 2).isZero();
                }))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("even: ")
                .hasMessageContaining("cases failed (seed " + Fuzz.seed())
                .hasMessageContaining("-Dclaimflow.fuzz.case=")
                .hasMessageMatching("(?s).*case \\d+ \\[\\]: .*input: \\d+ chars, from \"\\d+\".*")
                .hasCauseInstanceOf(AssertionError.class);
        assertThat(seen).hasSize(Fuzz.iterations());
    }

    @Test
    void anExceptionOrStackOverflowInThePropertyIsAFailureNotAnAbortedRun() {
        assertThatThrownBy(() -> Fuzz.check("overflow", fuzz -> fuzz.bytes(8), bytes -> {
                    throw new StackOverflowError();
                }))
                .isInstanceOf(AssertionError.class)
                .hasCauseInstanceOf(StackOverflowError.class)
                .hasMessageContaining("bytes, from ");
    }
}
