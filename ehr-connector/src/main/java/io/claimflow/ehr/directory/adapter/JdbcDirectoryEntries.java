package io.claimflow.ehr.directory.adapter;

import io.claimflow.ehr.directory.DirectoryEntries;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@link DirectoryEntries} in the table {@code directory_resource}. */
@Repository
class JdbcDirectoryEntries implements DirectoryEntries {

    private final JdbcClient jdbc;

    JdbcDirectoryEntries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void put(String tenantId, Key key, String resourceJson) {
        jdbc.sql("""
                INSERT INTO directory_resource (tenant_id, resource_type, identifier_system, identifier_value, resource)
                VALUES (:tenant, :type, :system, :value, :resource)
                ON CONFLICT (tenant_id, resource_type, identifier_system, identifier_value)
                DO UPDATE SET resource = EXCLUDED.resource, received_at = now()""")
                .param("tenant", tenantId)
                .param("type", key.type())
                .param("system", key.system())
                .param("value", key.value())
                .param("resource", resourceJson)
                .update();
    }

    @Override
    public Optional<String> find(String tenantId, Key key) {
        return jdbc.sql("""
                SELECT resource FROM directory_resource
                WHERE tenant_id = :tenant AND resource_type = :type AND identifier_system = :system
                  AND identifier_value = :value""")
                .param("tenant", tenantId)
                .param("type", key.type())
                .param("system", key.system())
                .param("value", key.value())
                .query(String.class)
                .optional();
    }
}
