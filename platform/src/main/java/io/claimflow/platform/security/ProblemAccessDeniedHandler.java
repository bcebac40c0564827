package io.claimflow.platform.security;

import io.claimflow.platform.audit.AuditTrail;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 403 as a problem detail; the refusal goes into the audit trail with outcome {@code DENIED} (resource type
 * {@value #RESOURCE_TYPE}, resource id {@code <method> <path>}).
 */
public final class ProblemAccessDeniedHandler implements AccessDeniedHandler {

    /** Resource type of denied-access audit records. */
    static final String RESOURCE_TYPE = "endpoint";
    /** Action of denied-access audit records. */
    static final String ACTION = "access";

    private static final Logger LOG = LoggerFactory.getLogger(ProblemAccessDeniedHandler.class);

    private final ObjectProvider<AuditTrail> auditTrail;

    public ProblemAccessDeniedHandler(ObjectProvider<AuditTrail> auditTrail) {
        this.auditTrail = auditTrail;
    }

    @Override
    public void handle(
            HttpServletRequest request, HttpServletResponse response, AccessDeniedException accessDeniedException)
            throws IOException {
        String endpoint = request.getMethod() + " " + request.getRequestURI();
        AuditTrail trail = auditTrail.getIfAvailable();
        if (trail != null) {
            try {
                trail.denied(ACTION, RESOURCE_TYPE, endpoint);
            } catch (RuntimeException e) {
                // The caller gets the 403 in any case; the failure to record it must be visible.
                LOG.error(
                        "Could not record denied access to {}: {}",
                        endpoint,
                        e.getClass().getName());
            }
        }
        ProblemResponses.write(
                request,
                response,
                HttpServletResponse.SC_FORBIDDEN,
                "Forbidden",
                "Your role does not allow this request");
    }
}
