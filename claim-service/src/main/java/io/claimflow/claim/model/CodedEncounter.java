package io.claimflow.claim.model;

import java.time.LocalDate;
import java.util.List;

/**
 * A coded encounter as claim-service needs it, mapped from EncounterCoded at the edge. {@code snapshot} is the whole
 * event as the adapter stores it (opaque bytes here, never modified), so the submitted claim can repeat every party
 * detail.
 *
 * @param coverage the primary coverage; null for a self-pay encounter
 */
public record CodedEncounter(
        String eventId,
        String encounterId,
        String tenantId,
        int codingVersion,
        LocalDate dateOfService,
        String placeOfService,
        String priorAuthorizationNumber,
        String patientMrn,
        ProviderRef billing,
        ProviderRef rendering,
        ProviderRef referring,
        CoverageRef coverage,
        List<Diagnosis> diagnoses,
        List<CodedLine> lines,
        byte[] snapshot) {

    public CodedEncounter {
        diagnoses = List.copyOf(diagnoses);
        lines = List.copyOf(lines);
    }
}
