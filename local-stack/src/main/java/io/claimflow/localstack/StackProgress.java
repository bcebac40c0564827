package io.claimflow.localstack;

import io.claimflow.localstack.StackConfig.ServiceSpec;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * What the launcher prints while it runs: each step with the time since the start, plain lines, and once everything
 * started the status table and the one-line summary. Paths are shown relative to the working directory.
 */
final class StackProgress {

    private final PrintStream out;
    private final LongSupplier nanoTime;
    private final long startNanos;

    StackProgress(PrintStream out) {
        this(out, System::nanoTime);
    }

    StackProgress(PrintStream out, LongSupplier nanoTime) {
        this.out = out;
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
    }

    /** A step done: {@code "    12.3 s  message"}. */
    void step(String message) {
        out.println(String.format(Locale.ROOT, "  %6s  %s", seconds(sinceStart()), message));
    }

    void line(String text) {
        out.println(text);
    }

    void blank() {
        out.println();
    }

    void flush() {
        out.flush();
    }

    Duration sinceStart() {
        return Duration.ofNanos(nanoTime.getAsLong() - startNanos);
    }

    /** The table of what started (see {@link StatusTable}), then the summary line. */
    void startedTable(
            List<StatusTable.Row> rows, Set<String> failed, List<ServiceSpec> all, List<ServiceSpec> selected) {
        out.println();
        out.print(StatusTable.render(rows, failed, all, selected));
        out.println();
        out.println(summary(!failed.isEmpty(), sinceStart()));
    }

    static String summary(boolean failures, Duration elapsed) {
        return String.format(
                Locale.ROOT,
                "ClaimFlow local stack %s in %s. Ctrl-C stops it; ./stack status checks it.",
                failures ? "is up with FAILURES" : "is up",
                seconds(elapsed));
    }

    /** What a process that ended says: its exit code, its log and the log's last lines. */
    static String exited(String name, int exitValue, Path log, String tail) {
        return "[" + name + "] exited with code " + exitValue + ", see " + display(log) + "\n" + tail;
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    /** A path relative to the working directory when it lies below it: shorter lines in the console. */
    static String display(Path path) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = path.toAbsolutePath();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }
}
