package io.claimflow.e2e.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CPU time of the stack's processes from Linux's {@code /proc/<pid>/stat}: user + system time, in clock ticks.
 * Each named process is counted with every descendant that is not itself named (PostgreSQL's backends, checkpointer
 * and WAL writer are children of the postmaster; a named process's own children count to it), and with the time of
 * its children that have already exited and were waited for ({@code cutime + cstime}: a backend that ends during a run
 * moves its time there). Differences of two readings give what each process used in between.
 */
public final class ProcessCpu {

    /** One line of {@code /proc/<pid>/stat}: the fields used here. Times are clock ticks. */
    public record Stat(long pid, String command, long parent, long utime, long stime, long cutime, long cstime) {

        /** Own time plus that of waited-for children. */
        public long ticks() {
            return utime + stime + cutime + cstime;
        }

        /**
         * Parses a stat line. The command is in parentheses and may itself hold spaces and parentheses, so the fields
         * are counted from the last {@code ')'}: state, ppid, ... utime is the 14th field of the line, stime the 15th,
         * cutime and cstime the 16th and 17th.
         */
        public static Stat parse(String line) {
            int open = line.indexOf('(');
            int close = line.lastIndexOf(')');
            if (open < 0 || close < open) {
                throw new IllegalArgumentException("not a /proc/<pid>/stat line");
            }
            long pid = Long.parseLong(line.substring(0, open).trim());
            String command = line.substring(open + 1, close);
            String[] rest = line.substring(close + 1).trim().split(" +");
            if (rest.length < 15) {
                throw new IllegalArgumentException(
                        "a /proc/<pid>/stat line with " + rest.length + " fields after the name");
            }
            return new Stat(
                    pid,
                    command,
                    Long.parseLong(rest[1]),
                    Long.parseLong(rest[11]),
                    Long.parseLong(rest[12]),
                    Long.parseLong(rest[13]),
                    Long.parseLong(rest[14]));
        }
    }

    private ProcessCpu() {}

    /** Every process under {@code proc} (normally {@code /proc}) by pid; processes that end while read are skipped. */
    public static Map<Long, Stat> read(Path proc) throws IOException {
        Map<Long, Stat> all = new HashMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc, "[0-9]*")) {
            for (Path entry : entries) {
                try {
                    Stat stat = Stat.parse(Files.readString(entry.resolve("stat")));
                    all.put(stat.pid(), stat);
                } catch (IOException | RuntimeException gone) {
                    // ended between the listing and the read, or not a process directory
                }
            }
        }
        return all;
    }

    /**
     * Clock ticks per named process: the process and its descendants that are not named themselves (nor below one
     * that is). A name whose pid is not running counts 0.
     */
    public static Map<String, Long> ticks(Map<String, Long> named, Map<Long, Stat> all) {
        Map<Long, List<Long>> children = new HashMap<>();
        for (Stat stat : all.values()) {
            children.computeIfAbsent(stat.parent(), p -> new ArrayList<>()).add(stat.pid());
        }
        Set<Long> namedPids = new HashSet<>(named.values());
        Map<String, Long> ticks = new LinkedHashMap<>();
        named.forEach((name, pid) -> {
            long sum = 0;
            Deque<Long> todo = new ArrayDeque<>();
            todo.push(pid);
            while (!todo.isEmpty()) {
                long current = todo.pop();
                Stat stat = all.get(current);
                if (stat == null) {
                    continue;
                }
                sum += stat.ticks();
                for (long child : children.getOrDefault(current, List.of())) {
                    if (!namedPids.contains(child)) {
                        todo.push(child);
                    }
                }
            }
            ticks.put(name, sum);
        });
        return ticks;
    }

    /** {@code after - before} per name, in milliseconds at {@code ticksPerSecond}. */
    public static Map<String, Double> millis(Map<String, Long> before, Map<String, Long> after, long ticksPerSecond) {
        Map<String, Double> millis = new LinkedHashMap<>();
        after.forEach(
                (name, ticks) -> millis.put(name, (ticks - before.getOrDefault(name, 0L)) * 1000.0 / ticksPerSecond));
        return millis;
    }

    /** The kernel's clock ticks per second ({@code getconf CLK_TCK}); 100, Linux's usual value, if that fails. */
    public static long ticksPerSecond() {
        try {
            Process process = new ProcessBuilder("getconf", "CLK_TCK")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(process.getInputStream().readAllBytes()).trim();
            if (process.waitFor() == 0 && out.matches("[0-9]+")) {
                return Long.parseLong(out);
            }
        } catch (IOException e) {
            // fall through
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}
