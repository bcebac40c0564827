package io.claimflow.localstack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Waits for the services started together: polls each until its health says UP, its process ends, or the time is
 * up, and says which and when. Ctrl-C ({@code stopping}) cuts the wait short.
 */
final class ServiceWait {

    /** A started service as the wait sees it. */
    interface Target {
        String name();

        /** Where it answers ({@code http://localhost:8091}). */
        String address();

        boolean up();

        boolean alive();

        /** Why it ended: exit code, log and the log's last lines. */
        String exited();

        String log();

        Duration uptime();
    }

    /** Sleeps between two rounds. */
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private final StackProgress progress;
    private final BooleanSupplier stopping;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;

    ServiceWait(StackProgress progress, BooleanSupplier stopping) {
        this(progress, stopping, System::nanoTime, Thread::sleep);
    }

    ServiceWait(StackProgress progress, BooleanSupplier stopping, LongSupplier nanoTime, Sleeper sleeper) {
        this.progress = progress;
        this.stopping = stopping;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    /** Polls every target until UP, dead, or out of {@code timeout}; returns the names of those that did not come up. */
    Set<String> await(List<? extends Target> targets, Duration timeout) throws InterruptedException {
        List<Target> pending = new ArrayList<>(targets);
        Set<String> failed = new HashSet<>();
        long deadline = nanoTime.getAsLong() + timeout.toNanos();
        while (!pending.isEmpty()) {
            if (stopping.getAsBoolean()) {
                throw new LocalStack.Aborted();
            }
            for (var it = pending.iterator(); it.hasNext(); ) {
                Target target = it.next();
                if (target.up()) {
                    progress.step(target.name() + " UP on " + target.address() + " ("
                            + StackProgress.seconds(target.uptime()) + " after its start)");
                    it.remove();
                } else if (!target.alive()) {
                    failed.add(target.name());
                    progress.line("  " + target.exited());
                    it.remove();
                } else if (nanoTime.getAsLong() > deadline) {
                    failed.add(target.name());
                    progress.line("  [" + target.name() + "] not UP after " + timeout.toSeconds()
                            + " s; still running, see " + target.log());
                    it.remove();
                }
            }
            sleeper.sleep(500);
        }
        return failed;
    }

    /** A started service process, UP when {@code up} says so. */
    static Target of(ChildProcess process, String address, BooleanSupplier up) {
        return new Target() {
            @Override
            public String name() {
                return process.name();
            }

            @Override
            public String address() {
                return address;
            }

            @Override
            public boolean up() {
                return up.getAsBoolean();
            }

            @Override
            public boolean alive() {
                return process.isAlive();
            }

            @Override
            public String exited() {
                return StackProgress.exited(process.name(), process.exitValue(), process.log(), process.tail(20));
            }

            @Override
            public String log() {
                return StackProgress.display(process.log());
            }

            @Override
            public Duration uptime() {
                return process.uptime();
            }
        };
    }
}
