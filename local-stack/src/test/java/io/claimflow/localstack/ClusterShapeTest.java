package io.claimflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.claimflow.localstack.StackConfig.ServiceSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ./stack up --brokers 3 --instances 2}: names, ports, replication and the environment of each instance. */
class ClusterShapeTest {

    private static final Path ROOT = Path.of("/work/project");
    private static final StackConfig CLUSTER = StackConfig.parse(
            new String[] {"--brokers", "3", "--instances", "2", "--kafka-port", "19092", "--controller-port", "19093"},
            Map.of(),
            ROOT);

    @Test
    void oneBrokerAndOneInstanceKeepTheNamesAndPortsOfTheSingleStack() {
        StackConfig single = StackConfig.parse(new String[0], Map.of(), ROOT);

        assertThat(single.shape()).isEqualTo(ClusterShape.SINGLE);
        assertThat(single.brokerNodes())
                .containsExactly(
                        new StackConfig.BrokerNode(1, "kafka", 9092, 9093, ROOT.resolve(".local-stack/data/kafka")));
        assertThat(single.kafkaBootstrap()).isEqualTo("localhost:9092");
        assertThat(single.quorumVoters()).isEqualTo("1@127.0.0.1:9093");
        assertThat(single.serviceInstances())
                .extracting(StackConfig.ServiceInstance::name)
                .containsExactlyElementsOf(
                        single.services().stream().map(ServiceSpec::module).toList());
        assertThat(single.shape().replicationFactor()).isEqualTo((short) 1);
        assertThat(single.shape().minInsyncReplicas()).isEqualTo(1);
    }

    @Test
    void threeBrokersAreNumberedEachWithItsPortsAndDataAndEveryClientGetsAllOfThem() {
        assertThat(CLUSTER.brokerNodes())
                .extracting(
                        StackConfig.BrokerNode::name,
                        StackConfig.BrokerNode::port,
                        StackConfig.BrokerNode::controllerPort,
                        StackConfig.BrokerNode::data)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "kafka-1", 19092, 19093, ROOT.resolve(".local-stack/data/kafka-1")),
                        org.assertj.core.groups.Tuple.tuple(
                                "kafka-2", 19192, 19193, ROOT.resolve(".local-stack/data/kafka-2")),
                        org.assertj.core.groups.Tuple.tuple(
                                "kafka-3", 19292, 19293, ROOT.resolve(".local-stack/data/kafka-3")));
        assertThat(CLUSTER.kafkaBootstrap()).isEqualTo("localhost:19092,localhost:19192,localhost:19292");
        assertThat(CLUSTER.quorumVoters()).isEqualTo("1@127.0.0.1:19093,2@127.0.0.1:19193,3@127.0.0.1:19293");
        assertThat(CLUSTER.shape().replicationFactor()).isEqualTo((short) 3);
        assertThat(CLUSTER.shape().minInsyncReplicas()).isEqualTo(2);
        assertThat(ServiceEnvironment.registry(CLUSTER, "_schemas"))
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "localhost:19092,localhost:19192,localhost:19292");
    }

    @Test
    void eachServiceRunsTwiceOnItsOwnPortsSharingItsGroupAndDatabase() {
        List<StackConfig.ServiceInstance> claim = CLUSTER.serviceInstances().stream()
                .filter(i -> i.spec().module().equals("claim-service"))
                .toList();
        assertThat(claim)
                .extracting(StackConfig.ServiceInstance::name, i -> i.spec().port())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("claim-service-1", 8092),
                        org.assertj.core.groups.Tuple.tuple("claim-service-2", 8192));
        assertThat(CLUSTER.serviceInstances())
                .as("the payer simulator (the payer's stand-in, its mailbox in memory) runs once")
                .hasSize(2 * StackConfig.ALL_SERVICES.size() - 1)
                .extracting(StackConfig.ServiceInstance::name)
                .contains("payer-simulator")
                .doesNotContain("payer-simulator-2");

        Map<String, String> second = ServiceEnvironment.of(CLUSTER, claim.get(1), null);
        Map<String, String> first = ServiceEnvironment.of(CLUSTER, claim.get(0), null);
        assertThat(second)
                .containsEntry("SERVER_PORT", "8192")
                .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "localhost:19092,localhost:19192,localhost:19292")
                .containsEntry("CLAIMFLOW_KAFKA_REPLICATION_FACTOR", "3")
                .containsEntry("CLAIMFLOW_KAFKA_MIN_INSYNC_REPLICAS", "2")
                .containsEntry("SPRING_DATASOURCE_URL", first.get("SPRING_DATASOURCE_URL"))
                .doesNotContainKey("SPRING_KAFKA_CONSUMER_GROUP_ID"); // the group is the service's name, shared

        StackConfig.ServiceInstance ehr2 = CLUSTER.serviceInstances().stream()
                .filter(i -> i.name().equals("ehr-connector-2"))
                .findFirst()
                .orElseThrow();
        assertThat(ServiceEnvironment.of(CLUSTER, ehr2, null)).containsEntry("CLAIMFLOW_EHR_MLLP_PORT", "2675");
        StackConfig.ServiceInstance gateway2 = CLUSTER.serviceInstances().stream()
                .filter(i -> i.name().equals("adjudication-gateway-2"))
                .findFirst()
                .orElseThrow();
        assertThat(ServiceEnvironment.of(CLUSTER, gateway2, null))
                .as("calls go to the first instance of the service called")
                .containsEntry("PAYER_SIMULATOR_URL", "http://localhost:8095");
    }

    @Test
    void everyPortOfTheClusterIsKnownAndNoneTwice() {
        Map<String, Integer> ports = CLUSTER.ports();

        assertThat(ports)
                .containsEntry("kafka-3", 19292)
                .containsEntry("kafka-3 controller", 19293)
                .containsEntry("claim-service-2", 8192)
                .containsEntry("ehr-connector-1 MLLP", 2575)
                .containsEntry("ehr-connector-2 MLLP", 2675);
        assertThat(ports.values()).doesNotHaveDuplicates();
        assertThatThrownBy(
                        () -> StackConfig.parse(new String[] {"--instances", "2", "--port-step", "1"}, Map.of(), ROOT))
                .as("coding-service-2 would take claim-service's port")
                .isInstanceOf(StackConfig.UsageException.class)
                .hasMessageContaining("8092");
        assertThatThrownBy(() -> StackConfig.parse(new String[] {"--brokers", "9"}, Map.of(), ROOT))
                .isInstanceOf(StackConfig.UsageException.class)
                .hasMessageContaining("--brokers");
    }

    @Test
    void aNumberedNameBelongsToItsService() {
        List<String> modules = List.of("claim-service", "ehr-connector");

        assertThat(ClusterShape.moduleOf("claim-service-2", modules)).contains("claim-service");
        assertThat(ClusterShape.moduleOf("claim-service", modules)).contains("claim-service");
        assertThat(ClusterShape.moduleOf("kafka-2", modules)).isEmpty();
        assertThat(ClusterShape.moduleOf("claim-service-0", modules)).isEmpty();
        assertThat(ReplayCommand.serviceUrls(List.of(
                        new Endpoints.Endpoint("kafka-1", 1, "tcp:127.0.0.1:9092", "localhost:9092"),
                        new Endpoints.Endpoint(
                                "claim-service-1",
                                2,
                                "health:http://localhost:8092/actuator/health",
                                "http://localhost:8092"),
                        new Endpoints.Endpoint(
                                "claim-service-2",
                                3,
                                "health:http://localhost:8192/actuator/health",
                                "http://localhost:8192"))))
                .as("one instance per service: both would replay the same letters")
                .containsExactly(Map.entry("claim-service", "http://localhost:8092"));
    }
}
