package io.claimflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local stack's roles on a real PostgreSQL: the operator's login reads what a service's owner created (the demo's
 * summary and the fault suite's invariants read through it) and writes nothing. It could read nothing before, so the
 * demo printed zeros and "could not read the databases".
 */
class DatabaseRolesTest {

    static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            DatabaseSetup.ensure(
                    connection,
                    "claimflow",
                    "claimflow",
                    List.of("claimflow_claim"),
                    database -> postgres.getDatabase("postgres", database).getConnection());
        }
        try (Connection owner = login("claimflow_claim_owner");
                Statement s = owner.createStatement()) {
            s.execute("CREATE SCHEMA claimflow_platform");
            s.execute("CREATE TABLE claim (claim_id text PRIMARY KEY)");
            s.execute("CREATE TABLE claimflow_platform.outbox (id int PRIMARY KEY)");
            s.execute("INSERT INTO claim VALUES ('clm-1')");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    static Connection login(String role) throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + postgres.getPort() + "/claimflow_claim", role, "claimflow");
    }

    /** Opens a connection to the test's claim database as a role. */
    interface Login {
        Connection as(String role) throws SQLException;
    }

    @Test
    void theOperatorReadsEveryTableOfTheOwnerAndWritesNone() throws SQLException {
        operatorReadsEveryTableAndWritesNone(DatabaseRolesTest::login);
    }

    @Test
    void theServicesLoginStillWritesItsTables() throws SQLException {
        try (Connection application = login("claimflow_claim_app");
                Statement s = application.createStatement()) {
            assertThat(s.executeUpdate("UPDATE claim SET claim_id = claim_id")).isEqualTo(1);
        }
    }

    /** The operator's login reads the owner's tables (one row in claim, none in the outbox) and writes nothing. */
    static void operatorReadsEveryTableAndWritesNone(Login login) throws SQLException {
        try (Connection operator = login.as("claimflow");
                Statement s = operator.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM claim")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(1);
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM claimflow_platform.outbox")) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
            assertThatThrownBy(() -> s.execute("INSERT INTO claim VALUES ('clm-2')"))
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.execute("CREATE TABLE mine (x int)")).hasMessageContaining("permission denied");
        }
    }
}
