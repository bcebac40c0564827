package io.claimflow.e2e.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * The processes of a running local stack, from its run directory: the launcher ({@code launcher.lock}: its pid first)
 * and every process it started ({@code NN-name.pid}: pid, signal, marker; NN is the start order), the postmaster
 * included. local-stack's {@code PidFiles} and {@code LauncherLock} write these files.
 */
public final class StackProcesses {

    static final String LAUNCHER = "launcher";

    private StackProcesses() {}

    /** Name to pid, the launcher first, then in start order; only processes {@code alive} accepts. */
    public static Map<String, Long> read(Path runDir, LongPredicate alive) throws IOException {
        Map<String, Long> processes = new LinkedHashMap<>();
        Path lock = runDir.resolve("launcher.lock");
        if (Files.exists(lock)) {
            firstNumber(Files.readString(lock, StandardCharsets.UTF_8))
                    .filter(alive::test)
                    .ifPresent(pid -> processes.put(LAUNCHER, pid));
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(runDir, "*.pid")) {
            stream.forEach(files::add);
        }
        files.sort(null);
        for (Path file : files) {
            String name = name(file.getFileName().toString());
            firstNumber(Files.readString(file, StandardCharsets.UTF_8))
                    .filter(alive::test)
                    .ifPresent(pid -> processes.put(name, pid));
        }
        return processes;
    }

    /** {@code 03-claim-service.pid} -> {@code claim-service}. */
    static String name(String fileName) {
        String bare = fileName.endsWith(".pid") ? fileName.substring(0, fileName.length() - 4) : fileName;
        int dash = bare.indexOf('-');
        return dash > 0 && bare.substring(0, dash).chars().allMatch(Character::isDigit)
                ? bare.substring(dash + 1)
                : bare;
    }

    private static java.util.Optional<Long> firstNumber(String content) {
        String[] parts = content.trim().split("\\s+", 2);
        return parts.length > 0 && parts[0].matches("[0-9]+")
                ? java.util.Optional.of(Long.parseLong(parts[0]))
                : java.util.Optional.empty();
    }
}
