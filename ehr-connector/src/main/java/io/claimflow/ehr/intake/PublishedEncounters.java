package io.claimflow.ehr.intake;

import java.util.Optional;
import java.util.UUID;

/** The record of what has been published, per tenant, source and version (port; JDBC adapter). */
public interface PublishedEncounters {

    /** A published row. */
    record Row(String tenantId, Source source, UUID eventId, UUID causationId) {}

    /** Serializes publications of one encounter until the current transaction ends. */
    void lock(String tenantId, String encounterId);

    Optional<Row> find(String tenantId, Source source);

    /** The encounter's most recent publication, from any channel. */
    Optional<Row> latest(String tenantId, String encounterId);

    /** Records a publication; false when that source version was recorded already (by a concurrent request). */
    boolean insertIfAbsent(Row row);
}
