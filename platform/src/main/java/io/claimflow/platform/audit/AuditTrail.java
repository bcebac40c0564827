package io.claimflow.platform.audit;

/**
 * Append-only record of who read or changed patient data. Services call it from their REST-facing application code:
 * {@link #read} when patient data is returned (claim detail, coder queue item, patient account, statement),
 * {@link #changed} when a person changes something (coding finalized, claim released, payment recorded, appeal
 * filed). Who and with which role come from the current security context; resource ids only, never patient data.
 */
public interface AuditTrail {

    /** The caller was shown the resource, for example {@code read("claim", claimId)}. */
    void read(String resourceType, String resourceId);

    /**
     * The caller was shown each of these resources (a page of a list), one record each, as {@link #read(String,
     * String)} writes them; the platform's implementations write them together (one statement), not one by one.
     */
    default void readAll(String resourceType, java.util.Collection<String> resourceIds) {
        resourceIds.forEach(id -> read(resourceType, id));
    }

    /** The caller changed the resource, for example {@code changed("claim.released", "claim", claimId)}. */
    void changed(String action, String resourceType, String resourceId);

    /**
     * The caller was refused (outcome {@code DENIED}), for example {@code denied("access", "endpoint",
     * "GET /claims/c-1")}. The platform records every 403 itself; services rarely need this. The default does nothing,
     * for test doubles; the platform's implementations record it.
     */
    default void denied(String action, String resourceType, String resourceId) {}
}
