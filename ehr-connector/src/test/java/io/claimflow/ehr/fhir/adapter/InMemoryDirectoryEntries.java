package io.claimflow.ehr.fhir.adapter;

import io.claimflow.ehr.directory.DirectoryEntries;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The directory in memory, for tests without a database. */
final class InMemoryDirectoryEntries implements DirectoryEntries {

    private final Map<String, String> entries = new ConcurrentHashMap<>();

    @Override
    public void put(String tenantId, Key key, String resourceJson) {
        entries.put(tenantId + "|" + key, resourceJson);
    }

    @Override
    public Optional<String> find(String tenantId, Key key) {
        return Optional.ofNullable(entries.get(tenantId + "|" + key));
    }
}
