package io.claimflow.platform.audit;

import java.time.Instant;

/**
 * A search of the audit trail; null fields match everything. Newest first.
 *
 * @param username exact user name
 * @param resourceType exact resource type
 * @param resourceId exact resource id
 * @param action exact action
 * @param from occurred at or after
 * @param to occurred before
 * @param page zero-based page
 * @param size records per page, 1..{@value #MAX_SIZE}
 */
public record AuditQuery(
        String username,
        String resourceType,
        String resourceId,
        String action,
        Instant from,
        Instant to,
        int page,
        int size) {

    /** Largest page. */
    public static final int MAX_SIZE = 500;

    public AuditQuery {
        if (page < 0) {
            throw new IllegalArgumentException("page must not be negative");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be between 1 and " + MAX_SIZE);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
    }
}
