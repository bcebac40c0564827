package io.claimflow.coding.history.adapter;

import io.claimflow.coding.history.CareProvider;
import io.claimflow.coding.history.PatientHistory;
import io.claimflow.coding.history.ProfessionalService;
import io.claimflow.coding.rules.PatientStatus;
import io.claimflow.platform.jdbc.TransactionRows;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The history in PostgreSQL (table professional_service, V20). Issue 22: a transaction's recorded services are
 * written in one statement when it commits ({@link TransactionRows}; every row has what its NOT NULL columns need
 * and its upsert by encounter cannot conflict, so the write cannot fail on a row of its own), and a listener's poll
 * reads its patients' history in one query ({@link #readAhead}), kept for the transaction with what it records
 * meanwhile: an encounter sees the ones recorded before it in the same poll, as it would one by one.
 */
@Repository
class JdbcPatientHistory implements PatientHistory {

    private static final String COLUMNS = "tenant_id, patient_id, encounter_id, date_of_service, rendering_npi, "
            + "group_npi, taxonomy, patient_status, status_from_history, procedure_codes, prior_surgery, "
            + "prior_surgery_date";

    private static final Comparator<ProfessionalService> BY_DATE =
            Comparator.comparing(ProfessionalService::dateOfService).thenComparing(ProfessionalService::encounterId);

    private final JdbcClient jdbc;
    private final TransactionRows<ProfessionalService> recorded;

    JdbcPatientHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.recorded = new TransactionRows<>(this::write);
    }

    @Override
    public void readAhead(Collection<Span> spans) {
        ReadAhead known = readAheadOfTransaction();
        if (known == null) {
            return; // no transaction to keep it for
        }
        List<Span> missing = spans.stream()
                .filter(s -> !known.patients.containsKey(new Patient(s.tenantId(), s.patientId())))
                .toList();
        if (missing.isEmpty()) {
            return;
        }
        recorded.flush();
        List<ProfessionalService> services = jdbc.sql("SELECT " + prefixed("p.")
                        + " FROM professional_service p JOIN unnest(CAST(:tenants AS text[]), "
                        + "CAST(:patients AS text[]), CAST(CAST(:froms AS text[]) AS date[]), "
                        + "CAST(CAST(:befores AS text[]) AS date[])) AS s (tenant_id, patient_id, from_date, "
                        + "before_date) ON p.tenant_id = s.tenant_id AND p.patient_id = s.patient_id "
                        + "AND p.date_of_service >= s.from_date AND p.date_of_service < s.before_date")
                .param("tenants", column(missing, Span::tenantId))
                .param("patients", column(missing, Span::patientId))
                .param("froms", column(missing, s -> s.from().toString()))
                .param("befores", column(missing, s -> s.before().toString()))
                .query((rs, n) -> service(rs))
                .list();
        for (Span span : missing) {
            known.patients.put(new Patient(span.tenantId(), span.patientId()), new Known(span, new ArrayList<>()));
        }
        for (ProfessionalService service : services) {
            known.add(known.patients.get(new Patient(service.tenantId(), service.patientId())), service);
        }
    }

    @Override
    public boolean readAheadCovers(Span span) {
        Known known = readAheadOf(span.tenantId(), span.patientId());
        return known != null && known.covers(span.from(), span.before());
    }

    @Override
    public List<ProfessionalService> servicesBetween(
            String tenantId, String patientId, LocalDate from, LocalDate before, String excludingEncounter) {
        Known known = readAheadOf(tenantId, patientId);
        if (known != null && known.covers(from, before)) {
            return known.services.stream()
                    .filter(s -> !s.dateOfService().isBefore(from)
                            && s.dateOfService().isBefore(before)
                            && !s.encounterId().equals(excludingEncounter))
                    .sorted(BY_DATE)
                    .toList();
        }
        recorded.flush();
        return jdbc.sql("SELECT " + COLUMNS + " FROM professional_service WHERE tenant_id = :tenant "
                        + "AND patient_id = :patient AND date_of_service >= :from AND date_of_service < :before "
                        + "AND encounter_id <> :encounter ORDER BY date_of_service, encounter_id")
                .param("tenant", tenantId)
                .param("patient", patientId)
                .param("from", from)
                .param("before", before)
                .param("encounter", excludingEncounter)
                .query((rs, n) -> service(rs))
                .list();
    }

    @Override
    public Optional<LocalDate> firstDateOfService(String tenantId) {
        recorded.flush();
        List<LocalDate> first = jdbc.sql(
                        "SELECT min(date_of_service) FROM professional_service " + "WHERE tenant_id = :tenant")
                .param("tenant", tenantId)
                .query((rs, n) -> rs.getObject(1, LocalDate.class))
                .list();
        return first.stream().filter(Objects::nonNull).findFirst();
    }

    @Override
    public void record(ProfessionalService s) {
        recorded.add(s);
        ReadAhead readAhead = boundReadAhead();
        if (readAhead != null) {
            // replaces the encounter's row, whichever patient it was of
            Known before = readAhead.byEncounter.remove(s.encounterId());
            if (before != null) {
                before.services.removeIf(o -> o.encounterId().equals(s.encounterId()));
            }
            Known known = readAhead.patients.get(new Patient(s.tenantId(), s.patientId()));
            if (known != null) {
                readAhead.add(known, s);
            }
        }
    }

    // one upsert for the transaction's rows; an encounter recorded twice keeps its last row (one statement cannot
    // update a row twice)
    private void write(List<ProfessionalService> rows) {
        Map<String, ProfessionalService> last = new LinkedHashMap<>();
        for (ProfessionalService row : rows) {
            last.remove(row.encounterId());
            last.put(row.encounterId(), row);
        }
        List<ProfessionalService> services = List.copyOf(last.values());
        jdbc.sql("INSERT INTO professional_service (" + COLUMNS + ") SELECT tenant_id, patient_id, encounter_id, "
                        + "CAST(date_of_service AS date), rendering_npi, group_npi, taxonomy, patient_status, "
                        + "CAST(status_from_history AS boolean), CAST(procedure_codes AS text[]), prior_surgery, "
                        + "CAST(prior_surgery_date AS date) FROM unnest(CAST(:tenants AS text[]), "
                        + "CAST(:patients AS text[]), CAST(:encounters AS text[]), CAST(:dates AS text[]), "
                        + "CAST(:renderings AS text[]), CAST(:groups AS text[]), CAST(:taxonomies AS text[]), "
                        + "CAST(:statuses AS text[]), CAST(:fromHistory AS text[]), CAST(:codes AS text[]), "
                        + "CAST(:surgeries AS text[]), CAST(:surgeryDates AS text[])) AS r (tenant_id, patient_id, "
                        + "encounter_id, date_of_service, rendering_npi, group_npi, taxonomy, patient_status, "
                        + "status_from_history, procedure_codes, prior_surgery, prior_surgery_date) "
                        + "ON CONFLICT (encounter_id) DO UPDATE SET tenant_id = excluded.tenant_id, "
                        + "patient_id = excluded.patient_id, date_of_service = excluded.date_of_service, "
                        + "rendering_npi = excluded.rendering_npi, group_npi = excluded.group_npi, "
                        + "taxonomy = excluded.taxonomy, patient_status = excluded.patient_status, "
                        + "status_from_history = excluded.status_from_history, "
                        + "procedure_codes = excluded.procedure_codes, prior_surgery = excluded.prior_surgery, "
                        + "prior_surgery_date = excluded.prior_surgery_date, recorded_at = now()")
                .param("tenants", column(services, ProfessionalService::tenantId))
                .param("patients", column(services, ProfessionalService::patientId))
                .param("encounters", column(services, ProfessionalService::encounterId))
                .param("dates", column(services, s -> s.dateOfService().toString()))
                .param("renderings", column(services, s -> s.provider().renderingNpi()))
                .param("groups", column(services, s -> s.provider().groupNpi()))
                .param("taxonomies", column(services, s -> s.provider().taxonomy()))
                .param("statuses", column(services, s -> s.patientStatus().name()))
                .param("fromHistory", column(services, s -> Boolean.toString(s.statusFromHistory())))
                .param("codes", column(services, s -> "{" + String.join(",", s.procedureCodes()) + "}"))
                .param("surgeries", column(services, ProfessionalService::priorSurgery))
                .param("surgeryDates", column(services, s -> Objects.toString(s.priorSurgeryDate(), null)))
                .update();
    }

    @Override
    public Optional<ProfessionalService> recorded(String encounterId) {
        recorded.flush();
        return jdbc.sql("SELECT " + COLUMNS + " FROM professional_service WHERE encounter_id = :encounter")
                .param("encounter", encounterId)
                .query((rs, n) -> service(rs))
                .optional();
    }

    private static <T> String[] column(List<T> rows, Function<T, String> value) {
        return rows.stream().map(value).toArray(String[]::new);
    }

    private static String prefixed(String alias) {
        return Arrays.stream(COLUMNS.split(", "))
                .map(c -> alias + c)
                .reduce((a, b) -> a + ", " + b)
                .orElseThrow();
    }

    // what the transaction read ahead of the patient, or null
    private Known readAheadOf(String tenantId, String patientId) {
        ReadAhead readAhead = boundReadAhead();
        return readAhead == null ? null : readAhead.patients.get(new Patient(tenantId, patientId));
    }

    // the transaction's read-ahead if it read ahead
    private ReadAhead boundReadAhead() {
        return TransactionSynchronizationManager.isSynchronizationActive()
                ? (ReadAhead) TransactionSynchronizationManager.getResource(this)
                : null;
    }

    // the transaction's read-ahead, bound to it until it completes; null without a transaction
    private ReadAhead readAheadOfTransaction() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        ReadAhead readAhead = (ReadAhead) TransactionSynchronizationManager.getResource(this);
        if (readAhead == null) {
            ReadAhead bound = new ReadAhead();
            TransactionSynchronizationManager.bindResource(this, bound);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void suspend() {
                    TransactionSynchronizationManager.unbindResourceIfPossible(JdbcPatientHistory.this);
                }

                @Override
                public void resume() {
                    TransactionSynchronizationManager.bindResource(JdbcPatientHistory.this, bound);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(JdbcPatientHistory.this);
                }
            });
            readAhead = bound;
        }
        return readAhead;
    }

    private record Patient(String tenantId, String patientId) {}

    private record Known(Span span, List<ProfessionalService> services) {

        boolean covers(LocalDate from, LocalDate before) {
            return !from.isBefore(span.from()) && !before.isAfter(span.before());
        }
    }

    // the patients read ahead, and which patient's services hold an encounter (an encounter is one row: recording it
    // again replaces it, looked up here rather than in every patient's services)
    private static final class ReadAhead {
        private final Map<Patient, Known> patients = new HashMap<>();
        private final Map<String, Known> byEncounter = new HashMap<>();

        void add(Known known, ProfessionalService service) {
            known.services.add(service);
            byEncounter.put(service.encounterId(), known);
        }
    }

    private static ProfessionalService service(ResultSet rs) throws SQLException {
        Array codes = rs.getArray("procedure_codes");
        return new ProfessionalService(
                rs.getString("tenant_id"),
                rs.getString("patient_id"),
                rs.getString("encounter_id"),
                rs.getObject("date_of_service", LocalDate.class),
                new CareProvider(rs.getString("rendering_npi"), rs.getString("group_npi"), rs.getString("taxonomy")),
                PatientStatus.valueOf(rs.getString("patient_status")),
                rs.getBoolean("status_from_history"),
                codes == null ? List.of() : Arrays.asList((String[]) codes.getArray()),
                rs.getString("prior_surgery"),
                rs.getObject("prior_surgery_date", LocalDate.class));
    }
}
