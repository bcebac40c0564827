package io.claimflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker/service-entrypoint.sh, the images' start (no Docker engine here, so the script itself, with the JDK 25 the
 * machine has, on a small jar that runs until it is stopped): the first run records the AOT cache when it is stopped
 * and keeps it under the jar's id, dropping the service's older caches; the next run maps it; a directory that cannot
 * be written to runs the jar without a cache. Skipped where no Java 25 or later is installed.
 */
class ServiceEntrypointTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path SCRIPT = ROOT.resolve("docker/service-entrypoint.sh");
    private static final Pattern UP = Pattern.compile("(?m)^up -?\\d+$");

    @TempDir
    Path dir;

    private Path jdk;
    private Path jar;

    @BeforeEach
    void serviceOnJava25() throws Exception {
        jdk = java25().orElse(null);
        assumeTrue(jdk != null, "no Java 25 or later under /usr/lib/jvm or /opt/java");
        jar = serviceJar();
    }

    @Test
    void theFirstStopRecordsTheCacheAndTheNextStartMapsIt() throws Exception {
        Path aot = Files.createDirectories(dir.resolve("aot"));
        Files.writeString(aot.resolve("demo-service-0000000000000000.aot"), "an earlier image's cache");

        Run first = run(aot);
        assertThat(first.exit()).as(first.output()).isEqualTo(143);
        assertThat(first.output()).contains("AOTCache creation is complete");
        assertThat(aot.resolve("demo-service-1234abcd.aot")).isNotEmptyFile();
        try (Stream<Path> files = Files.list(aot)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("the earlier image's cache and the side name are gone")
                    .containsExactly("demo-service-1234abcd.aot");
        }

        Run second = run(aot);
        assertThat(second.exit()).as(second.output()).isEqualTo(143);
        assertThat(second.command()).contains("-XX:AOTCache=" + aot.resolve("demo-service-1234abcd.aot"));
        assertThat(second.output()).doesNotContain("AOTCache creation").doesNotContain("[error");
    }

    @Test
    void withoutAWritableDirectoryTheServiceRunsWithoutACache() throws Exception {
        Run run = run(dir.resolve("missing"));
        assertThat(run.exit()).as(run.output()).isEqualTo(143);
        assertThat(run.command()).doesNotContain("AOTCache");
    }

    @Test
    void jvmOptionsThatChooseClassDataSharingThemselvesWin() throws Exception {
        Path aot = Files.createDirectories(dir.resolve("aot"));
        // with -XX:AOTCacheOutput added the JVM would refuse to start
        Run run = run(aot, "-Xshare:off");
        assertThat(run.exit()).as(run.output()).isEqualTo(143);
        assertThat(run.command()).contains("-Xshare:off").doesNotContain("AOTCache");
    }

    private record Run(int exit, String command, String output) {}

    // the script as the image runs it, stopped as docker stop does (SIGTERM) once the service is up
    private Run run(Path aot) throws Exception {
        return run(aot, "-XX:+ExitOnOutOfMemoryError");
    }

    private Run run(Path aot, String javaOpts) throws Exception {
        Path log = Files.createTempFile(dir, "run", ".log");
        ProcessBuilder builder = new ProcessBuilder("sh", SCRIPT.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("PATH", jdk.resolve("bin") + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("JAVA_OPTS", javaOpts);
        env.put("CLAIMFLOW_APP_JAR", jar.toString());
        env.put("CLAIMFLOW_AOT_DIR", aot.toString());
        Process script = builder.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!UP.matcher(Files.readString(log)).find() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        String command = script.descendants()
                .map(p -> p.info().commandLine().orElse(""))
                .filter(c -> c.contains(jar.toString()))
                .findFirst()
                .orElse(script.info().commandLine().orElse(""));
        script.destroy(); // SIGTERM to the script, which passes it on while it records
        if (!script.waitFor(120, TimeUnit.SECONDS)) {
            script.destroyForcibly();
        }
        script.descendants().forEach(ProcessHandle::destroyForcibly);
        return new Run(script.exitValue(), command, Files.readString(log));
    }

    // a service stand-in: does some work (classes and methods for the cache), says "up", runs until stopped
    private Path serviceJar() throws IOException, InterruptedException {
        Path src = Files.writeString(dir.resolve("Demo.java"), """
                public class Demo {
                    public static void main(String[] args) throws Exception {
                        long sum = 0;
                        for (int i = 0; i < 200_000; i++) {
                            sum += String.valueOf(i).hashCode();
                        }
                        System.out.println("up " + sum);
                        Thread.sleep(600_000);
                    }
                }
                """);
        exec(jdk.resolve("bin/javac").toString(), "-d", dir.toString(), src.toString());
        Files.writeString(dir.resolve("manifest.txt"), "Main-Class: Demo\n");
        Path jar = dir.resolve("app.jar");
        exec(
                jdk.resolve("bin/jar").toString(),
                "cfm",
                jar.toString(),
                dir.resolve("manifest.txt").toString(),
                "-C",
                dir.toString(),
                "Demo.class");
        // as the image's build writes it: the service's name and the jar's checksum
        Files.writeString(dir.resolve("app.id"), "demo-service-1234abcd\n");
        return jar;
    }

    private static void exec(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).inheritIO().start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0)
                .as(String.join(" ", command))
                .isTrue();
    }

    private static Optional<Path> java25() throws IOException {
        for (Path parent : List.of(Path.of("/usr/lib/jvm"), Path.of("/opt/java"))) {
            if (!Files.isDirectory(parent)) {
                continue;
            }
            try (Stream<Path> homes = Files.list(parent)) {
                Optional<Path> found = homes.filter(h -> Files.isExecutable(h.resolve("bin/javac")))
                        .filter(h -> feature(h) >= ServiceRuntime.AOT_CACHE_RELEASE)
                        .findFirst();
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static int feature(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=\"")) {
                    String version = line.substring("JAVA_VERSION=\"".length());
                    return Integer.parseInt(version.replaceAll("[^0-9].*", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
