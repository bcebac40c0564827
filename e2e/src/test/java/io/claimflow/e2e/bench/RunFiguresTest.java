package io.claimflow.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.schemas.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class RunFiguresTest {

    private static RunFigures.Record r(String topic, String key, long at) {
        return new RunFigures.Record(topic, key, at);
    }

    @Test
    void latenciesAreFromTheDocumentedRecordToTheEncountersFirstSubmittedAndPostedRecords() {
        List<RunFigures.Record> records = List.of(
                r(Topics.ENCOUNTER_DOCUMENTED, "enc-r1-1", 1_000),
                r(Topics.ENCOUNTER_DOCUMENTED, "enc-r1-2", 1_500),
                r(Topics.ENCOUNTER_DOCUMENTED, "enc-r1-3", 2_000),
                r(Topics.ENCOUNTER_CODED, "enc-r1-1", 1_050),
                r(Topics.CLAIM_SUBMITTED, "enc-r1-1", 1_100),
                r(Topics.CLAIM_SUBMITTED, "enc-r1-2", 1_800),
                // a corrected claim later: the first submission counts
                r(Topics.CLAIM_SUBMITTED, "enc-r1-2", 9_000),
                r(Topics.CLAIM_DENIED, "enc-r1-2", 4_000),
                r(Topics.PAYMENT_POSTED, "enc-r1-1", 3_100),
                r(Topics.PAYMENT_POSTED, "enc-r1-2", 11_000),
                r(Topics.RECODE_REQUESTED, "enc-r1-2", 4_100),
                // another run's encounter and a dead letter
                r(Topics.PAYMENT_POSTED, "enc-r2-1", 99_000),
                r(Topics.dlt(Topics.ENCOUNTER_DOCUMENTED), "enc-r1-3", 50_000));

        RunFigures figures = RunFigures.of(records, "enc-r1-");

        assertThat(figures.documented()).isEqualTo(3);
        assertThat(figures.submitted()).isEqualTo(2);
        assertThat(figures.posted()).isEqualTo(2);
        assertThat(figures.denied()).isEqualTo(1);
        assertThat(figures.deadLetters()).isEqualTo(1);
        assertThat(figures.toCoded()).isEqualTo(new Percentiles(1, 50L, 50L, 50L, 50L));
        assertThat(figures.toSubmitted()).isEqualTo(new Percentiles(2, 100L, 300L, 300L, 300L));
        assertThat(figures.toPosted()).isEqualTo(new Percentiles(2, 2_100L, 9_500L, 9_500L, 9_500L));
        // first documented at 1.000 s, last record (the corrected claim's payment) at 11.000 s
        assertThat(figures.drainSeconds()).isEqualTo(10.0);
        assertThat(figures.perSecond()).isEqualTo(0.3);
    }

    @Test
    void aRunWithNoRecordsMeasuresNothing() {
        RunFigures figures = RunFigures.of(List.of(r(Topics.CLAIM_SUBMITTED, "enc-x-1", 5)), "enc-r1-");

        assertThat(figures.documented()).isZero();
        assertThat(figures.perSecond()).isZero();
        assertThat(figures.toSubmitted().render()).isEqualTo("-");
    }

    @Test
    void percentilesAreNearestRank() {
        List<Long> values =
                new ArrayList<>(LongStream.rangeClosed(1, 200).boxed().toList());
        java.util.Collections.shuffle(values, new java.util.Random(7));

        Percentiles p = Percentiles.of(values);

        assertThat(p).isEqualTo(new Percentiles(200, 100L, 190L, 198L, 200L));
        assertThat(p.render()).isEqualTo("100 / 190 / 198 / 200");
        assertThat(Percentiles.of(List.of(1234L)).render()).isEqualTo("1,234 / 1,234 / 1,234 / 1,234");
    }
}
