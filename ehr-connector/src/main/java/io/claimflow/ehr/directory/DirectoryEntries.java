package io.claimflow.ehr.directory;

import java.util.Optional;

/** Where directory resources are kept, as FHIR JSON by tenant, type and business identifier (port; JDBC adapter). */
public interface DirectoryEntries {

    /** A resource's address in the directory. */
    record Key(String type, String system, String value) {}

    /** Stores (or replaces) the resource under {@code key}; inside the caller's transaction when there is one. */
    void put(String tenantId, Key key, String resourceJson);

    Optional<String> find(String tenantId, Key key);
}
