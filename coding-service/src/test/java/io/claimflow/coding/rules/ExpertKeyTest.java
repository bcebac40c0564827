package io.claimflow.coding.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.coding.rules.AnswerKey.Case;
import io.claimflow.coding.rules.AnswerKey.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The team's expert answer key ({@code answer-key/primary-care.psv}): primary-care encounters written from the
 * ICD-10-CM Official Guidelines, CPT and CMS rules, each naming the rule it tests. Every case is a test of its own;
 * the score is printed and must stay at 95% or more.
 */
class ExpertKeyTest {

    static final String KEY = "answer-key/primary-care.psv";

    static final EncounterCoder CODER = new EncounterCoder(EncounterCoderTest.CODE_SETS, EncounterCoderTest.CROSSWALK);
    static final List<String> PASSED = new ArrayList<>();
    static final List<String> FAILED = new ArrayList<>();

    static List<Case> cases() {
        return AnswerKey.load(KEY);
    }

    static Stream<Case> key() {
        return cases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("key")
    void codesAsTheKeySays(Case c) {
        Outcome outcome = AnswerKey.check(CODER, c);
        boolean right = outcome.right();
        String expected = outcome.expected();
        (right ? PASSED : FAILED).add(c.id() + (right ? "" : ": expected " + expected + ", got " + outcome.actual()));
        assertThat(outcome.actual())
                .as(c.toString())
                .satisfiesAnyOf(
                        a -> assertThat(right).isTrue(), a -> assertThat(a).isEqualTo(expected));
    }

    @Test
    void theKeyHasAtLeastAHundredEncountersEachNamingItsRule() {
        assertThat(cases())
                .hasSizeGreaterThanOrEqualTo(100)
                .allMatch(c -> !c.guideline().isBlank());
    }

    @AfterAll
    static void score() {
        int total = PASSED.size() + FAILED.size();
        if (total == 0) {
            return;
        }
        System.out.printf(
                "Expert key %s: %d of %d right (%.1f%%)%n", KEY, PASSED.size(), total, 100.0 * PASSED.size() / total);
        FAILED.forEach(f -> System.out.println("  wrong: " + f));
        assertThat(100.0 * PASSED.size() / total).as("expert key score").isGreaterThanOrEqualTo(95.0);
    }
}
