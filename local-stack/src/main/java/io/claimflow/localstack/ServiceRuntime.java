package io.claimflow.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a service jar the way that starts fastest on a small machine: extracted once with Spring Boot's jar mode
 * tools (classes load from plain jars, not jars nested in a jar), with a class data sharing archive. The first run
 * (the training run) records the archive when the service stops; later runs map it. On Java 17 to 24 that is AppCDS
 * ({@code -XX:ArchiveClassesAtExit}, then {@code -XX:SharedArchiveFile}); on Java 25 and later the AOT cache
 * ({@code -XX:AOTCacheOutput}, then {@code -XX:AOTCache}: classes loaded and linked ahead of time and the training
 * run's method profiles, JEP 483 / 514 / 515). Writing the archive at exit takes CPU seconds, so a recording service
 * gets a longer grace to stop ({@link #stopGrace()}). A new jar (size or time changed) or another JVM starts over.
 * Anything that goes wrong falls back to {@code java -jar <jar>}.
 */
final class ServiceRuntime {

    private static final String STAMP = "stamp";
    /** The first Java release with the AOT cache's one-step training ({@code -XX:AOTCacheOutput}, JEP 514). */
    static final int AOT_CACHE_RELEASE = 25;

    /** How long a service may take to stop; one writing its archive at exit gets {@link #RECORDING_GRACE}. */
    static final Duration STOP_GRACE = Duration.ofSeconds(30);

    /**
     * Seven services writing their archives at once on two busy cores took more than 30 s (and were killed, so no
     * archive was ever kept): a recording service gets three minutes.
     */
    static final Duration RECORDING_GRACE = Duration.ofSeconds(180);

    private final Path jar;
    private final Path dir;
    private final String module;
    private final boolean aotCache;
    private volatile boolean recording;

    ServiceRuntime(String module, Path jar, Path cacheRoot) {
        this(module, jar, cacheRoot, Runtime.version().feature());
    }

    /** {@code javaRelease}: the feature release of the JVM that runs the service (the launcher's own). */
    ServiceRuntime(String module, Path jar, Path cacheRoot, int javaRelease) {
        this.module = module;
        this.jar = jar;
        this.dir = cacheRoot.resolve(module);
        this.aotCache = javaRelease >= AOT_CACHE_RELEASE;
    }

    /**
     * Extracts the jar unless the cache already holds this very jar; returns false (use the plain jar) when the
     * extraction fails. Takes a JVM start the first time, nothing afterwards.
     */
    boolean prepare(String javaBin, Path log) {
        try {
            String stamp = stampOf(jar);
            Path stampFile = dir.resolve(STAMP);
            if (Files.exists(stampFile)
                    && Files.readString(stampFile).equals(stamp)
                    && Files.isRegularFile(extractedJar())) {
                return true;
            }
            deleteTree(dir);
            Files.createDirectories(dir);
            Process p = new ProcessBuilder(
                            javaBin,
                            "-XX:TieredStopAtLevel=1",
                            "-Djarmode=tools",
                            "-jar",
                            jar.toString(),
                            "extract",
                            "--destination",
                            dir.resolve("app").toString(),
                            "--force")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            p.getOutputStream().close();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            if (p.exitValue() != 0 || !Files.isRegularFile(extractedJar())) {
                return false;
            }
            Files.writeString(stampFile, stamp);
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The JVM options and {@code -jar} arguments for a prepared service. */
    List<String> launchArguments() {
        return launchArguments(true);
    }

    /**
     * The JVM options and {@code -jar} arguments; {@code record} false: without an archive yet, run without one
     * rather than record it (another instance of the service records it).
     */
    List<String> launchArguments(boolean record) {
        List<String> args = new ArrayList<>();
        Path archive = dir.resolve(archive());
        recording = false;
        if (Files.isRegularFile(archive)) {
            args.add((aotCache ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + archive);
        } else if (record) {
            // written at exit to a side name: a service killed mid-dump must not leave a broken archive behind
            args.add((aotCache ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + dir.resolve(newArchive()));
            recording = true;
        }
        args.add("-jar");
        args.add(extractedJar().toString());
        return args;
    }

    /**
     * The command to start the service again ({@code ./stack start} after a kill or stop): the first start's command
     * with this runtime's arguments chosen anew, so that it maps an archive written since, or records one with the
     * recording grace to stop ({@link #stopGrace()}) rather than writing one at exit under the usual 30 s.
     */
    List<String> relaunch(List<String> command) {
        List<String> kept = command.stream().filter(a -> !archiveOption(a)).toList();
        int jarAt = kept.indexOf("-jar");
        if (jarAt < 0 || jarAt + 1 >= kept.size()) {
            return command;
        }
        List<String> again = new ArrayList<>(kept.subList(0, jarAt));
        again.addAll(launchArguments(true));
        again.addAll(kept.subList(jarAt + 2, kept.size()));
        return again;
    }

    /** Whether a JVM argument names a class data archive or AOT cache to map or to write (the launcher adds these). */
    static boolean archiveOption(String arg) {
        return Stream.of("-XX:SharedArchiveFile=", "-XX:ArchiveClassesAtExit=", "-XX:AOTCache=", "-XX:AOTCacheOutput=")
                .anyMatch(arg::startsWith);
    }

    /** How long to wait for the service to stop before killing it: longer while it writes its archive at exit. */
    Duration stopGrace() {
        return recording ? RECORDING_GRACE : STOP_GRACE;
    }

    /** After the service has stopped: keep an archive it wrote on a clean exit, drop anything else. */
    void afterStop(boolean cleanExit) {
        Path fresh = dir.resolve(newArchive());
        recording = false;
        try {
            if (Files.exists(fresh)) {
                if (cleanExit && Files.size(fresh) > 0) {
                    Files.move(fresh, dir.resolve(archive()), StandardCopyOption.REPLACE_EXISTING);
                } else {
                    Files.delete(fresh);
                }
            }
        } catch (IOException e) {
            // next start records it again
        }
    }

    String module() {
        return module;
    }

    private String archive() {
        return aotCache ? "app.aot" : "app.jsa";
    }

    private String newArchive() {
        return archive() + ".new";
    }

    private Path extractedJar() {
        return dir.resolve("app").resolve(jar.getFileName());
    }

    /** The jar's size and time, and the JVM: an archive is only good for the classes and JVM it was made with. */
    static String stampOf(Path jar) throws IOException {
        return Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis() + " " + System.getProperty("java.home")
                + " " + System.getProperty("java.vm.version");
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
