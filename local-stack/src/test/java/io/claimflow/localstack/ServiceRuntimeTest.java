package io.claimflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        ServiceRuntime runtime = new ServiceRuntime("coding-service", jar, dir.resolve("cache"), 17);
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
    void onJava25TheTrainingRunWritesAnAotCacheAndGetsLongerToStop() throws Exception {
        Path jar = dir.resolve("claim-service.jar");
        Files.writeString(jar, "not really a jar");
        ServiceRuntime runtime = new ServiceRuntime("claim-service", jar, dir.resolve("cache"), 25);
        Path moduleDir = dir.resolve("cache/claim-service");
        Files.createDirectories(moduleDir);

        assertThat(runtime.launchArguments())
                .containsExactly(
                        "-XX:AOTCacheOutput=" + moduleDir.resolve("app.aot.new"),
                        "-jar",
                        moduleDir.resolve("app/claim-service.jar").toString());
        assertThat(runtime.stopGrace()).isEqualTo(ServiceRuntime.RECORDING_GRACE);

        Files.writeString(moduleDir.resolve("app.aot.new"), "cache");
        runtime.afterStop(true);
        assertThat(moduleDir.resolve("app.aot")).hasContent("cache");
        assertThat(runtime.launchArguments()).first().isEqualTo("-XX:AOTCache=" + moduleDir.resolve("app.aot"));
        assertThat(runtime.stopGrace()).isEqualTo(ServiceRuntime.STOP_GRACE);
        // a second instance neither maps a missing cache nor writes one, and stops in the usual time
        Files.delete(moduleDir.resolve("app.aot"));
        assertThat(runtime.launchArguments(false)).first().isEqualTo("-jar");
        assertThat(runtime.stopGrace()).isEqualTo(ServiceRuntime.STOP_GRACE);
    }

    @Test
    void aServiceStartedAgainAfterAKillRecordsWithItsLongGraceOrMapsTheArchiveWrittenSince() throws Exception {
        Path jar = dir.resolve("claim-service.jar");
        Files.writeString(jar, "not really a jar");
        ServiceRuntime runtime = new ServiceRuntime("claim-service", jar, dir.resolve("cache"), 17);
        Path moduleDir = dir.resolve("cache/claim-service");
        Files.createDirectories(moduleDir);
        List<String> first = new ArrayList<>(List.of("java", "-Xmx512m"));
        first.addAll(runtime.launchArguments());
        first.add("--spring.profiles.active=local");

        // kill -9 while recording: the next start records again, and so needs the recording grace to stop
        runtime.afterStop(false);
        assertThat(runtime.stopGrace()).isEqualTo(ServiceRuntime.STOP_GRACE);
        assertThat(runtime.relaunch(first))
                .containsExactly(
                        "java",
                        "-Xmx512m",
                        "-XX:ArchiveClassesAtExit=" + moduleDir.resolve("app.jsa.new"),
                        "-jar",
                        moduleDir.resolve("app/claim-service.jar").toString(),
                        "--spring.profiles.active=local");
        assertThat(runtime.stopGrace()).isEqualTo(ServiceRuntime.RECORDING_GRACE);

        // once an archive is kept, a start again maps it rather than recording over it
        Files.writeString(moduleDir.resolve("app.jsa.new"), "archive");
        runtime.afterStop(true);
        assertThat(runtime.relaunch(first))
                .containsExactly(
                        "java",
                        "-Xmx512m",
                        "-XX:SharedArchiveFile=" + moduleDir.resolve("app.jsa"),
                        "-jar",
                        moduleDir.resolve("app/claim-service.jar").toString(),
                        "--spring.profiles.active=local");
        assertThat(runtime.stopGrace()).isEqualTo(ServiceRuntime.STOP_GRACE);
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
