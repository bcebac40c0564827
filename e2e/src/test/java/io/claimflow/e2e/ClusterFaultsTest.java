package io.claimflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cluster fault suite's own logic, without a stack: the broker to kill, duplicates, the table. */
class ClusterFaultsTest {

    @Test
    void theBrokerToKillIsTheOneLeadingTheMostPartitions() {
        Map<String, Integer> leaders = new LinkedHashMap<>();
        leaders.put("claimflow.claim.submitted.v1-0", 1);
        leaders.put("claimflow.claim.submitted.v1-1", 2);
        leaders.put("claimflow.claim.submitted.v1-2", 3);
        leaders.put("claimflow.payment.posted.v1-0", 3);
        leaders.put("claimflow.payment.posted.v1-1", 2);
        leaders.put("claimflow.payment.posted.v1-2", 3);

        assertThat(ClusterFaults.busiestLeader(leaders)).isEqualTo(3);
    }

    @Test
    void aTieGoesToTheLowestNodeAndPartitionsWithoutALeaderCountForNobody() {
        Map<String, Integer> leaders = new HashMap<>();
        leaders.put("t-0", 3);
        leaders.put("t-1", 2);
        leaders.put("t-2", -1);
        leaders.put("t-3", -1);
        leaders.put("t-4", null);
        leaders.put("t-5", 3);
        leaders.put("t-6", 2);

        assertThat(ClusterFaults.busiestLeader(leaders)).isEqualTo(2);
    }

    @Test
    void noLeaderAtAllIsAnError() {
        Map<String, Integer> leaders = new HashMap<>();
        leaders.put("t-0", -1);

        assertThatThrownBy(() -> ClusterFaults.busiestLeader(leaders))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no partition has a leader");
    }

    @Test
    void aRecordIsPublishedTwiceOnlyWhenTopicKeyAndBytesRepeat() {
        List<ClusterFaults.Published> records = List.of(
                published("claimflow.claim.submitted.v1", "enc-c3-1", "event a"),
                // the same bytes again: the outbox row sent a second time
                published("claimflow.claim.submitted.v1", "enc-c3-1", "event a"),
                published("claimflow.claim.submitted.v1", "enc-c3-1", "event a"),
                // a later event of the same encounter: another event id, other bytes
                published("claimflow.claim.submitted.v1", "enc-c3-1", "event b"),
                // the same bytes on another topic or under another key are other records
                published("claimflow.payment.posted.v1", "enc-c3-1", "event a"),
                published("claimflow.claim.submitted.v1", "enc-c3-2", "event a"));

        assertThat(ClusterFaults.publishedTwice(records)).isEqualTo(2);
        assertThat(ClusterFaults.publishedTwice(List.of())).isZero();
    }

    @Test
    void aClaimIsSentTwiceWhenThePayerAnsweredItMoreOftenThanItWasReleased() {
        Map<String, String> released = Map.of("clm-1", "1", "clm-2", "2", "clm-3", "1");
        // clm-2 released twice (a corrected claim after a 999 rejection) and answered twice: fine; clm-3 answered
        // twice for one release: sent twice; clm-4 answered without a release at all; clm-1 not answered yet is
        // VisitInvariants' business (released but never answered), not a duplicate
        Map<String, String> answered = Map.of("clm-2", "2", "clm-3", "2", "clm-4", "1");

        assertThat(ClusterFaults.overAnswered(released, answered))
                .containsOnlyKeys("clm-3", "clm-4")
                .containsEntry("clm-3", "released 1 time(s), answered by the payer 2 times");
    }

    @Test
    void theTableHasARowPerFaultWithItsCounts() {
        String table = ClusterFaults.table(List.of(
                new ClusterFaults.Row("no fault (baseline)", 0, 0, 0, 0, 0, 0, 0, 11.04, 95.4, "load 3.1 -> 3.5"),
                new ClusterFaults.Row("kill -9 of kafka-2 | leader", 1, 0, 2, 5, 3, 4, 1, 47.25, 180.6, "a | b\nc")));

        assertThat(table.lines().toList())
                .containsExactly(
                        "| row | lost | duplicated | sent twice to the payer | records published twice | money"
                                + " mismatches | per-visit breaches | dead letters added | recovery s | row s | note |",
                        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
                        "| no fault (baseline) | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 11.0 | 95 | load 3.1 -> 3.5 |",
                        "| kill -9 of kafka-2 / leader | 1 | 0 | 2 | 5 | 3 | 4 | 1 | 47.3 | 181 | a / b c |");
    }

    private static ClusterFaults.Published published(String topic, String key, String value) {
        return new ClusterFaults.Published(topic, key, value.getBytes(StandardCharsets.UTF_8));
    }
}
