package io.claimflow.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Creates databases on one PostgreSQL server on first use and hands out their JDBC URLs. Each database is owned by
 * the owner role (migrations run as it) and gives the application role only DML on the owner's tables, through
 * default privileges, as docker/ and the local stack set them up.
 */
final class Databases {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final String DUPLICATE_DATABASE = "42P04";

    private final String host;
    private final int port;
    private final String adminDatabase;
    private final String adminUser;
    private final String adminPassword;
    private static final String DUPLICATE_ROLE = "42710";

    private final String owner;
    private final String application;
    private final String applicationPassword;
    private final Set<String> created = ConcurrentHashMap.newKeySet();
    private boolean applicationRoleExists;

    Databases(String host, int port, String adminDatabase, String adminUser, String adminPassword, String owner) {
        this(
                host,
                port,
                adminDatabase,
                adminUser,
                adminPassword,
                owner,
                Infrastructure.APP_USERNAME,
                Infrastructure.APP_PASSWORD);
    }

    Databases(
            String host,
            int port,
            String adminDatabase,
            String adminUser,
            String adminPassword,
            String owner,
            String application,
            String applicationPassword) {
        this.host = host;
        this.port = port;
        this.adminDatabase = adminDatabase;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
        this.owner = owner;
        this.application = application;
        this.applicationPassword = applicationPassword;
    }

    String jdbcUrl(String database) {
        if (database == null || !NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("Database name must be letters, digits and underscores: " + database);
        }
        if (!created.contains(database)) {
            create(database);
        }
        return url(database);
    }

    String serverAddress() {
        return host + ":" + port;
    }

    // One at a time: PostgreSQL refuses concurrent CREATE DATABASE while another copies template1.
    private synchronized void create(String database) {
        if (created.contains(database)) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(url(adminDatabase), adminUser, adminPassword)) {
            ensureApplicationRole(connection);
            if (!exists(connection, database)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE DATABASE \"" + database + "\" OWNER \"" + owner + "\"");
                } catch (SQLException e) {
                    if (!DUPLICATE_DATABASE.equals(e.getSQLState())) {
                        throw e;
                    }
                }
            }
            grantApplicationRole(database);
            created.add(database);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + database + " on " + serverAddress(), e);
        }
    }

    private void ensureApplicationRole(Connection connection) throws SQLException {
        if (applicationRoleExists) {
            return;
        }
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            query.setString(1, application);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("CREATE ROLE \"" + application + "\" LOGIN PASSWORD '"
                                + applicationPassword.replace("'", "''") + "'");
                    } catch (SQLException e) {
                        if (!DUPLICATE_ROLE.equals(e.getSQLState())) {
                            throw e;
                        }
                    }
                }
            }
        }
        applicationRoleExists = true;
    }

    // DML on whatever the owner creates (the migrations), nothing else: no DDL, and V60 of the platform schema takes
    // UPDATE, DELETE and TRUNCATE of the audit trail away again.
    private void grantApplicationRole(String database) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url(database), adminUser, adminPassword);
                Statement statement = connection.createStatement()) {
            for (String sql : DatabaseRoles.applicationGrants(owner, application)) {
                statement.execute(sql);
            }
        }
    }

    private static boolean exists(Connection connection, String database) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, database);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private String url(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }
}
