package io.claimflow.claim.feeschedule;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Storage of the chargemaster (port). */
public interface FeeScheduleStore {

    List<FeeScheduleEntry> list(String tenantId, String procedureCode, LocalDate onDate, int limit);

    /** The entry of the same tenant, code and modifier in effect on {@code date}, locked. */
    Optional<FeeScheduleEntry> inEffectForUpdate(
            String tenantId, String procedureCode, String modifier, LocalDate date);

    /** Whether an entry of that key starts after {@code date}. */
    boolean hasLaterEntry(String tenantId, String procedureCode, String modifier, LocalDate date);

    void close(long id, LocalDate effectiveTo, String updatedBy);

    FeeScheduleEntry insert(NewPrice price, LocalDate effectiveTo, String updatedBy);
}
