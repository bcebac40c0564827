package io.claimflow.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The run directory's record of what the launcher started: one {@code <order>-<name>.pid} file per process, holding
 * {@code <pid> <signal> <marker>}. The marker is a string from the process's command line, so that a pid the
 * kernel has since handed to an unrelated process is never signalled. Both the launcher (on its next start) and
 * the reaper script (when the launcher dies) read these files, in reverse order, to stop leftovers.
 */
final class PidFiles {

    static final String SUFFIX = ".pid";

    private final Path runDir;

    PidFiles(Path runDir) {
        this.runDir = runDir;
    }

    Path runDir() {
        return runDir;
    }

    /** One recorded process. */
    record Entry(Path file, String name, long pid, String signal, String marker) {}

    Path write(int order, String name, long pid, String signal, String marker) {
        Path file = runDir.resolve(String.format("%02d-%s%s", order, name, SUFFIX));
        try {
            Files.createDirectories(runDir);
            Files.writeString(file, pid + " " + signal + " " + marker + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    /** Entries in start order. */
    List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        if (!Files.isDirectory(runDir)) {
            return entries;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(runDir, "*" + SUFFIX)) {
            for (Path file : files) {
                read(file).ifPresent(entries::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        entries.sort(Comparator.comparing(e -> e.file().getFileName().toString()));
        return entries;
    }

    /**
     * Stops every recorded process that is still alive, newest first: the polite signal, then after
     * {@code grace} SIGKILL. Deletes the pid files. Returns the names of the processes that were alive.
     */
    List<String> stopLeftovers(Duration grace, Consumer<String> out) {
        List<Entry> entries = new ArrayList<>(entries());
        java.util.Collections.reverse(entries);
        List<String> stopped = new ArrayList<>();
        List<ProcessHandle> signalled = new ArrayList<>();
        for (Entry entry : entries) {
            Optional<ProcessHandle> handle = liveMatching(entry.pid(), entry.marker());
            if (handle.isPresent()) {
                out.accept("stopping leftover " + entry.name() + " (pid " + entry.pid() + ") from an earlier run");
                signal(handle.get(), entry.signal());
                signalled.add(handle.get());
                stopped.add(entry.name());
            }
            delete(entry.file());
        }
        awaitExit(signalled, grace);
        return stopped;
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a stale pid file is harmless: its marker check keeps it from hitting another process
        }
    }

    /** The process, if it is alive and its command line still carries the marker. */
    static Optional<ProcessHandle> liveMatching(long pid, String marker) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (handle.isEmpty()) {
            return handle;
        }
        return commandLine(pid).filter(cmd -> cmd.contains(marker)).flatMap(cmd -> handle);
    }

    /** The full command line, arguments joined by spaces ({@code /proc} on Linux, the JDK's view elsewhere). */
    static Optional<String> commandLine(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid), "cmdline");
        if (Files.isReadable(proc)) {
            try {
                return Optional.of(new String(Files.readAllBytes(proc), StandardCharsets.UTF_8).replace('\0', ' '));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return ProcessHandle.of(pid).flatMap(h -> h.info().commandLine());
    }

    /** Sends TERM through the JDK and any other signal through kill(1). */
    static void signal(ProcessHandle handle, String signal) {
        if ("TERM".equals(signal)) {
            handle.destroy();
            return;
        }
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(handle.pid()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start()
                    .waitFor();
        } catch (IOException e) {
            handle.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits up to {@code grace} for all to exit, then kills the rest and waits for them briefly. */
    static void awaitExit(List<ProcessHandle> handles, Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle handle : handles) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    handle.onExit().get(left, java.util.concurrent.TimeUnit.NANOSECONDS);
                }
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                // killed below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (ProcessHandle handle : handles) {
            if (handle.isAlive()) {
                handle.destroyForcibly();
                try {
                    handle.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    // nothing more to do
                }
            }
        }
    }

    private static Optional<Entry> read(Path file) {
        try {
            String line = Files.readString(file, StandardCharsets.UTF_8).trim();
            String[] parts = line.split(" ", 3);
            if (parts.length < 3) {
                return Optional.empty();
            }
            String fileName = file.getFileName().toString();
            String name = fileName.substring(fileName.indexOf('-') + 1, fileName.length() - SUFFIX.length());
            return Optional.of(new Entry(file, name, Long.parseLong(parts[0]), parts[1], parts[2]));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
