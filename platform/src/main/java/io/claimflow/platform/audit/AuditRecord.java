package io.claimflow.platform.audit;

import java.time.Instant;
import java.util.List;

/**
 * One audit record: who did what to which resource, when, and whether it was allowed. Ids only, never patient data.
 *
 * @param id position in the trail (ascending)
 * @param occurredAt when
 * @param username who (the authenticated name; {@code system} outside a request)
 * @param roles the caller's roles at the time
 * @param action {@code read}, a change such as {@code claim.released}, or {@code access} for a refused request
 * @param resourceType what kind of resource, e.g. {@code claim}; {@code endpoint} for a refused request
 * @param resourceId which one (a refused request: {@code <method> <path>})
 * @param outcome {@code SUCCESS} or {@code DENIED}
 * @param service the service that wrote it ({@code spring.application.name})
 */
public record AuditRecord(
        long id,
        Instant occurredAt,
        String username,
        List<String> roles,
        String action,
        String resourceType,
        String resourceId,
        Outcome outcome,
        String service) {

    /** Whether the access happened. */
    public enum Outcome {
        /** Allowed and done. */
        SUCCESS,
        /** Refused (403). */
        DENIED
    }
}
