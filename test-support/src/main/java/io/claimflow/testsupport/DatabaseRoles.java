package io.claimflow.testsupport;

import java.util.List;

/** The statements that give an application role DML, and only DML, on what an owner role creates in a database. */
public final class DatabaseRoles {

    private DatabaseRoles() {}

    /**
     * Run in the database (as a superuser or {@code owner}) before the owner's migrations: default privileges for the
     * tables, sequences and schemas {@code owner} creates later. Names are plain identifiers.
     */
    public static List<String> applicationGrants(String owner, String application) {
        String o = "\"" + owner + "\"";
        String a = "\"" + application + "\"";
        return List.of(
                "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
                "GRANT USAGE ON SCHEMA public TO " + a,
                "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + a,
                "ALTER DEFAULT PRIVILEGES FOR ROLE " + o + " GRANT USAGE ON SCHEMAS TO " + a,
                "ALTER DEFAULT PRIVILEGES FOR ROLE " + o + " GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO " + a,
                "ALTER DEFAULT PRIVILEGES FOR ROLE " + o + " GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO " + a);
    }
}
