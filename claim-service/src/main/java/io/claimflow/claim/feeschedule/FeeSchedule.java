package io.claimflow.claim.feeschedule;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The chargemaster: what the billing organisation charges for a procedure on a date of service (port). */
public interface FeeSchedule {

    /**
     * Unit price of {@code procedureCode} on {@code dateOfService} for {@code tenantId}: a price for one of the line's
     * modifiers (first match in billing order) wins over the price without a modifier; the tenant's own entries win
     * over the default ('*') table.
     */
    Optional<BigDecimal> unitPrice(
            String tenantId, String procedureCode, List<String> modifiers, LocalDate dateOfService);
}
