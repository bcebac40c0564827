package io.claimflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class JavaCommandsTest {

    private final JavaCommands commands = new JavaCommands(
            "/jdk/bin/java",
            "-Dclaimflow.localstack.home=/h",
            Path.of("/h/logs"),
            "lib/a.jar" + File.pathSeparator + File.pathSeparator + "/abs/b.jar");

    @Test
    void aServiceJvmIsJavaItsOptionsAndTheStacksMarker() {
        assertThat(commands.java("  -Xmx256m   -XX:+UseSerialGC "))
                .containsExactly("/jdk/bin/java", "-Xmx256m", "-XX:+UseSerialGC", "-Dclaimflow.localstack.home=/h");
        assertThat(commands.java("")).containsExactly("/jdk/bin/java", "-Dclaimflow.localstack.home=/h");
    }

    @Test
    void anInfrastructureJvmRunsOnTheLaunchersClasspathMadeAbsoluteWithTheChildrensLogging() {
        String absoluteA = Path.of("lib/a.jar").toAbsolutePath().toString();

        assertThat(commands.withClasspath("-Xmx512m"))
                .containsExactly(
                        "/jdk/bin/java",
                        "-Xmx512m",
                        "-Dclaimflow.localstack.home=/h",
                        "-Dlog4j2.configurationFile=" + JavaCommands.CHILD_LOG_CONFIG,
                        "-Dkafka.logs.dir=/h/logs",
                        "-cp",
                        absoluteA + File.pathSeparator + "/abs/b.jar");
    }
}
