package io.claimflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherLockTest {

    @TempDir
    Path run;

    @Test
    void aFreeOrCrashedLaunchersLockIsTaken() throws Exception {
        LauncherLock.take(run, "home", 4242);
        assertThat(Files.readString(run.resolve(LauncherLock.FILE)))
                .isEqualTo("4242 " + LocalStack.class.getName() + "\n");

        // this test's own JVM is alive but is no launcher (the pid was reused): taken over
        Files.writeString(
                run.resolve(LauncherLock.FILE), ProcessHandle.current().pid() + " " + LocalStack.class.getName());
        LauncherLock.take(run, "home", 4243);
        assertThat(Files.readString(run.resolve(LauncherLock.FILE))).startsWith("4243 ");

        Files.writeString(run.resolve(LauncherLock.FILE), "garbage");
        LauncherLock.take(run, "home", 4244);
        assertThat(Files.readString(run.resolve(LauncherLock.FILE))).startsWith("4244 ");
    }

    @Test
    void aLiveLaunchersLockIsRefused() throws Exception {
        // a live process whose command line names the launcher class
        Process launcher = new ProcessBuilder("sh", "-c", "sleep 20", LocalStack.class.getName()).start();
        try {
            Files.writeString(run.resolve(LauncherLock.FILE), launcher.pid() + " " + LocalStack.class.getName());

            assertThatThrownBy(() -> LauncherLock.take(run, "home", 4245))
                    .isInstanceOf(LocalStack.StartupException.class)
                    .hasMessageContaining("already running from home (launcher pid " + launcher.pid() + ")");
            assertThat(Files.readString(run.resolve(LauncherLock.FILE))).startsWith(launcher.pid() + " ");
        } finally {
            launcher.destroyForcibly();
        }
    }
}
