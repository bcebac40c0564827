package io.claimflow.coding.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.coding.rules.AnswerKey.Case;
import io.claimflow.coding.rules.AnswerKey.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The held-out answer key ({@code answer-key/held-out.psv}): primary-care encounters written from the ICD-10-CM
 * Official Guidelines, CPT and CMS rules by someone who did not write the rules and did not read them, each naming
 * the guideline section it tests. Prints the score and every miss; fails below 95%.
 */
class HeldOutKeyTest {

    static final String KEY = "answer-key/held-out.psv";

    @Test
    void theKeyHasAtLeastSixtyEncountersEachNamingItsGuidelineWithUniqueIds() {
        List<Case> cases = AnswerKey.load(KEY);
        assertThat(cases)
                .hasSizeGreaterThanOrEqualTo(60)
                .allMatch(c -> !c.guideline().isBlank());
        assertThat(cases.stream().map(Case::id)).doesNotHaveDuplicates();
    }

    @Test
    void scoresAtLeastNinetyFivePercent() {
        EncounterCoder coder = new EncounterCoder(EncounterCoderTest.CODE_SETS, EncounterCoderTest.CROSSWALK);
        List<Outcome> outcomes =
                AnswerKey.load(KEY).stream().map(c -> AnswerKey.check(coder, c)).toList();
        List<Outcome> misses = outcomes.stream().filter(o -> !o.right()).toList();
        int right = outcomes.size() - misses.size();
        double score = 100.0 * right / outcomes.size();
        System.out.printf("Held-out key %s: %d of %d right (%.1f%%)%n", KEY, right, outcomes.size(), score);
        misses.forEach(m -> System.out.println("  miss: " + m.miss()));
        assertThat(score)
                .as(
                        "held-out key score; misses: %s",
                        misses.stream().map(Outcome::miss).toList())
                .isGreaterThanOrEqualTo(95.0);
    }
}
