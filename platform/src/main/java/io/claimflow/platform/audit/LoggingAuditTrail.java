package io.claimflow.platform.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail of a service without a database: one INFO line per record on logger {@code claimflow.audit}
 * (ids only), for a log pipeline to keep. Services with a DataSource get {@link JdbcAuditTrail}.
 */
final class LoggingAuditTrail implements AuditTrail {

    private static final Logger LOG = LoggerFactory.getLogger("claimflow.audit");

    @Override
    public void read(String resourceType, String resourceId) {
        log("read", resourceType, resourceId, AuditRecord.Outcome.SUCCESS);
    }

    @Override
    public void changed(String action, String resourceType, String resourceId) {
        log(action, resourceType, resourceId, AuditRecord.Outcome.SUCCESS);
    }

    @Override
    public void denied(String action, String resourceType, String resourceId) {
        log(action, resourceType, resourceId, AuditRecord.Outcome.DENIED);
    }

    private static void log(String action, String resourceType, String resourceId, AuditRecord.Outcome outcome) {
        LOG.info(
                "audit user={} roles={} action={} resourceType={} resourceId={} outcome={}",
                Callers.name(),
                Callers.roles(),
                action,
                resourceType,
                resourceId,
                outcome);
    }
}
