package io.claimflow.e2e;

import io.claimflow.testsupport.PostgresCpu;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time, not wall time, of this JVM and of the PostgreSQL server it runs: what a benchmark phase cost, which stays
 * comparable when other work shares the machine. {@link #snapshot()} before and after a phase; {@link
 * Snapshot#minus(Snapshot)} is the phase's CPU, split into the JIT compiler threads, the garbage collector threads and
 * the rest of the JVM (services, in-process broker, workload publisher, the benchmark's own database polls), plus the
 * PostgreSQL server (postmaster and its backends, exited backends included).
 *
 * <p>Threads are read from {@code /proc/self/task} (the JIT and GC threads are invisible to {@code ThreadMXBean});
 * PostgreSQL: {@link PostgresCpu}. Off Linux only the process total is known.
 */
final class CpuMeter {

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    private CpuMeter() {}

    /** CPU seconds so far, per part. */
    record Snapshot(double process, double jit, double gc, double postgres) {

        Snapshot minus(Snapshot earlier) {
            return new Snapshot(
                    process - earlier.process, jit - earlier.jit, gc - earlier.gc, postgres - earlier.postgres);
        }

        /** Milliseconds of CPU per encounter, per part (JVM = the whole process, its JIT and GC included). */
        Map<String, Object> perEncounter(int encounters) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("jvmAndPostgres", ms(process + postgres, encounters));
            map.put("jvm", ms(process, encounters));
            map.put("jvmWithoutJitAndGc", ms(process - jit - gc, encounters));
            map.put("jit", ms(jit, encounters));
            map.put("gc", ms(gc, encounters));
            map.put("postgres", ms(postgres, encounters));
            return map;
        }

        private static double ms(double seconds, int encounters) {
            return Math.round(seconds * 1000 / encounters * 1000) / 1000.0;
        }
    }

    static Snapshot snapshot() {
        double process = processCpuSeconds();
        double jit = 0;
        double gc = 0;
        Path tasks = Path.of("/proc/self/task");
        if (Files.isDirectory(tasks)) {
            try (Stream<Path> threads = Files.list(tasks)) {
                for (Path thread : (Iterable<Path>) threads::iterator) {
                    Stat stat = Stat.read(thread.resolve("stat"));
                    if (stat == null) {
                        continue;
                    }
                    if (stat.comm().startsWith("C1 CompilerThre") || stat.comm().startsWith("C2 CompilerThre")) {
                        jit += stat.seconds();
                    } else if (stat.comm().startsWith("GC Thread")
                            || stat.comm().startsWith("G1 ")
                            || stat.comm().startsWith("VM Thread")) {
                        gc += stat.seconds();
                    }
                }
            } catch (IOException e) {
                // threads unreadable: the total still counts
            }
        }
        return new Snapshot(process, jit, gc, PostgresCpu.seconds());
    }

    private static double processCpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return 0;
    }

    private record Stat(String comm, long utime, long stime) {

        static Stat read(Path file) {
            String line;
            try {
                line = Files.readString(file);
            } catch (IOException | RuntimeException e) {
                return null;
            }
            int open = line.indexOf('(');
            int close = line.lastIndexOf(')');
            if (open < 0 || close < open) {
                return null;
            }
            // after "pid (comm) ": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
            // cutime cstime
            String[] fields = line.substring(close + 2).split(" ");
            return new Stat(line.substring(open + 1, close), Long.parseLong(fields[11]), Long.parseLong(fields[12]));
        }

        double seconds() {
            return (utime + stime) / TICKS_PER_SECOND;
        }
    }
}
