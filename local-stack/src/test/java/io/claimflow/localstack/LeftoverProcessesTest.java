package io.claimflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What keeps children from outliving the launcher: pid files read by the next start, and the reaper that acts when
 * the launcher dies. Uses {@code sleep} processes as stand-in children.
 */
class LeftoverProcessesTest {

    @TempDir
    Path run;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killStragglers() {
        started.forEach(Process::destroyForcibly);
    }

    /** A long sleep whose command line carries a unique marker (GNU sleep takes fractions). */
    private Process sleeper(String marker) throws Exception {
        Process p = new ProcessBuilder("sleep", marker).start();
        started.add(p);
        return p;
    }

    private static String uniqueDuration() {
        return "600." + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000);
    }

    @Test
    void nextStartStopsRecordedProcessesButNeverAnUnrelatedOneReusingThePid() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/cmdline")), "needs /proc");
        String marker = uniqueDuration();
        Process child = sleeper(marker);
        Process stranger = sleeper(uniqueDuration());
        PidFiles pidFiles = new PidFiles(run);
        pidFiles.write(10, "kafka", child.pid(), "TERM", marker);
        // the stranger's pid with a marker it does not carry: as if the kernel had reused a dead child's pid
        pidFiles.write(50, "coding-service", stranger.pid(), "TERM", "-Dclaimflow.localstack.home=/nowhere");

        List<String> stopped = pidFiles.stopLeftovers(Duration.ofSeconds(10), line -> {});

        assertThat(stopped).containsExactly("kafka");
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(stranger.isAlive()).isTrue();
        assertThat(pidFiles.entries()).isEmpty();
    }

    @Test
    void reaperStopsWhatIsListedOnceTheLauncherIsGone() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash");
        String marker = uniqueDuration();
        Process child = sleeper(marker);
        Process postmaster = sleeper(uniqueDuration());
        PidFiles pidFiles = new PidFiles(run);
        pidFiles.write(10, "kafka", child.pid(), "TERM", marker);
        pidFiles.write(
                21,
                "postmaster",
                postmaster.pid(),
                "INT",
                PidFiles.commandLine(postmaster.pid()).orElseThrow().trim());

        Reaper reaper = Reaper.start(run, run.resolve("reaper.log")).orElseThrow();
        assertThat(child.isAlive())
                .as("nothing happens while the launcher lives")
                .isTrue();
        // past the reaper's own 30 s for a process that ignores its signal (a build started in the background of a
        // shell without job control inherits SIGINT ignored, and so do these sleepers): it kills them then
        assertThat(reaper.release(60, TimeUnit.SECONDS)).isTrue();

        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(postmaster.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(pidFiles.entries()).isEmpty();
        assertThat(Files.readString(run.resolve("reaper.log"))).contains("stopping kafka", "stopping postmaster");
    }
}
