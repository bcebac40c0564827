package io.claimflow.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Asks a running launcher to kill, stop or start one of its components ({@code ./stack kill|stop|start|restart
 * NAME}). The request is a file in {@code <home>/run/control/}; the launcher, which owns the processes, acts on
 * it and answers with a reply file, so that a component it started again stays under its care (stopped on
 * Ctrl-C, listed by {@code ./stack status}).
 *
 * <ul>
 *   <li>{@code kill NAME}: SIGKILL, no shutdown hooks (for {@code postgres}: the postmaster gets SIGQUIT, an
 *       immediate shutdown that leaves crash recovery to the next start, and its keeper JVM SIGKILL);</li>
 *   <li>{@code stop NAME}: SIGTERM, then SIGKILL after 30 s;</li>
 *   <li>{@code start NAME}: the same command again, on the same data and port, waited for until ready;</li>
 *   <li>{@code restart NAME}: stop, then start.</li>
 * </ul>
 */
public final class StackControl {

    static final String DIR = "control";
    static final List<String> VERBS = List.of("kill", "stop", "start", "restart");

    private StackControl() {}

    /** The command line (picocli): {@code <home> <verb> <name> [timeout seconds]}. */
    @Command(name = "StackControl", description = "Asks the running launcher to kill, stop, start or restart NAME.")
    static final class Arguments {
        @Parameters(index = "0", paramLabel = "HOME", description = "the stack's home directory")
        Path home;

        @Parameters(index = "1", paramLabel = "VERB", description = "kill, stop, start or restart")
        String verb;

        @Parameters(index = "2", paramLabel = "NAME", description = "a component, as ./stack status names it")
        String name;

        @Parameters(
                index = "3",
                paramLabel = "TIMEOUT",
                arity = "0..1",
                defaultValue = "300",
                description = "seconds to wait for the launcher's answer (default ${DEFAULT-VALUE})")
        long timeoutSeconds;
    }

    /** Parses the command line; an unknown verb or a missing argument is an IllegalArgumentException. */
    static Arguments parse(String[] args) {
        Arguments arguments = new Arguments();
        try {
            new CommandLine(arguments).parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        if (!VERBS.contains(arguments.verb)) {
            throw new IllegalArgumentException("VERB must be one of " + VERBS + ", not '" + arguments.verb + "'");
        }
        return arguments;
    }

    /** Exit 0 when the launcher did it, 1 otherwise, 2 for a bad command line. */
    public static void main(String[] args) throws Exception {
        Arguments arguments;
        try {
            arguments = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("stack: " + e.getMessage());
            System.err.print(new CommandLine(new Arguments()).getUsageMessage());
            System.exit(2);
            return;
        }
        Duration timeout = Duration.ofSeconds(arguments.timeoutSeconds);
        String what = arguments.verb + " " + arguments.name;
        Optional<String> reply = request(arguments.home.resolve("run"), what, timeout);
        if (reply.isEmpty()) {
            System.err.println("stack: no answer from the launcher within " + timeout.toSeconds() + " s");
            System.exit(1);
        }
        String answer = reply.get();
        boolean ok = answer.startsWith("ok");
        (ok ? System.out : System.err)
                .println("stack: " + what + ": "
                        + answer.substring(answer.indexOf(' ') + 1).trim());
        System.exit(ok ? 0 : 1);
    }

    /** Writes the request and waits for the launcher's reply ({@code ok ...} or {@code error ...}). */
    static Optional<String> request(Path run, String request, Duration timeout)
            throws IOException, InterruptedException {
        Path dir = run.resolve(DIR);
        Files.createDirectories(dir);
        String id = UUID.randomUUID().toString();
        Path tmp = dir.resolve(id + ".tmp");
        Files.writeString(tmp, request + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(id + ".request"), StandardCopyOption.ATOMIC_MOVE);
        Path reply = dir.resolve(id + ".reply");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(reply)) {
                String answer = Files.readString(reply).trim();
                Files.deleteIfExists(reply);
                return Optional.of(answer);
            }
            Thread.sleep(100);
        }
        Files.deleteIfExists(dir.resolve(id + ".request"));
        return Optional.empty();
    }

    /** The launcher's side: the pending requests, oldest first, each removed as it is taken. */
    static List<Request> take(Path run) {
        Path dir = run.resolve(DIR);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            List<Path> pending = files.filter(f -> f.getFileName().toString().endsWith(".request"))
                    .sorted(java.util.Comparator.comparing(f -> f.toFile().lastModified()))
                    .toList();
            List<Request> requests = new java.util.ArrayList<>();
            for (Path f : pending) {
                String[] words = Files.readString(f).trim().split("\\s+");
                Files.deleteIfExists(f);
                String name = f.getFileName().toString();
                Path reply = dir.resolve(name.substring(0, name.length() - ".request".length()) + ".reply");
                requests.add(new Request(words[0], words.length > 1 ? words[1] : "", reply));
            }
            return requests;
        } catch (IOException e) {
            return List.of();
        }
    }

    /** One request; {@link #answer} writes the reply the client waits for. */
    record Request(String verb, String name, Path reply) {
        void answer(boolean ok, String message) {
            try {
                Path tmp = reply.resolveSibling(reply.getFileName() + ".tmp");
                Files.writeString(tmp, (ok ? "ok " : "error ") + message + "\n", StandardCharsets.UTF_8);
                Files.move(tmp, reply, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                // the client times out
            }
        }
    }
}
