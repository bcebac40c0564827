package io.claimflow.platform.audit;

import io.claimflow.platform.outbox.PlatformSchema;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The audit trail in PostgreSQL: table {@code claimflow_platform.audit_record}, insert only. A database trigger
 * refuses UPDATE, DELETE and TRUNCATE, and this class has no way to ask for them.
 *
 * <p>Records are written through the service's DataSource, so inside a service transaction they commit or roll
 * back with it: a change that did not happen leaves no "changed" record behind. Inside a read-only transaction
 * (where PostgreSQL refuses inserts) the record is written on a connection of its own and committed at once.
 */
public class JdbcAuditTrail implements AuditTrail {

    static final String TABLE = PlatformSchema.SCHEMA + ".audit_record";
    private static final String INSERT = "INSERT INTO " + TABLE
            + " (username, roles, action, resource_type, resource_id, outcome, service) VALUES (?, ?, ?, ?, ?, ?, ?)";

    /** "read" records of several resources, in the order given. */
    private static final String INSERT_EACH = "INSERT INTO " + TABLE
            + " (username, roles, action, resource_type, resource_id, outcome, service)"
            + " SELECT ?, ?, 'read', ?, id, ?, ? FROM unnest(?::text[]) WITH ORDINALITY AS r (id, n) ORDER BY n";

    private final JdbcTemplate jdbc;
    private final JdbcTemplate outsideTransactions;
    private final String service;

    JdbcAuditTrail(JdbcTemplate jdbc, String service) {
        this.jdbc = jdbc;
        this.outsideTransactions = new JdbcTemplate(new OtherKeyDataSource(jdbc.getDataSource()));
        this.service = service;
    }

    private JdbcTemplate writer() {
        if (TransactionSynchronizationManager.isActualTransactionActive()
                && TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            // Not the transaction's connection: another one from the pool, in auto-commit mode.
            return outsideTransactions;
        }
        return jdbc;
    }

    @Override
    public void read(String resourceType, String resourceId) {
        append("read", resourceType, resourceId, AuditRecord.Outcome.SUCCESS);
    }

    /** One statement for the page's records (one round trip, one commit outside a transaction). */
    @Override
    public void readAll(String resourceType, Collection<String> resourceIds) {
        requireText(resourceType, "resourceType");
        if (resourceIds.isEmpty()) {
            return;
        }
        resourceIds.forEach(id -> requireText(id, "resourceId"));
        List<String> roles = Callers.roles();
        writer().update(connection -> {
            var statement = connection.prepareStatement(INSERT_EACH);
            statement.setString(1, Callers.name());
            statement.setArray(2, connection.createArrayOf("text", roles.toArray()));
            statement.setString(3, resourceType);
            statement.setString(4, AuditRecord.Outcome.SUCCESS.name());
            statement.setString(5, service);
            statement.setArray(6, connection.createArrayOf("text", resourceIds.toArray()));
            return statement;
        });
    }

    @Override
    public void changed(String action, String resourceType, String resourceId) {
        append(action, resourceType, resourceId, AuditRecord.Outcome.SUCCESS);
    }

    @Override
    public void denied(String action, String resourceType, String resourceId) {
        append(action, resourceType, resourceId, AuditRecord.Outcome.DENIED);
    }

    private void append(String action, String resourceType, String resourceId, AuditRecord.Outcome outcome) {
        requireText(action, "action");
        requireText(resourceType, "resourceType");
        List<String> roles = Callers.roles();
        writer().update(connection -> {
            var statement = connection.prepareStatement(INSERT);
            statement.setString(1, Callers.name());
            statement.setArray(2, connection.createArrayOf("text", roles.toArray()));
            statement.setString(3, action);
            statement.setString(4, resourceType);
            statement.setString(5, resourceId);
            statement.setString(6, outcome.name());
            statement.setString(7, service);
            return statement;
        });
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    /**
     * The same pool, seen by {@link JdbcTemplate} as another DataSource, so that it does not join the transaction
     * bound to the service's DataSource.
     */
    private static final class OtherKeyDataSource extends DelegatingDataSource {

        OtherKeyDataSource(DataSource target) {
            super(target);
        }
    }
}
