package io.claimflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Docker Compose's database set-up ({@code docker/postgres-init.sh}, what the postgres image runs on an empty volume)
 * run as it is, with psql, against a real PostgreSQL: the same roles as the local stack's {@link DatabaseSetup}. Skipped
 * where psql is not installed.
 */
class DockerDatabaseRolesTest {

    static final Path SCRIPT = Path.of("..", "docker", "postgres-init.sh");

    static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(onPath("psql"), "psql is not installed");
        postgres = EmbeddedPostgres.builder().start();
        ProcessBuilder init = new ProcessBuilder("bash", SCRIPT.toString()).redirectErrorStream(true);
        init.environment().put("POSTGRES_USER", "postgres");
        init.environment().put("PGHOST", "localhost");
        init.environment().put("PGPORT", Integer.toString(postgres.getPort()));
        init.environment().put("PGDATABASE", "postgres");
        Process process = init.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
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
        if (postgres != null) {
            postgres.close();
        }
    }

    static Connection login(String role) throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + postgres.getPort() + "/claimflow_claim", role, "claimflow");
    }

    @Test
    void everyServiceHasItsDatabaseOwnedByItsOwnerRole() throws SQLException {
        try (Connection admin = postgres.getPostgresDatabase().getConnection();
                Statement s = admin.createStatement();
                ResultSet rs = s.executeQuery("SELECT d.datname, r.rolname FROM pg_database d "
                        + "JOIN pg_roles r ON r.oid = d.datdba WHERE d.datname LIKE 'claimflow%' ORDER BY 1")) {
            int databases = 0;
            while (rs.next()) {
                assertThat(rs.getString(2)).isEqualTo(rs.getString(1) + "_owner");
                databases++;
            }
            assertThat(databases).isEqualTo(StackConfig.DATABASES.size());
        }
    }

    @Test
    void theOperatorReadsEveryTableOfTheOwnerAndWritesNone() throws SQLException {
        DatabaseRolesTest.operatorReadsEveryTableAndWritesNone(DockerDatabaseRolesTest::login);
    }

    @Test
    void theServicesLoginWritesItsTablesAndCreatesNothing() throws SQLException {
        try (Connection application = login("claimflow_claim_app");
                Statement s = application.createStatement()) {
            assertThat(s.executeUpdate("UPDATE claim SET claim_id = claim_id")).isEqualTo(1);
            assertThatThrownBy(() -> s.execute("CREATE TABLE mine (x int)")).hasMessageContaining("permission denied");
        }
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (new File(dir, command).canExecute()) {
                return true;
            }
        }
        return false;
    }
}
