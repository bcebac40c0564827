package io.claimflow.coding.history.adapter;

import io.claimflow.coding.history.CareProvider;
import io.claimflow.coding.history.PatientHistory;
import io.claimflow.coding.history.ProfessionalService;
import io.claimflow.coding.rules.PatientStatus;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The history in PostgreSQL (table professional_service, V20). */
@Repository
class JdbcPatientHistory implements PatientHistory {

    private static final String COLUMNS = "tenant_id, patient_id, encounter_id, date_of_service, rendering_npi, "
            + "group_npi, taxonomy, patient_status, status_from_history, procedure_codes, prior_surgery, "
            + "prior_surgery_date";

    private final JdbcClient jdbc;

    JdbcPatientHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<ProfessionalService> servicesBetween(
            String tenantId, String patientId, LocalDate from, LocalDate before, String excludingEncounter) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM professional_service WHERE tenant_id = :tenant "
                        + "AND patient_id = :patient AND date_of_service >= :from AND date_of_service < :before "
                        + "AND encounter_id <> :encounter ORDER BY date_of_service")
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
        List<LocalDate> first = jdbc.sql(
                        "SELECT min(date_of_service) FROM professional_service " + "WHERE tenant_id = :tenant")
                .param("tenant", tenantId)
                .query((rs, n) -> rs.getObject(1, LocalDate.class))
                .list();
        return first.stream().filter(java.util.Objects::nonNull).findFirst();
    }

    @Override
    public void record(ProfessionalService s) {
        jdbc.sql("INSERT INTO professional_service (" + COLUMNS + ") VALUES (:tenant, :patient, :encounter, :dos, "
                        + ":rendering, :group, :taxonomy, :status, :fromHistory, CAST(:codes AS text[]), :surgery, "
                        + ":surgeryDate) ON CONFLICT (encounter_id) DO UPDATE SET tenant_id = excluded.tenant_id, "
                        + "patient_id = excluded.patient_id, date_of_service = excluded.date_of_service, "
                        + "rendering_npi = excluded.rendering_npi, group_npi = excluded.group_npi, "
                        + "taxonomy = excluded.taxonomy, patient_status = excluded.patient_status, "
                        + "status_from_history = excluded.status_from_history, "
                        + "procedure_codes = excluded.procedure_codes, prior_surgery = excluded.prior_surgery, "
                        + "prior_surgery_date = excluded.prior_surgery_date, recorded_at = now()")
                .param("tenant", s.tenantId())
                .param("patient", s.patientId())
                .param("encounter", s.encounterId())
                .param("dos", s.dateOfService())
                .param("rendering", s.provider().renderingNpi())
                .param("group", s.provider().groupNpi())
                .param("taxonomy", s.provider().taxonomy())
                .param("status", s.patientStatus().name())
                .param("fromHistory", s.statusFromHistory())
                .param("codes", "{" + String.join(",", s.procedureCodes()) + "}")
                .param("surgery", s.priorSurgery())
                .param("surgeryDate", s.priorSurgeryDate())
                .update();
    }

    @Override
    public Optional<ProfessionalService> recorded(String encounterId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM professional_service WHERE encounter_id = :encounter")
                .param("encounter", encounterId)
                .query((rs, n) -> service(rs))
                .optional();
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
