package io.claimflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerTest {

    @TempDir
    Path dir;

    @Test
    void singleNodeKraftWithLoopbackListenersAndReplicationFactorOne() throws Exception {
        Path logDir = dir.resolve("data dir/kafka");
        Path file = dir.resolve("server.properties");
        KafkaBroker.write(
                KafkaBroker.serverProperties(
                        new StackConfig.BrokerNode(1, "kafka", 19092, 19093, logDir),
                        "1@127.0.0.1:19093",
                        12,
                        ClusterShape.SINGLE),
                file);

        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        }
        assertThat(p.getProperty("process.roles")).isEqualTo("broker,controller");
        assertThat(p.getProperty("listeners")).isEqualTo("PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093");
        assertThat(p.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://127.0.0.1:19092");
        assertThat(p.getProperty("controller.quorum.voters")).isEqualTo("1@127.0.0.1:19093");
        assertThat(p.getProperty("controller.listener.names")).isEqualTo("CONTROLLER");
        assertThat(p.getProperty("log.dirs"))
                .as("path survives properties escaping")
                .isEqualTo(logDir.toString());
        assertThat(p.getProperty("num.partitions")).isEqualTo("12");
        for (String key : List.of(
                "offsets.topic.replication.factor",
                "transaction.state.log.replication.factor",
                "transaction.state.log.min.isr",
                "share.coordinator.state.topic.replication.factor",
                "default.replication.factor")) {
            assertThat(p.getProperty(key)).as(key).isEqualTo("1");
        }
        assertThat(p.getProperty("min.insync.replicas")).isEqualTo("1");
    }

    @Test
    void threeNodesFormOneQuorumAndReplicateEverythingThreeTimesWithTwoInSync() throws Exception {
        StackConfig config = StackConfig.parse(
                new String[] {"--brokers", "3", "--kafka-port", "19092", "--controller-port", "19093"},
                java.util.Map.of(),
                dir);
        StackConfig.BrokerNode second = config.brokerNodes().get(1);
        Path file = dir.resolve("kafka-2-server.properties");
        KafkaBroker.write(KafkaBroker.serverProperties(second, config.quorumVoters(), 12, config.shape()), file);

        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        }
        assertThat(p.getProperty("node.id")).isEqualTo("2");
        assertThat(p.getProperty("controller.quorum.voters"))
                .isEqualTo("1@127.0.0.1:19093,2@127.0.0.1:19193,3@127.0.0.1:19293");
        assertThat(p.getProperty("listeners")).isEqualTo("PLAINTEXT://127.0.0.1:19192,CONTROLLER://127.0.0.1:19193");
        assertThat(p.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://127.0.0.1:19192");
        assertThat(p.getProperty("log.dirs"))
                .isEqualTo(dir.resolve(".local-stack/data/kafka-2").toString());
        for (String key : List.of(
                "default.replication.factor",
                "offsets.topic.replication.factor",
                "transaction.state.log.replication.factor",
                "share.coordinator.state.topic.replication.factor")) {
            assertThat(p.getProperty(key)).as(key).isEqualTo("3");
        }
        for (String key : List.of(
                "min.insync.replicas", "transaction.state.log.min.isr", "share.coordinator.state.topic.min.isr")) {
            assertThat(p.getProperty(key)).as(key).isEqualTo("2");
        }
    }

    @Test
    void aNewNodeJoinsTheClusterIdItsPeersWereFormattedWith() throws Exception {
        assertThat(KafkaBroker.clusterId(dir)).isEmpty();
        Files.writeString(dir.resolve("meta.properties"), "#\nnode.id=1\ncluster.id=Q2xhaW1GbG93\nversion=1\n");
        assertThat(KafkaBroker.clusterId(dir)).contains("Q2xhaW1GbG93");
    }

    @Test
    void formatsOnlyAnEmptyLogDirectory() throws Exception {
        assertThat(KafkaBroker.isFormatted(dir)).isFalse();
        Files.writeString(dir.resolve("meta.properties"), "cluster.id=x\n");
        assertThat(KafkaBroker.isFormatted(dir)).isTrue();
    }

    @Test
    void commandsRunTheStorageToolAndTheBrokerMainClass() {
        List<String> java = List.of("java", "-cp", "cp");
        Path props = dir.resolve("server.properties");
        assertThat(KafkaBroker.formatCommand(java, "abc", props))
                .containsExactly(
                        "java",
                        "-cp",
                        "cp",
                        "kafka.tools.StorageTool",
                        "format",
                        "-t",
                        "abc",
                        "-c",
                        props.toString(),
                        "--ignore-formatted");
        assertThat(KafkaBroker.startCommand(java, props))
                .containsExactly("java", "-cp", "cp", "kafka.Kafka", props.toString());
    }
}
