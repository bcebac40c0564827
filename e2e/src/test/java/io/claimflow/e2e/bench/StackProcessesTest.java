package io.claimflow.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackProcessesTest {

    @Test
    void readsTheLauncherAndEveryPidFileInStartOrderOnlyWhileAlive(@TempDir Path run) throws Exception {
        Files.writeString(run.resolve("launcher.lock"), "100 io.claimflow.localstack.LocalStack\n");
        Files.writeString(run.resolve("05-claim-service.pid"), "150 TERM -Dclaimflow.stack=/x\n");
        Files.writeString(run.resolve("01-postgres.pid"), "110 TERM -Dclaimflow.stack=/x\n");
        Files.writeString(run.resolve("02-postmaster.pid"), "111 INT /x/data/postgres\n");
        Files.writeString(run.resolve("03-kafka.pid"), "120 TERM -Dclaimflow.stack=/x\n");
        Files.writeString(run.resolve("04-ehr-connector.pid"), "140 TERM -Dclaimflow.stack=/x\n");
        Files.writeString(run.resolve("endpoints.tsv"), "kafka\t120\ttcp:127.0.0.1:9092\tx\n");

        var processes = StackProcesses.read(run, pid -> pid != 140);

        assertThat(processes)
                .containsExactly(
                        java.util.Map.entry("launcher", 100L),
                        java.util.Map.entry("postgres", 110L),
                        java.util.Map.entry("postmaster", 111L),
                        java.util.Map.entry("kafka", 120L),
                        java.util.Map.entry("claim-service", 150L));
    }

    @Test
    void namesComeFromTheFileWithoutTheOrder() {
        assertThat(StackProcesses.name("07-adjudication-gateway.pid")).isEqualTo("adjudication-gateway");
        assertThat(StackProcesses.name("schema-registry.pid")).isEqualTo("schema-registry");
    }
}
