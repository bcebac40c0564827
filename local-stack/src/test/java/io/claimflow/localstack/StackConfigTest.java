package io.claimflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.claimflow.localstack.StackConfig.ServiceSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackConfigTest {

    private static final Path ROOT = Path.of("/work/project");

    @Test
    void serviceJavaOptionsThatChooseClassDataSharingThemselvesTurnTheLaunchersArchivesOff() {
        // the JVM refuses to start with -XX:AOTCacheOutput (or -XX:AOTCache) beside any of these (Java 25: "Option
        // AOTCacheOutput cannot be used at the same time with -Xshare:on, -Xshare:auto, -Xshare:off, ..."), so every
        // service would fail to start; the operator's choice wins, as in the images' entrypoint
        for (String opts : List.of(
                "-Xmx512m -Xshare:off",
                "-Xshare:auto",
                "-XX:SharedArchiveFile=/tmp/app.jsa",
                "-XX:ArchiveClassesAtExit=/tmp/app.jsa",
                "-XX:AOTCache=/tmp/app.aot",
                "-XX:AOTMode=off",
                "-XX:AOTCacheOutput=/tmp/app.aot")) {
            assertThat(StackConfig.parse(new String[] {"--service-java-opts", opts}, Map.of(), ROOT)
                            .classDataSharing())
                    .as(opts)
                    .isFalse();
        }
        assertThat(StackConfig.parse(new String[0], Map.of("CLAIMFLOW_SERVICE_JAVA_OPTS", "-Xshare:off"), ROOT)
                        .classDataSharing())
                .isFalse();
        assertThat(StackConfig.parse(new String[] {"--service-java-opts", "-Xmx1g -XX:+UseG1GC"}, Map.of(), ROOT)
                        .classDataSharing())
                .isTrue();
    }

    @Test
    void defaultsFollowTheAgreedPortsAndKeepEverythingUnderOneHome() {
        StackConfig c = StackConfig.parse(new String[0], Map.of(), ROOT);

        assertThat(c.kafkaPort()).isEqualTo(9092);
        assertThat(c.controllerPort()).isEqualTo(9093);
        assertThat(c.postgresPort()).isEqualTo(5432);
        assertThat(c.registryPort()).isEqualTo(8081);
        assertThat(c.partitions()).isEqualTo(12);
        assertThat(c.services())
                .extracting(ServiceSpec::module, ServiceSpec::port)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("coding-service", 8091),
                        org.assertj.core.groups.Tuple.tuple("claim-service", 8092),
                        org.assertj.core.groups.Tuple.tuple("adjudication-gateway", 8093),
                        org.assertj.core.groups.Tuple.tuple("patient-billing-service", 8094),
                        org.assertj.core.groups.Tuple.tuple("ehr-connector", 8096),
                        org.assertj.core.groups.Tuple.tuple("ops-console", 8097),
                        org.assertj.core.groups.Tuple.tuple("payer-simulator", 8095));
        assertThat(c.home()).isEqualTo(ROOT.resolve(".local-stack"));
        assertThat(c.kafkaData()).isEqualTo(ROOT.resolve(".local-stack/data/kafka"));
        assertThat(c.postgresData()).isEqualTo(ROOT.resolve(".local-stack/data/postgres"));
        assertThat(c.logs()).isEqualTo(ROOT.resolve(".local-stack/logs"));
        assertThat(c.services().get(0).jar(c.projectDir()))
                .isEqualTo(ROOT.resolve("coding-service/target/coding-service.jar"));
        assertThat(c.jdbcUrl("claimflow_claim")).isEqualTo("jdbc:postgresql://localhost:5432/claimflow_claim");
    }

    @Test
    void commandLineBeatsEnvironmentWhichBeatsDefaults() {
        Map<String, String> env = Map.of(
                "KAFKA_PORT",
                "19092",
                "CODING_SERVICE_PORT",
                "18091",
                "POSTGRES_PORT",
                "15432",
                "CLAIMFLOW_STACK_DATA",
                "/elsewhere/data");
        StackConfig c =
                StackConfig.parse(new String[] {"--kafka-port", "29092", "--claim-service-port=28092"}, env, ROOT);

        assertThat(c.kafkaPort()).isEqualTo(29092);
        assertThat(c.postgresPort()).isEqualTo(15432);
        assertThat(c.services().get(0).port()).isEqualTo(18091);
        assertThat(c.services().get(1).port()).isEqualTo(28092);
        assertThat(c.dataDir()).isEqualTo(Path.of("/elsewhere/data"));
        assertThat(c.kafkaBootstrap()).isEqualTo("localhost:29092");
    }

    @Test
    void noServicesOrASelection() {
        assertThat(StackConfig.parse(new String[] {"--no-services"}, Map.of(), ROOT)
                        .services())
                .isEmpty();
        assertThat(StackConfig.parse(new String[0], Map.of("CLAIMFLOW_STACK_NO_SERVICES", "true"), ROOT)
                        .services())
                .isEmpty();
        assertThat(StackConfig.parse(new String[] {"--services", "payer-simulator,coding-service"}, Map.of(), ROOT)
                        .services())
                .extracting(ServiceSpec::module)
                .containsExactly("coding-service", "payer-simulator");
    }

    @Test
    void rejectsWhatItDoesNotUnderstand() {
        assertThatThrownBy(() -> StackConfig.parse(new String[] {"--kafka-prot", "1"}, Map.of(), ROOT))
                .isInstanceOf(StackConfig.UsageException.class)
                .hasMessageContaining("--kafka-prot");
        assertThatThrownBy(() -> StackConfig.parse(new String[] {"--services", "billing"}, Map.of(), ROOT))
                .isInstanceOf(StackConfig.UsageException.class)
                .hasMessageContaining("billing");
        assertThatThrownBy(() -> StackConfig.parse(new String[] {"--registry-port", "9092"}, Map.of(), ROOT))
                .isInstanceOf(StackConfig.UsageException.class)
                .hasMessageContaining("9092");
        assertThatThrownBy(() -> StackConfig.parse(new String[] {"--partitions", "0"}, Map.of(), ROOT))
                .isInstanceOf(StackConfig.UsageException.class);
    }

    @Test
    void payerBehavioursGoToTheSimulatorsEnvironment() {
        assertThat(StackConfig.parse(new String[0], Map.of(), ROOT).payerSimulatorEnv())
                .isEmpty();
        assertThat(StackConfig.parse(new String[] {"--payer-behaviours", "all"}, Map.of(), ROOT)
                        .payerSimulatorEnv())
                .containsExactly(Map.entry("PAYERSIMULATOR_BEHAVIOURS_ENABLED", "all"));
        assertThat(StackConfig.parse(
                                new String[] {"--payer-behaviours=reversal, pend"},
                                Map.of("CLAIMFLOW_PAYER_BEHAVIOURS", "all"),
                                ROOT)
                        .payerSimulatorEnv())
                .containsExactly(Map.entry("PAYERSIMULATOR_BEHAVIOURS_ENABLED", "reversal,pend"));
        assertThat(StackConfig.parse(new String[0], Map.of("CLAIMFLOW_PAYER_BEHAVIOURS", "ta1"), ROOT)
                        .payerSimulatorEnv())
                .containsExactly(Map.entry("PAYERSIMULATOR_BEHAVIOURS_ENABLED", "ta1"));
        assertThatThrownBy(
                        () -> StackConfig.parse(new String[] {"--payer-behaviours", "reversal;pend"}, Map.of(), ROOT))
                .isInstanceOf(StackConfig.UsageException.class)
                .hasMessageContaining("--payer-behaviours");
    }
}
