package io.claimflow.platform.audit;

import static io.claimflow.platform.PlatformHttp.client;
import static io.claimflow.platform.PlatformHttp.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.claimflow.platform.PlatformTest;
import io.claimflow.testsupport.Infrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Least privilege (issue 19): the service runs as the application role, which can append to and read the audit trail
 * but cannot change or remove it, drop or disable its append-only triggers, or create tables; the owner role that ran
 * the migrations is still held by the triggers.
 */
@PlatformTest
class DatabaseRolesTest {

    static final String TABLE = "claimflow_platform.audit_record";

    @Autowired
    DataSource dataSource;

    @LocalServerPort
    int port;

    @Test
    void theServiceRunsAsTheApplicationRoleNotTheOwner() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        assertThat(jdbc.queryForObject("SELECT current_user", String.class))
                .isEqualTo(Infrastructure.get().applicationUsername());
        assertThat(jdbc.queryForObject(
                        "SELECT tableowner FROM pg_tables WHERE schemaname = 'claimflow_platform' "
                                + "AND tablename = 'audit_record'",
                        String.class))
                .isNotEqualTo(Infrastructure.get().applicationUsername());
    }

    @Test
    void theApplicationRoleCannotAlterTheAuditTrailOrDropItsTriggers() throws SQLException {
        String claimId = "c-roles-" + UUID.randomUUID();
        get(client(port, "biller"), "/test/claims/{id}", claimId);

        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                for (String statement : new String[] {
                    "DROP TRIGGER audit_record_no_update_or_delete ON " + TABLE,
                    "ALTER TABLE " + TABLE + " DISABLE TRIGGER ALL",
                    "DROP TABLE " + TABLE,
                    "DELETE FROM " + TABLE + " WHERE resource_id = '" + claimId + "'",
                    "UPDATE " + TABLE + " SET username = 'someone' WHERE resource_id = '" + claimId + "'",
                    "TRUNCATE " + TABLE,
                    "CREATE OR REPLACE FUNCTION claimflow_platform.audit_record_refuse_change() RETURNS trigger "
                            + "LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$",
                    "CREATE TABLE public.not_allowed (id int)"
                }) {
                    assertThatThrownBy(() -> inSavepoint(connection, statement))
                            .as(statement)
                            .isInstanceOf(SQLException.class)
                            .hasMessageMatching("(?s).*(must be owner|permission " + "denied).*");
                }
            } finally {
                connection.rollback();
            }
        }
        assertThat(new JdbcTemplate(dataSource)
                        .queryForObject(
                                "SELECT count(*) FROM " + TABLE + " WHERE resource_id = ?", Integer.class, claimId))
                .isEqualTo(1);
    }

    @Test
    void theOwnerRoleIsStillHeldByTheAppendOnlyTriggers() throws SQLException {
        get(client(port, "biller"), "/test/claims/{id}", "c-owner-" + UUID.randomUUID());
        Infrastructure infrastructure = Infrastructure.get();
        String url = new JdbcTemplate(dataSource)
                .queryForObject(
                        "SELECT 'jdbc:postgresql://' || "
                                + "coalesce(host(inet_server_addr()), 'localhost') || ':' || inet_server_port() || '/' || "
                                + "current_database()",
                        String.class);
        try (Connection owner = DriverManager.getConnection(url, infrastructure.username(), infrastructure.password());
                Statement statement = owner.createStatement()) {
            assertThatThrownBy(() -> statement.execute("DELETE FROM " + TABLE))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> statement.execute("TRUNCATE " + TABLE))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("append-only");
        }
    }

    private static void inSavepoint(Connection connection, String sql) throws SQLException {
        var savepoint = connection.setSavepoint();
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            connection.rollback(savepoint);
            throw e;
        }
    }
}
