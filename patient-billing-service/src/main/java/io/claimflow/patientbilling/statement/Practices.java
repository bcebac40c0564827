package io.claimflow.patientbilling.statement;

import java.util.Map;
import java.util.Optional;

/** The practice each tenant's statements come from, as configured; a tenant without one is not listed. */
public record Practices(Map<String, Practice> byTenant) {

    public Practices {
        byTenant = Map.copyOf(byTenant);
    }

    public Optional<Practice> of(String tenantId) {
        return Optional.ofNullable(byTenant.get(tenantId));
    }
}
