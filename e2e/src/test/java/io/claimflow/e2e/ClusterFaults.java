package io.claimflow.e2e;

import io.claimflow.e2e.demo.PipelineSnapshot;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What {@link ClusterFaultSuite} adds to the fault suites' counts, kept apart from the stack so it can be tested
 * without one: which broker to kill (the one leading the most partitions), the records published twice, the claims
 * the payer answered more often than they were released (sent twice), and the table.
 */
final class ClusterFaults {

    /** One row of the cluster fault table. */
    record Row(
            String fault,
            long lost,
            long duplicated,
            long sentTwice,
            long publishedTwice,
            long moneyMismatches,
            long visitBreaches,
            long deadLetters,
            double recoverySeconds,
            double rowSeconds,
            String note) {}

    /** One record of an event topic, as far as telling a second publication of it goes. */
    record Published(String topic, String key, byte[] value) {}

    private ClusterFaults() {}

    /**
     * The node leading the most partitions of {@code leaders} (partition to leader node id; a partition without a
     * leader is -1 or null and counts for nobody); on a tie the lowest node id.
     *
     * @throws IllegalStateException when no partition has a leader
     */
    static int busiestLeader(Map<String, Integer> leaders) {
        Map<Integer, Integer> led = new TreeMap<>();
        leaders.values().forEach(node -> {
            if (node != null && node >= 0) {
                led.merge(node, 1, Integer::sum);
            }
        });
        return led.entrySet().stream()
                .max((a, b) -> a.getValue().equals(b.getValue())
                        ? Integer.compare(b.getKey(), a.getKey())
                        : Integer.compare(a.getValue(), b.getValue()))
                .map(Map.Entry::getKey)
                .orElseThrow(() -> new IllegalStateException("no partition has a leader: " + leaders));
    }

    /**
     * Records published more than once: the same topic, key and value bytes again (an outbox row sent a second time
     * carries the very bytes stored with it; two different events never do, each has its own event id and time).
     * Counts the extra copies.
     */
    static long publishedTwice(Collection<Published> records) {
        Set<String> seen = new HashSet<>();
        long twice = 0;
        for (Published r : records) {
            if (!seen.add(r.topic() + "\u0000" + r.key() + "\u0000" + sha256(r.value()))) {
                twice++;
            }
        }
        return twice;
    }

    /**
     * The claims of the prefix's encounters that the payer answered (a 999 or TA1 in the gateway, each from an
     * file of its own) more often than claim-service released them (SUBMITTED): a claim sent to its payer
     * twice. A claim is billed to one payer, a secondary payer gets a claim of its own, so this is per visit and
     * payer. The mirror of {@code VisitInvariants}' "released but never answered".
     */
    static Map<String, String> sentTwice(PipelineSnapshot.Databases databases, String prefix) throws Exception {
        Map<String, String> released = FaultInvariants.rows(
                databases,
                FaultInvariants.CLAIM,
                "SELECT h.claim_id, count(*)::text FROM claim_status_history h JOIN claim k ON k.claim_id = h.claim_id"
                        + " WHERE h.to_status = 'SUBMITTED' AND k.encounter_id LIKE '" + prefix + "%'"
                        + " GROUP BY h.claim_id");
        Map<String, String> answered = FaultInvariants.rows(
                databases,
                FaultInvariants.GATEWAY,
                // distinct files (sha256), not interchange rows: the same 999 taken from the payer's mailbox by two
                // instances would be one answer read twice, not a second send
                "SELECT e.claim_id, count(DISTINCT i.sha256)::text FROM claim_x12_event e"
                        + " JOIN interchange i ON i.id = e.interchange_id"
                        + " JOIN outbound_claim o ON o.claim_id = e.claim_id WHERE e.transaction_type IN ('999', 'TA1')"
                        + " AND o.encounter_id LIKE '" + prefix + "%' GROUP BY e.claim_id");
        return overAnswered(released, answered);
    }

    /** The claims answered more often than released, each with both counts. */
    static Map<String, String> overAnswered(Map<String, String> released, Map<String, String> answered) {
        Map<String, String> twice = new TreeMap<>();
        answered.forEach((claim, times) -> {
            long sent = Long.parseLong(released.getOrDefault(claim, "0"));
            if (Long.parseLong(times) > sent) {
                twice.put(claim, "released " + sent + " time(s), answered by the payer " + times + " times");
            }
        });
        return twice;
    }

    /** The table, in Markdown. */
    static String table(List<Row> rows) {
        StringBuilder t = new StringBuilder("| row | lost | duplicated | sent twice to the payer |"
                + " records published twice | money mismatches | per-visit breaches | dead letters added |"
                + " recovery s | row s | note |\n"
                + "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Row r : rows) {
            t.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %d | %d | %d | %d | %d | %d | %.1f | %.0f | %s |%n",
                    r.fault().replace("|", "/"),
                    r.lost(),
                    r.duplicated(),
                    r.sentTwice(),
                    r.publishedTwice(),
                    r.moneyMismatches(),
                    r.visitBreaches(),
                    r.deadLetters(),
                    r.recoverySeconds(),
                    r.rowSeconds(),
                    r.note().replace("|", "/").replace("\n", " ")));
        }
        return t.toString();
    }

    private static String sha256(byte[] value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value == null ? new byte[0] : value));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
