package io.claimflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceRuntimeTest {

    @TempDir
    Path dir;

    @Test
    void recordsAnArchiveFirstKeepsItOnlyAfterACleanExitThenMapsIt() throws Exception {
        Path jar = dir.resolve("coding-service.jar");
        Files.writeString(jar, "not really a jar");
        ServiceRuntime runtime = new ServiceRuntime("coding-service", jar, dir.resolve("cache"));
        Path moduleDir = dir.resolve("cache/coding-service");
        Files.createDirectories(moduleDir);

        assertThat(runtime.launchArguments())
                .containsExactly(
                        "-XX:ArchiveClassesAtExit=" + moduleDir.resolve("app.jsa.new"),
                        "-jar",
                        moduleDir.resolve("app/coding-service.jar").toString());

        Files.writeString(moduleDir.resolve("app.jsa.new"), "half written");
        runtime.afterStop(false);
        assertThat(moduleDir.resolve("app.jsa.new")).doesNotExist();
        assertThat(moduleDir.resolve("app.jsa")).doesNotExist();

        Files.writeString(moduleDir.resolve("app.jsa.new"), "archive");
        runtime.afterStop(true);
        assertThat(moduleDir.resolve("app.jsa")).hasContent("archive");
        assertThat(runtime.launchArguments())
                .first()
                .isEqualTo("-XX:SharedArchiveFile=" + moduleDir.resolve("app.jsa"));
    }

    @Test
    void aJarSpringBootCannotExtractFallsBackToThePlainJar() throws Exception {
        Path jar = dir.resolve("plain.jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry("hello.txt"));
            zip.write("hello".getBytes());
        }
        ServiceRuntime runtime = new ServiceRuntime("plain", jar, dir.resolve("cache"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        assertThat(runtime.prepare(java, dir.resolve("extract.log"))).isFalse();
    }
}
