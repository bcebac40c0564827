package io.claimflow.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU seconds used so far by the embedded PostgreSQL server of this JVM's tests (the postmaster, its exited backends
 * and its live ones), from {@code /proc}: for benchmarks that count CPU per unit of work, which stays comparable when
 * other builds share the machine. The server is the one whose data directory lies under this JVM's
 * {@code java.io.tmpdir} (where the embedded infrastructure unpacks it), so another build's server is not counted.
 * 0 off Linux or when there is no such server (e.g. PostgreSQL in a container).
 */
public final class PostgresCpu {

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    private PostgresCpu() {}

    /** CPU seconds (user and system) of the server so far. */
    public static double seconds() {
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return 0;
        }
        String tmp = Path.of(System.getProperty("java.io.tmpdir"))
                .toAbsolutePath()
                .normalize()
                .toString();
        Map<Long, long[]> servers = new HashMap<>(); // pid -> ppid, own ticks, reaped children's ticks
        long postmaster = -1;
        try (Stream<Path> entries = Files.list(proc)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                if (name.isEmpty() || !name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long[] stat = stat(entry.resolve("stat"));
                if (stat == null) {
                    continue;
                }
                long pid = Long.parseLong(name);
                servers.put(pid, stat);
                try {
                    String cmdline = new String(Files.readAllBytes(entry.resolve("cmdline")), StandardCharsets.UTF_8)
                            .replace('\0', ' ');
                    if (cmdline.contains(" -D ") && cmdline.contains(tmp)) {
                        postmaster = pid;
                    }
                } catch (IOException e) {
                    // gone meanwhile
                }
            }
        } catch (IOException e) {
            return 0;
        }
        if (postmaster < 0) {
            return 0;
        }
        long ticks = servers.get(postmaster)[1] + servers.get(postmaster)[2];
        for (long[] stat : servers.values()) {
            if (stat[0] == postmaster) {
                ticks += stat[1];
            }
        }
        return ticks / TICKS_PER_SECOND;
    }

    // a postgres process's ppid, utime + stime, cutime + cstime; null for anything else
    private static long[] stat(Path file) {
        String line;
        try {
            line = Files.readString(file);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open || !line.substring(open + 1, close).startsWith("postgres")) {
            return null;
        }
        // after "pid (comm) ": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
        // cutime cstime
        String[] fields = line.substring(close + 2).split(" ");
        return new long[] {
            Long.parseLong(fields[1]),
            Long.parseLong(fields[11]) + Long.parseLong(fields[12]),
            Long.parseLong(fields[13]) + Long.parseLong(fields[14])
        };
    }
}
