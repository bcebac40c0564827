package io.claimflow.adjudication.response;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Received files that could not be read or did not balance, kept with their reason until someone resolves them. */
public interface Quarantine {

    long quarantine(long interchangeId, String reason);

    List<QuarantinedFile> list(String status, int limit);

    Optional<QuarantinedFile> find(long id);

    void resolve(long id, String status);

    /** One quarantined file; status QUARANTINED, RETRIED (processed after a retry) or still QUARANTINED. */
    record QuarantinedFile(
            long id, long interchangeId, String reason, String status, Instant quarantinedAt, Instant resolvedAt) {}
}
