package io.claimflow.localstack;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Creates the services' login role and their databases if they do not exist yet; never drops or alters. */
final class DatabaseSetup {

    /** Identifiers are spliced into DDL (it takes no bind parameters), so only plain names are accepted. */
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private DatabaseSetup() {
    }

    /** Returns what it created. {@code connection} is a superuser's, in auto-commit (CREATE DATABASE needs it). */
    static List<String> ensure(Connection connection, String role, String password, List<String> databases)
            throws SQLException {
        checkIdentifier(role);
        databases.forEach(DatabaseSetup::checkIdentifier);
        List<String> created = new ArrayList<>();
        connection.setAutoCommit(true);
        if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", role)) {
            try (Statement s = connection.createStatement()) {
                s.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + password.replace("'", "''") + "'");
            }
            created.add("role " + role);
        }
        for (String database : databases) {
            if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
                try (Statement s = connection.createStatement()) {
                    s.execute("CREATE DATABASE " + database + " OWNER " + role + " ENCODING 'UTF8'");
                }
                created.add("database " + database);
            }
        }
        return created;
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
}
