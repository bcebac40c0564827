package io.claimflow.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A bash process (reaper.sh) beside the launcher that stops the launcher's children if the launcher dies without
 * doing so itself: it waits for end-of-file on a pipe whose only writer is the launcher, which the kernel closes
 * however the launcher ends, even on SIGKILL. It runs in its own session so that a terminal's Ctrl-C passes it by.
 */
final class Reaper {

    private static final Path BASH = Path.of("/bin/bash");
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final Process process;

    private Reaper(Process process) {
        this.process = process;
    }

    /** Starts a reaper for the pid files in {@code runDir}; empty where there is no bash. */
    static Optional<Reaper> start(Path runDir, Path log) throws IOException {
        if (!Files.isExecutable(BASH)) {
            return Optional.empty();
        }
        String script;
        try (InputStream in = Reaper.class.getResourceAsStream("/reaper.sh")) {
            if (in == null) {
                throw new IOException("reaper.sh is not on the classpath");
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString());
        }
        command.addAll(List.of(BASH.toString(), "-c", script, "claimflow-reaper", runDir.toString()));
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return Optional.of(new Reaper(process));
    }

    long pid() {
        return process.pid();
    }

    /**
     * Closes the pipe as a dying launcher would: the reaper stops whatever the pid files still list, then exits.
     * Returns whether it exited within the timeout.
     */
    boolean release(long timeout, TimeUnit unit) throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already closed: it is on its way out
        }
        return process.waitFor(timeout, unit);
    }
}
