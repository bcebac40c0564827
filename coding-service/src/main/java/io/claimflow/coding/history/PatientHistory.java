package io.claimflow.coding.history;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Port: coding-service's history of professional services. Calls run inside the caller's transaction. */
public interface PatientHistory {

    /** The patient's services dated from {@code from} up to the day before {@code before}, other encounters only. */
    List<ProfessionalService> servicesBetween(
            String tenantId, String patientId, LocalDate from, LocalDate before, String excludingEncounter);

    /** The first date of service the history holds for the tenant. */
    Optional<LocalDate> firstDateOfService(String tenantId);

    /** Records (or, for corrected documentation of the same encounter, replaces) one encounter. */
    void record(ProfessionalService service);

    /** What was recorded for an encounter, to code it again the same way. */
    Optional<ProfessionalService> recorded(String encounterId);
}
