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

/** A single-node KRaft broker (broker and controller in one JVM) and the commands that format and start it. */
final class KafkaBroker {

    static final String HOST = "127.0.0.1";
    static final String MAIN_CLASS = "kafka.Kafka";
    static final String STORAGE_TOOL = "kafka.tools.StorageTool";

    private KafkaBroker() {}

    /**
     * The broker's configuration. Listeners bind to the loopback address only; every internal topic has replication
     * factor 1, because there is one broker.
     */
    static Map<String, String> serverProperties(Path logDir, int port, int controllerPort, int partitions) {
        Map<String, String> p = new TreeMap<>();
        p.put("node.id", "1");
        p.put("process.roles", "broker,controller");
        p.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toAbsolutePath().toString());
        p.put("num.partitions", Integer.toString(partitions));
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        // fewer than the default 50 partitions: quicker first consumer group on 2 cores, plenty for one host
        p.put("offsets.topic.num.partitions", Integer.toString(partitions));
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", Integer.toString(partitions));
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
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
