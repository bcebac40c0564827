package io.claimflow.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A KRaft node (broker and controller in one JVM), alone or one of a cluster, and the commands that format and
 * start it.
 */
final class KafkaBroker {

    static final String HOST = "127.0.0.1";
    static final String MAIN_CLASS = "kafka.Kafka";
    static final String STORAGE_TOOL = "kafka.tools.StorageTool";

    private KafkaBroker() {}

    /**
     * A node's configuration: broker and controller in one process (KRaft combined mode), listeners on the loopback
     * address only. The controller quorum is every node ({@code voters}, static), so a cluster of three keeps its
     * metadata with one node lost. Topics the broker creates by itself (consumer offsets, transaction state, and
     * any topic created without settings) get the cluster's replication factor and minimum in-sync replicas: 1 and 1
     * for one broker, 3 and 2 for three.
     */
    static Map<String, String> serverProperties(
            StackConfig.BrokerNode node, String voters, int partitions, ClusterShape shape) {
        String replicas = Integer.toString(shape.replicationFactor());
        String minIsr = Integer.toString(shape.minInsyncReplicas());
        Map<String, String> p = new TreeMap<>();
        p.put("node.id", Integer.toString(node.node()));
        p.put("process.roles", "broker,controller");
        p.put("controller.quorum.voters", voters);
        p.put(
                "listeners",
                "PLAINTEXT://" + HOST + ":" + node.port() + ",CONTROLLER://" + HOST + ":" + node.controllerPort());
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + node.port());
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", node.data().toAbsolutePath().toString());
        p.put("num.partitions", Integer.toString(partitions));
        p.put("default.replication.factor", replicas);
        p.put("min.insync.replicas", minIsr);
        p.put("offsets.topic.replication.factor", replicas);
        // fewer than the default 50 partitions: quicker first consumer group on 2 cores, plenty for one host
        p.put("offsets.topic.num.partitions", Integer.toString(partitions));
        p.put("transaction.state.log.replication.factor", replicas);
        p.put("transaction.state.log.min.isr", minIsr);
        p.put("transaction.state.log.num.partitions", Integer.toString(partitions));
        p.put("share.coordinator.state.topic.replication.factor", replicas);
        p.put("share.coordinator.state.topic.min.isr", minIsr);
        p.put("group.initial.rebalance.delay.ms", "0");
        // a replica is out of sync after 10 s without fetching (default 30 s): a killed broker leaves the ISR sooner
        p.put("replica.lag.time.max.ms", "10000");
        // index files of 1 MB instead of 10 (131,072 offsets, a segment's worth at the default index interval):
        // a partition's index is a sparse file mapped into memory, and the first write to it faults in as much of
        // the file as the disk's read-ahead (8 MB on this project's machines): 10 MB of zeroes per index file
        p.put("log.index.size.max.bytes", "1048576");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", shape.brokers() > 1 ? "2" : "4");
        return p;
    }

    static void write(Map<String, String> properties, Path file) {
        try {
            Files.createDirectories(file.getParent());
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                out.write("# written by the ClaimFlow local stack on every start; edit StackConfig options instead\n");
                for (Map.Entry<String, String> e : properties.entrySet()) {
                    out.write(e.getKey() + "=" + e.getValue().replace("\\", "\\\\") + "\n");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Formatting writes meta.properties into the log directory; a directory that has one keeps its cluster. */
    static boolean isFormatted(Path logDir) {
        return Files.exists(logDir.resolve("meta.properties"));
    }

    /**
     * The cluster id a formatted log directory belongs to: the nodes of one cluster must share it, so a node whose
     * directory is new (or was wiped) is formatted with its peers' id.
     */
    static java.util.Optional<String> clusterId(Path logDir) {
        Path meta = logDir.resolve("meta.properties");
        if (!Files.exists(meta)) {
            return java.util.Optional.empty();
        }
        java.util.Properties p = new java.util.Properties();
        try (var in = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + meta, e);
        }
        return java.util.Optional.ofNullable(p.getProperty("cluster.id")).filter(id -> !id.isBlank());
    }

    static List<String> formatCommand(List<String> java, String clusterId, Path serverProperties) {
        List<String> command = new ArrayList<>(java);
        command.addAll(List.of(
                STORAGE_TOOL, "format", "-t", clusterId, "-c", serverProperties.toString(), "--ignore-formatted"));
        return command;
    }

    static List<String> startCommand(List<String> java, Path serverProperties) {
        List<String> command = new ArrayList<>(java);
        command.addAll(List.of(MAIN_CLASS, serverProperties.toString()));
        return command;
    }

    /** The launcher's admin client: short timeouts, it only checks the broker and creates topics. */
    static java.util.Properties adminProperties(String bootstrap) {
        java.util.Properties p = new java.util.Properties();
        p.put(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(org.apache.kafka.clients.admin.AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        p.put(org.apache.kafka.clients.admin.AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30000);
        p.put(org.apache.kafka.clients.admin.AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        return p;
    }
}
