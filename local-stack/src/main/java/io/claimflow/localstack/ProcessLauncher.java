package io.claimflow.localstack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * Starts the stack's processes ({@link ChildProcess}: a log each, a pid file, the stack's marker) and remembers how
 * each was started, so that {@code ./stack start NAME} starts it again the same way. Nothing starts once the
 * shutdown began.
 */
final class ProcessLauncher {

    /** A component's start: its order, command and environment. */
    record Launch(int order, List<String> command, Map<String, String> env) {}

    private final Path logs;
    private final Path projectDir;
    private final PidFiles pidFiles;
    private final String marker;
    private final StackProgress progress;
    private final BooleanSupplier stopping;
    private final Map<String, Launch> launches = new ConcurrentHashMap<>();

    ProcessLauncher(
            Path logs,
            Path projectDir,
            PidFiles pidFiles,
            String marker,
            StackProgress progress,
            BooleanSupplier stopping) {
        this.logs = logs;
        this.projectDir = projectDir;
        this.pidFiles = pidFiles;
        this.marker = marker;
        this.progress = progress;
        this.stopping = stopping;
    }

    ChildProcess start(String name, int order, List<String> command, Map<String, String> env) {
        if (stopping.getAsBoolean()) {
            throw new LocalStack.Aborted();
        }
        ChildProcess process = ChildProcess.start(name, command, env, logs, projectDir, pidFiles, order, marker);
        launches.put(name, new Launch(order, List.copyOf(command), Map.copyOf(env)));
        progress.line(String.format(
                "  [%s] started, pid %d, log %s", name, process.pid(), StackProgress.display(process.log())));
        return process;
    }

    /** Starts {@code name} again with its first command and environment. */
    ChildProcess startAgain(String name) {
        return startAgain(name, UnaryOperator.identity());
    }

    /** Starts {@code name} again with its first environment and its first command as {@code command} changes it. */
    ChildProcess startAgain(String name, UnaryOperator<List<String>> command) {
        Launch launch = launches.get(name);
        if (launch == null) {
            throw new IllegalStateException("no recorded start for " + name);
        }
        return start(name, launch.order(), command.apply(launch.command()), launch.env());
    }
}
