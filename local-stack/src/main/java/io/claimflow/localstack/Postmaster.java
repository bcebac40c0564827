package io.claimflow.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * PostgreSQL's postmaster, which pg_ctl detaches from the process that started it ({@link PostgresMain}): found by
 * the pid in its data directory (and only while that process still names the data directory), recorded as a pid file
 * so that the reaper and the next start stop it, and stopped (SIGINT, a fast shutdown) or killed (SIGQUIT, an
 * immediate one) itself.
 */
final class Postmaster {

    private final Path dataDir;
    private final PidFiles pidFiles;
    private final int order;
    private volatile Long recorded;

    Postmaster(Path dataDir, PidFiles pidFiles, int order) {
        this.dataDir = dataDir;
        this.pidFiles = pidFiles;
        this.order = order;
    }

    /** The running postmaster of the data directory. */
    Optional<ProcessHandle> live() {
        return DatabaseSetup.postmasterPid(dataDir).flatMap(pid -> PidFiles.liveMatching(pid, dataDir.toString()));
    }

    /** Remembers the postmaster that runs now, in a pid file the reaper and the next start read. */
    void record() {
        recorded = DatabaseSetup.postmasterPid(dataDir).orElse(null);
        if (recorded != null) {
            pidFiles.write(order, "postmaster", recorded, "INT", dataDir.toString());
        }
    }

    /** A fast shutdown (SIGINT), waited for up to {@code grace}; the pid file goes. */
    void stop(Duration grace) {
        Long pid = recorded != null
                ? recorded
                : DatabaseSetup.postmasterPid(dataDir).orElse(null);
        if (pid != null) {
            PidFiles.liveMatching(pid, dataDir.toString()).ifPresent(handle -> {
                PidFiles.signal(handle, "INT");
                PidFiles.awaitExit(List.of(handle), grace);
            });
        }
        PidFiles.delete(pidFiles.runDir().resolve(pidFileName(order)));
    }

    /** An immediate shutdown (SIGQUIT), waited for; what was signalled, for the answer to {@code ./stack kill}. */
    String kill(Optional<ProcessHandle> postmaster) {
        postmaster.ifPresent(h -> PidFiles.signal(h, "QUIT"));
        postmaster.ifPresent(h -> PidFiles.awaitExit(List.of(h), Duration.ofSeconds(30)));
        return postmaster.map(h -> "pid " + h.pid() + " SIGQUIT").orElse("not found");
    }

    static String pidFileName(int order) {
        return String.format("%02d-postmaster%s", order, PidFiles.SUFFIX);
    }
}
