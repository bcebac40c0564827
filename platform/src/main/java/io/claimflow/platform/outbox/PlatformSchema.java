package io.claimflow.platform.outbox;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.InitializingBean;

/**
 * Creates and migrates the platform's tables ({@code outbox}, {@code processed_event}) in their own PostgreSQL schema
 * {@value #SCHEMA}, with their own Flyway history, from {@code classpath:db/claimflow-platform}.
 *
 * <p>Why a schema of its own: the platform's migrations then version independently of every service's
 * {@code db/migration} (no reserved version numbers, no out-of-order migrations when the platform adds a table
 * after a service is at V7), and the service's Flyway still finds its {@code public} schema as it left it.
 */
public final class PlatformSchema implements InitializingBean {

    /** Schema of the platform tables. */
    public static final String SCHEMA = "claimflow_platform";

    private final DataSource dataSource;
    private final boolean migrate;
    private final MigrationLogin login;

    PlatformSchema(DataSource dataSource, boolean migrate) {
        this(dataSource, migrate, null);
    }

    PlatformSchema(DataSource dataSource, boolean migrate, MigrationLogin login) {
        this.dataSource = dataSource;
        this.migrate = migrate;
        this.login = login;
    }

    /** The owner role that runs migrations, when it is not the application's DataSource's role. */
    record MigrationLogin(String url, String user, String password) {

        @Override
        public String toString() {
            return "MigrationLogin[" + user + " at " + url + "]";
        }
    }

    @Override
    public void afterPropertiesSet() {
        if (migrate) {
            var configuration = Flyway.configure(PlatformSchema.class.getClassLoader());
            if (login == null) {
                configuration.dataSource(dataSource);
            } else {
                configuration.dataSource(login.url(), login.user(), login.password());
            }
            configuration
                    .schemas(SCHEMA)
                    .createSchemas(true)
                    .table("flyway_schema_history")
                    .locations("classpath:db/claimflow-platform")
                    .load()
                    .migrate();
        }
    }
}
