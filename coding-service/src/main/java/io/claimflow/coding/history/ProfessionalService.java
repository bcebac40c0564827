package io.claimflow.coding.history;

import io.claimflow.coding.rules.PatientStatus;
import java.time.LocalDate;
import java.util.List;

/** One encounter in coding-service's history: who saw the patient, when, and which codes it got. */
public record ProfessionalService(
        String tenantId,
        String patientId,
        String encounterId,
        LocalDate dateOfService,
        CareProvider provider,
        PatientStatus patientStatus,
        boolean statusFromHistory,
        List<String> procedureCodes,
        String priorSurgery,
        LocalDate priorSurgeryDate) {

    public ProfessionalService {
        procedureCodes = procedureCodes == null ? List.of() : List.copyOf(procedureCodes);
    }
}
