package io.claimflow.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One launcher per stack home: {@code run/launcher.lock} holds the launcher's pid and class. A lock whose process is
 * gone (or is not a launcher: the pid was reused), or that cannot be read, is a crashed launcher's and is taken over.
 */
final class LauncherLock {

    static final String FILE = "launcher.lock";

    private LauncherLock() {}

    /**
     * Takes the lock in {@code runDir} for this process.
     *
     * @throws LocalStack.StartupException when another live launcher holds it
     */
    static void take(Path runDir, String home) throws IOException {
        take(runDir, home, ProcessHandle.current().pid());
    }

    static void take(Path runDir, String home, long self) throws IOException {
        Path lock = runDir.resolve(FILE);
        if (Files.exists(lock)) {
            String[] parts = Files.readString(lock).trim().split(" ", 2);
            try {
                long pid = Long.parseLong(parts[0]);
                if (pid != self
                        && PidFiles.liveMatching(pid, LocalStack.class.getName())
                                .isPresent()) {
                    throw new LocalStack.StartupException("a local stack is already running from " + home
                            + " (launcher pid " + pid + "); stop it first (Ctrl-C there, or ./stack down)");
                }
            } catch (NumberFormatException e) {
                // unreadable lock: a crashed launcher's, take it over
            }
        }
        Files.writeString(lock, self + " " + LocalStack.class.getName() + "\n");
    }
}
