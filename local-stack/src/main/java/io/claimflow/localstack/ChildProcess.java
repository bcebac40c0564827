package io.claimflow.localstack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A process the launcher started: output to its own log file, a pid file in the run directory, and a stop that
 * asks first (SIGTERM) and insists later (SIGKILL).
 */
final class ChildProcess {

    /** util-linux setsid: children get their own session, so a terminal's Ctrl-C reaches only the launcher. */
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final String name;
    private final Process process;
    private final Path log;
    private final Path pidFile;
    private final long startedNanos = System.nanoTime();

    private ChildProcess(String name, Process process, Path log, Path pidFile) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.pidFile = pidFile;
    }

    /**
     * Starts {@code command} with {@code env} added to this process's environment. The previous log, if any, is
     * kept as {@code <name>.log.1}.
     */
    static ChildProcess start(
            String name,
            List<String> command,
            Map<String, String> env,
            Path logDir,
            Path workDir,
            PidFiles pidFiles,
            int order,
            String marker) {
        Path log = logDir.resolve(name + ".log");
        try {
            Files.createDirectories(logDir);
            if (Files.exists(log)) {
                Files.move(log, logDir.resolve(name + ".log.1"), StandardCopyOption.REPLACE_EXISTING);
            }
            List<String> full = new ArrayList<>();
            if (Files.isExecutable(SETSID)) {
                full.add(SETSID.toString());
            }
            full.addAll(command);
            ProcessBuilder builder = new ProcessBuilder(full)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(env);
            Process process = builder.start();
            process.getOutputStream().close();
            Path pidFile = pidFiles.write(order, name, process.pid(), "TERM", marker);
            return new ChildProcess(name, process, log, pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    Duration uptime() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** Waits for the process to end by itself, e.g. a one-shot tool. */
    int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            stop(Duration.ofSeconds(5));
            throw new IllegalStateException(name + " did not finish within " + timeout.toSeconds() + " s");
        }
        PidFiles.delete(pidFile);
        return process.exitValue();
    }

    /** SIGTERM, wait up to {@code grace}, then SIGKILL. Returns true if it ended without being killed. */
    boolean stop(Duration grace) {
        boolean clean = true;
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    clean = false;
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                clean = false;
            }
        }
        PidFiles.delete(pidFile);
        return clean;
    }

    /**
     * SIGKILL ({@link ProcessHandle#destroyForcibly()} on Linux) of the process and whatever it started, no
     * warning and no shutdown hooks: a crash, for the fault suite. Waits until it is gone.
     */
    void kill() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        PidFiles.delete(pidFile);
    }

    /** The last {@code lines} lines of the log, for error messages. */
    String tail(int lines) {
        return tail(log, lines);
    }

    static String tail(Path file, int lines) {
        if (!Files.exists(file)) {
            return "";
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            long from = Math.max(0, length - 16_384);
            byte[] bytes = new byte[(int) (length - from)];
            raf.seek(from);
            raf.readFully(bytes);
            String[] all = new String(bytes, StandardCharsets.UTF_8).split("\\R");
            int start = Math.max(0, all.length - lines);
            StringBuilder out = new StringBuilder();
            for (int i = start; i < all.length; i++) {
                out.append("    | ").append(all[i]).append('\n');
            }
            return out.toString();
        } catch (IOException e) {
            return "";
        }
    }
}
