package io.claimflow.claim.feeschedule;

import io.claimflow.platform.validation.InvalidInputException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes the chargemaster. A new price starts on its effective date and the price it succeeds ends the day before,
 * so every date of service has at most one price per tenant, code and modifier, and claims already built keep the
 * charges they were built with.
 */
@Service
public class FeeScheduleService {

    private static final Pattern PROCEDURE = Pattern.compile("[0-9]{4}[0-9A-Z]|[A-V][0-9]{4}");
    private static final Pattern MODIFIER = Pattern.compile("|[0-9A-Z]{2}");

    private final FeeScheduleStore store;

    public FeeScheduleService(FeeScheduleStore store) {
        this.store = store;
    }

    @Transactional(readOnly = true)
    public List<FeeScheduleEntry> list(String tenantId, String procedureCode, LocalDate onDate, int limit) {
        return store.list(tenantId, procedureCode, onDate, limit);
    }

    /**
     * Puts {@code price} in effect from its date.
     *
     * @throws IllegalArgumentException for a malformed code, modifier or amount
     * @throws FeeScheduleConflictException when a later price of the same key exists already
     */
    @Transactional
    public FeeScheduleEntry setPrice(NewPrice price, String user) {
        NewPrice p = validated(price);
        if (store.hasLaterEntry(p.tenantId(), p.procedureCode(), p.modifier(), p.effectiveFrom())) {
            throw new FeeScheduleConflictException("A later price of " + p.procedureCode()
                    + (p.modifier().isEmpty() ? "" : "-" + p.modifier()) + " exists; change that one instead");
        }
        store.inEffectForUpdate(p.tenantId(), p.procedureCode(), p.modifier(), p.effectiveFrom())
                .ifPresent(old -> {
                    if (old.effectiveFrom().equals(p.effectiveFrom())) {
                        throw new FeeScheduleConflictException("A price of " + p.procedureCode() + " starting "
                                + p.effectiveFrom() + " exists already; start the new price on a later date");
                    }
                    store.close(old.id(), p.effectiveFrom().minusDays(1), user);
                });
        return store.insert(p, null, user);
    }

    private static NewPrice validated(NewPrice p) {
        if (p.procedureCode() == null || !PROCEDURE.matcher(p.procedureCode()).matches()) {
            throw new InvalidInputException("procedureCode must be a CPT (5 characters) or HCPCS Level II code");
        }
        String modifier = p.modifier() == null ? "" : p.modifier().toUpperCase();
        if (!MODIFIER.matcher(modifier).matches()) {
            throw new InvalidInputException("modifier must be two letters or digits, or empty");
        }
        if (p.effectiveFrom() == null) {
            throw new InvalidInputException("effectiveFrom is required");
        }
        if (p.amount() == null
                || p.amount().signum() < 0
                || p.amount().scale() > 2
                || p.amount().compareTo(new BigDecimal("9999999999.99")) > 0) {
            throw new InvalidInputException("amount must be a non-negative amount in whole cents");
        }
        String tenant = p.tenantId() == null || p.tenantId().isBlank() ? "*" : p.tenantId();
        return new NewPrice(
                tenant,
                p.procedureCode(),
                modifier,
                p.effectiveFrom(),
                p.amount().setScale(2),
                p.description());
    }
}
