package io.claimflow.coding.history;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Port: coding-service's history of professional services. Calls run inside the caller's transaction. */
public interface PatientHistory {

    /** A patient's services dated from {@code from} up to the day before {@code before}. */
    record Span(String tenantId, String patientId, LocalDate from, LocalDate before) {}

    /**
     * Reads the patients' services of these spans at once (one query for a listener's poll, issue 22), for
     * {@link #servicesBetween} within them to answer from for the rest of the transaction, with what the transaction
     * records meanwhile; a patient read before in the transaction is not read again.
     */
    void readAhead(Collection<Span> spans);

    /**
     * Whether this transaction read the span ahead already ({@link #readAhead}): a caller with a poll's spans to read
     * ahead for each of its events asks first, so that the poll is gathered once per transaction, not once per event.
     */
    boolean readAheadCovers(Span span);

    /** The patient's services dated from {@code from} up to the day before {@code before}, other encounters only. */
    List<ProfessionalService> servicesBetween(
            String tenantId, String patientId, LocalDate from, LocalDate before, String excludingEncounter);

    /** The first date of service the history holds for the tenant. */
    Optional<LocalDate> firstDateOfService(String tenantId);

    /**
     * Records (or, for corrected documentation of the same encounter, replaces) one encounter; the row may be
     * written when the transaction commits, but every read of this port sees it at once.
     */
    void record(ProfessionalService service);

    /** What was recorded for an encounter, to code it again the same way. */
    Optional<ProfessionalService> recorded(String encounterId);
}
