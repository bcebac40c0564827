package io.claimflow.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Creates the roles and databases if they do not exist yet; never drops. Least privilege, as in docker/ and the tests:
 * per database {@code <db>_owner} owns it and runs the service's migrations, and {@code <db>_app}, the service's own
 * login, gets only DML on the owner's tables (default privileges) and no DDL; the platform's migration V60 then takes
 * UPDATE, DELETE and TRUNCATE of the audit trail from it. {@code role} (the operator's login, e.g. for psql, and
 * the demo's summary and the fault suite's invariants) owns nothing and may only read: SELECT on the owner's tables.
 */
final class DatabaseSetup {

    /** Identifiers are spliced into DDL (it takes no bind parameters), so only plain names are accepted. */
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,52}");

    /** Opens a superuser connection to a database. */
    interface Connector {
        Connection open(String database) throws SQLException;
    }

    private DatabaseSetup() {}

    /** The role that owns {@code database} and runs its migrations. */
    static String ownerRole(String database) {
        return database + "_owner";
    }

    /** The service's login on {@code database}: DML only. */
    static String applicationRole(String database) {
        return database + "_app";
    }

    /**
     * Returns what it created. {@code connection} is a superuser's, in auto-commit (CREATE DATABASE needs it);
     * {@code connector} opens a superuser connection to each database for its grants.
     */
    static List<String> ensure(
            Connection connection, String role, String password, List<String> databases, Connector connector)
            throws SQLException {
        checkIdentifier(role);
        databases.forEach(DatabaseSetup::checkIdentifier);
        List<String> created = new ArrayList<>();
        connection.setAutoCommit(true);
        ensureRole(connection, role, password, created);
        for (String database : databases) {
            String owner = ownerRole(database);
            String application = applicationRole(database);
            ensureRole(connection, owner, password, created);
            ensureRole(connection, application, password, created);
            if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
                try (Statement s = connection.createStatement()) {
                    s.execute("CREATE DATABASE " + database + " OWNER " + owner + " ENCODING 'UTF8'");
                }
                created.add("database " + database);
            }
            try (Connection db = connector.open(database);
                    Statement s = db.createStatement()) {
                for (String sql : grants(owner, application, role)) {
                    s.execute(sql);
                }
            }
        }
        return created;
    }

    /**
     * DML on what {@code owner} creates, for {@code application}, and reading it, for the operator {@code reader};
     * run in the database.
     */
    static List<String> grants(String owner, String application, String reader) {
        return List.of(
                "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
                "GRANT USAGE ON SCHEMA public TO " + application + ", " + reader,
                "ALTER DEFAULT PRIVILEGES FOR ROLE " + owner + " GRANT USAGE ON SCHEMAS TO " + application + ", "
                        + reader,
                "ALTER DEFAULT PRIVILEGES FOR ROLE " + owner + " GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "
                        + application,
                "ALTER DEFAULT PRIVILEGES FOR ROLE " + owner + " GRANT SELECT ON TABLES TO " + reader,
                "ALTER DEFAULT PRIVILEGES FOR ROLE " + owner + " GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO "
                        + application);
    }

    private static void ensureRole(Connection connection, String role, String password, List<String> created)
            throws SQLException {
        if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", role)) {
            try (Statement s = connection.createStatement()) {
                s.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + password.replace("'", "''") + "'");
            }
            created.add("role " + role);
        }
    }

    private static boolean exists(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void checkIdentifier(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain PostgreSQL identifier: " + name);
        }
    }

    /**
     * The pid of the postmaster of the cluster in {@code dataDir}, from its {@code postmaster.pid}; empty when there
     * is none or it is unreadable (nothing to stop).
     */
    static Optional<Long> postmasterPid(Path dataDir) {
        Path file = dataDir.resolve("postmaster.pid");
        try {
            if (Files.exists(file)) {
                String first =
                        Files.readAllLines(file).stream().findFirst().orElse("").trim();
                return Optional.of(Long.parseLong(first));
            }
        } catch (IOException | NumberFormatException e) {
            // no usable pid: nothing to stop
        }
        return Optional.empty();
    }
}
