package io.claimflow.coding.history;

import io.claimflow.coding.rules.CodedLine;
import io.claimflow.coding.rules.Coding;
import io.claimflow.coding.rules.DocumentedEncounter;
import io.claimflow.coding.rules.PatientStatus;
import io.claimflow.coding.rules.PriorServices;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;

/**
 * Reads coding-service's history before an encounter is coded (new or established when the EHR says UNKNOWN, a
 * surgery's global period) and records the encounter after. Runs inside the caller's transaction.
 */
@Service
public class PatientHistoryService {

    private final PatientHistory history;

    public PatientHistoryService(PatientHistory history) {
        this.history = history;
    }

    /** A patient's date of service that is about to be coded. */
    public record Visit(String tenantId, String patientId, LocalDate dateOfService) {}

    /**
     * Reads the history {@link #withPriorCare} needs for these visits (a listener's poll) in one query, for the rest
     * of the transaction; each encounter still sees the ones recorded before it in the transaction (issue 22: a
     * query per encounter before).
     */
    public void readAhead(Collection<Visit> visits) {
        Map<List<String>, PatientHistory.Span> spans = new LinkedHashMap<>();
        for (Visit visit : visits) {
            PatientHistory.Span span = span(visit);
            spans.merge(
                    List.of(visit.tenantId(), visit.patientId()),
                    span,
                    (a, b) -> new PatientHistory.Span(
                            a.tenantId(),
                            a.patientId(),
                            a.from().isBefore(b.from()) ? a.from() : b.from(),
                            a.before().isAfter(b.before()) ? a.before() : b.before()));
        }
        history.readAhead(spans.values());
    }

    /**
     * As {@link #readAhead(Collection)} for the poll {@code current} belongs to, once per transaction: when the
     * transaction read {@code current}'s history ahead already, the poll is not gathered again (issue 22: gathered for
     * each of its events, a poll of n events cost n * n).
     */
    public void readAhead(Visit current, Supplier<Collection<Visit>> poll) {
        if (!history.readAheadCovers(span(current))) {
            readAhead(poll.get());
        }
    }

    // the history withPriorCare reads for the visit
    private static PatientHistory.Span span(Visit visit) {
        return new PatientHistory.Span(
                visit.tenantId(),
                visit.patientId(),
                visit.dateOfService().minusYears(PriorCare.LOOK_BACK_YEARS),
                visit.dateOfService());
    }

    /** The encounter with new or established decided from the history when the EHR did not say. */
    public DocumentedEncounter withPriorCare(DocumentedEncounter encounter, String patientId, CareProvider provider) {
        LocalDate dos = encounter.dateOfService();
        List<ProfessionalService> prior = history.servicesBetween(
                encounter.tenantId(),
                patientId,
                dos.minusYears(PriorCare.LOOK_BACK_YEARS),
                dos,
                encounter.encounterId());
        boolean decide = encounter.patientStatus() == PatientStatus.UNKNOWN;
        PatientStatus status = decide ? PriorCare.newOrEstablished(provider, dos, prior) : encounter.patientStatus();
        // since when the history runs only matters when it decided new or established (the coder's note says so):
        // not asked otherwise, an aggregate over the tenant's history per encounter
        Optional<LocalDate> since = decide ? history.firstDateOfService(encounter.tenantId()) : Optional.empty();
        PriorServices priorServices =
                PriorCare.prior(decide, since.orElse(null), PriorCare.surgeryCovering(provider, dos, prior));
        return encounter.withPrior(status, priorServices);
    }

    /** Records the encounter as coded (or as suggested, when held): it is history for the next one. */
    public void record(DocumentedEncounter coded, String patientId, CareProvider provider, Coding coding) {
        history.record(new ProfessionalService(
                coded.tenantId(),
                patientId,
                coded.encounterId(),
                coded.dateOfService(),
                provider,
                coded.patientStatus(),
                coded.prior().statusFromHistory(),
                coding.lines().stream().map(CodedLine::code).toList(),
                coded.prior().surgery(),
                coded.prior().surgeryDate()));
    }

    /** A stored encounter read again (recoding, the coder queue): new or established as first decided. */
    public DocumentedEncounter asRecorded(DocumentedEncounter encounter) {
        return history.recorded(encounter.encounterId())
                .map(s -> encounter.withPrior(
                        encounter.patientStatus() == PatientStatus.UNKNOWN
                                ? s.patientStatus()
                                : encounter.patientStatus(),
                        new PriorServices(s.statusFromHistory(), null, s.priorSurgery(), s.priorSurgeryDate())))
                .orElse(encounter);
    }
}
