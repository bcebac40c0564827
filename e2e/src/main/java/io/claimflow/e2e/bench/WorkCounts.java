package io.claimflow.e2e.bench;

import io.claimflow.e2e.demo.PipelineSnapshot;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The work the stack did, counted rather than timed (issue 22): counts do not move with the machine's speed, so two
 * runs of different code compare by them even when the CPU figures are within the spread between runs. Read before
 * and after a run; the difference is the run's.
 *
 * @param offsetsProduced the event topics' end offsets summed (the records the services and the load produced, and
 *     the transaction markers their commits wrote)
 * @param offsetsCommitted the consumer groups' committed offsets on the event topics summed (the records consumed)
 * @param transactions PostgreSQL commits in the services' databases ({@code pg_stat_database})
 * @param indexEntries B-tree index entries written, an upper bound: rows inserted and non-HOT updates times the
 *     table's B-tree indexes (a partial index takes only the rows it covers)
 * @param walRecords PostgreSQL's write-ahead log records ({@code pg_stat_wal}, the whole server)
 */
public record WorkCounts(
        long offsetsProduced,
        long offsetsCommitted,
        long transactions,
        long rowsInserted,
        long rowsUpdated,
        long hotUpdates,
        long rowsDeleted,
        long indexEntries,
        long walRecords,
        long walBytes) {

    /** The services' databases. */
    static final String DATABASES = "claimflow%";

    // per table: rows written, and the index entries they cost at most
    private static final String TABLES = """
            SELECT coalesce(sum(s.n_tup_ins), 0), coalesce(sum(s.n_tup_upd), 0), coalesce(sum(s.n_tup_hot_upd), 0),
                   coalesce(sum(s.n_tup_del), 0),
                   coalesce(sum((s.n_tup_ins + s.n_tup_upd - s.n_tup_hot_upd) * b.indexes), 0)
            FROM pg_stat_user_tables s
            CROSS JOIN LATERAL (
                SELECT count(*) AS indexes FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                JOIN pg_am a ON a.oid = c.relam WHERE i.indrelid = s.relid AND a.amname = 'btree') b""";

    /** This run's counts: {@code this} read after it, less {@code before}. */
    public WorkCounts minus(WorkCounts before) {
        return new WorkCounts(
                offsetsProduced - before.offsetsProduced,
                offsetsCommitted - before.offsetsCommitted,
                transactions - before.transactions,
                rowsInserted - before.rowsInserted,
                rowsUpdated - before.rowsUpdated,
                hotUpdates - before.hotUpdates,
                rowsDeleted - before.rowsDeleted,
                indexEntries - before.indexEntries,
                walRecords - before.walRecords,
                walBytes - before.walBytes);
    }

    /** Kafka offsets per encounter, produced and consumed: what the broker and the clients carry for it. */
    public double offsetsPerEncounter(int encounters) {
        return encounters == 0 ? 0 : (offsetsProduced + offsetsCommitted) / (double) encounters;
    }

    /**
     * Reads the counts now: the end offsets given (the event topics'), the consumer groups' committed offsets on
     * them, and PostgreSQL's statistics in every database of the services.
     */
    static WorkCounts read(Admin admin, Map<TopicPartition, Long> endOffsets, PipelineSnapshot.Databases databases)
            throws Exception {
        return read(admin, endOffsets, databases, DATABASES);
    }

    /** As {@link #read(Admin, Map, PipelineSnapshot.Databases)}, in the databases whose names are LIKE this. */
    static WorkCounts read(
            Admin admin, Map<TopicPartition, Long> endOffsets, PipelineSnapshot.Databases databases, String like)
            throws Exception {
        long produced = endOffsets.values().stream().mapToLong(Long::longValue).sum();
        long committed = committed(admin, endOffsets.keySet());
        long[] postgres = new long[9];
        try (Connection first = connect(databases, "postgres")) {
            List<String> names = new ArrayList<>();
            try (PreparedStatement statement =
                    first.prepareStatement("SELECT datname, xact_commit FROM pg_stat_database WHERE datname LIKE ?")) {
                statement.setString(1, like);
                ResultSet rs = statement.executeQuery();
                while (rs.next()) {
                    names.add(rs.getString(1));
                    postgres[0] += rs.getLong(2);
                }
            }
            try (Statement statement = first.createStatement();
                    ResultSet rs = statement.executeQuery("SELECT wal_records, wal_bytes FROM pg_stat_wal")) {
                rs.next();
                postgres[6] = rs.getLong(1);
                postgres[7] = rs.getLong(2);
            }
            for (String name : names) {
                try (Connection c = connect(databases, name);
                        Statement statement = c.createStatement();
                        ResultSet rs = statement.executeQuery(TABLES)) {
                    rs.next();
                    for (int i = 0; i < 5; i++) {
                        postgres[1 + i] += rs.getLong(1 + i);
                    }
                }
            }
        }
        return new WorkCounts(
                produced,
                committed,
                postgres[0],
                postgres[1],
                postgres[2],
                postgres[3],
                postgres[4],
                postgres[5],
                postgres[6],
                postgres[7]);
    }

    private static long committed(Admin admin, Collection<TopicPartition> partitions) throws Exception {
        return committedOffsets(admin, Set.copyOf(partitions)).stream()
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    /** Every consumer group's committed offset on each of {@code partitions} it has one for. */
    static List<Map.Entry<TopicPartition, Long>> committedOffsets(Admin admin, Set<TopicPartition> partitions)
            throws Exception {
        List<Map.Entry<TopicPartition, Long>> committed = new ArrayList<>();
        for (GroupListing group : admin.listGroups().all().get(10, TimeUnit.SECONDS)) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group.groupId())
                    .partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS);
            for (Map.Entry<TopicPartition, OffsetAndMetadata> e : offsets.entrySet()) {
                if (e.getValue() != null && partitions.contains(e.getKey())) {
                    committed.add(Map.entry(e.getKey(), e.getValue().offset()));
                }
            }
        }
        return committed;
    }

    // the server's statistics are readable from any database; "postgres" is there on every server, else the first
    // database of the services is tried
    private static Connection connect(PipelineSnapshot.Databases databases, String database) throws SQLException {
        try {
            return DriverManager.getConnection(databases.url(database), databases.username(), databases.password());
        } catch (SQLException e) {
            if (!database.equals("postgres")) {
                throw e;
            }
            return DriverManager.getConnection(
                    databases.url("claimflow_claim"), databases.username(), databases.password());
        }
    }
}
