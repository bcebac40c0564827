package io.claimflow.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL for the local stack, run by the launcher as a process of its own so that it stops in its turn (after
 * the services, before Kafka) rather than whenever the launcher's shutdown hooks happen to run.
 *
 * <p>Arguments: {@code <data dir> <port> <binaries dir> <ready file> <role> <password> <database>...}. Starts
 * zonky's embedded PostgreSQL on the data directory (initdb only when it is empty), creates the role and the
 * databases if missing, then writes the ready file and waits. SIGTERM stops PostgreSQL (zonky's shutdown hook runs
 * {@code pg_ctl stop -m fast}).
 */
public final class PostgresMain {

    /**
     * Server settings a deployment tunes ({@code shared_buffers}, {@code max_wal_size}, ...): {@code name=value} pairs
     * separated by spaces, each passed as {@code -c name=value}. The launcher's environment reaches this process. The
     * settings below that keep patient data out of the log and commits durable are applied after these and win.
     */
    static final String SETTINGS_VARIABLE = "CLAIMFLOW_POSTGRES_SETTINGS";

    private PostgresMain() {}

    /** {@code "a=1 b=2"} as an ordered map; blank or null: none. */
    static Map<String, String> settings(String value) {
        Map<String, String> settings = new LinkedHashMap<>();
        if (value == null || value.isBlank()) {
            return settings;
        }
        for (String pair : value.trim().split("\\s+")) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1 || !pair.substring(0, eq).matches("[a-z_.]+")) {
                throw new IllegalArgumentException(SETTINGS_VARIABLE + ": '" + pair + "' is not name=value");
            }
            settings.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return settings;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 6) {
            System.err.println(
                    "usage: PostgresMain <data dir> <port> <binaries dir> <ready file> <role> <password> <database>...");
            System.exit(2);
        }
        Path data = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        File binaries = Path.of(args[2]).toAbsolutePath().toFile();
        Path ready = Path.of(args[3]);
        String role = args[4];
        String password = args[5];
        List<String> databases = Arrays.asList(args).subList(6, args.length);

        Files.deleteIfExists(ready);
        Files.createDirectories(data);
        binaries.mkdirs();
        removePartialExtractions(binaries.toPath());
        boolean fresh = !Files.exists(data.resolve("PG_VERSION"));
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        settings(System.getenv(SETTINGS_VARIABLE)).forEach(builder::setServerConfig);
        EmbeddedPostgres postgres = builder.setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setOverrideWorkingDirectory(binaries)
                .setPGStartupWait(Duration.ofSeconds(60))
                // The server log must not carry patient data: no DETAIL lines (a unique violation quotes the key,
                // e.g. a member id) and no failing statements.
                .setServerConfig("log_error_verbosity", "terse")
                // zonky's default is synchronous_commit=off (fine for throwaway test databases): a crash of the
                // postmaster then loses the last commits, whose events the services' outboxes may already have
                // published (the fault suite found a PaymentPosted for a claim claim-service no longer had). The
                // local stack keeps data across restarts and crashes, so a commit is durable when acknowledged.
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("log_min_error_statement", "panic")
                .setOutputRedirector(ProcessBuilder.Redirect.INHERIT)
                .setErrorRedirector(ProcessBuilder.Redirect.INHERIT)
                .start();
        System.out.println(
                "PostgreSQL " + (fresh ? "initialised and " : "") + "started on port " + port + ", data " + data);
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            List<String> created = DatabaseSetup.ensure(
                    connection,
                    role,
                    password,
                    databases,
                    database -> postgres.getDatabase("postgres", database).getConnection());
            System.out.println(created.isEmpty() ? "role and databases already present" : "created " + created);
        }
        Files.writeString(ready, ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
        System.out.flush();
        Thread.currentThread().join();
    }

    /**
     * zonky unpacks the binaries into {@code PG-<digest>} and marks it complete with {@code .exists}; an unpacking
     * cut short (killed, out of memory) leaves a directory it then fails on, so such directories go first. Only one
     * stack runs per home (the launcher's lock), so nobody else is unpacking here.
     */
    static void removePartialExtractions(Path binaries) throws java.io.IOException {
        try (var dirs = Files.newDirectoryStream(binaries, "PG-*")) {
            for (Path dir : dirs) {
                if (Files.isDirectory(dir) && !Files.exists(dir.resolve(".exists"))) {
                    System.out.println("removing incomplete PostgreSQL binaries " + dir);
                    try (var walk = Files.walk(dir)) {
                        for (Path p :
                                walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                            Files.delete(p);
                        }
                    }
                }
            }
        }
    }
}
