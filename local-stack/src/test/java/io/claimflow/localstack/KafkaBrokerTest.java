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
        KafkaBroker.write(KafkaBroker.serverProperties(logDir, 19092, 19093, 12), file);

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
