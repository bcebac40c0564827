package io.claimflow.coding.rules;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;

/**
 * What coding needs of an EncounterDocumented event, free of the wire format.
 *
 * @param medicare the primary payer is Medicare Part B (claim filing indicator MB): X{EPSU} modifiers instead of 59,
 *     G0008 for influenza vaccine administration
 */
public record DocumentedEncounter(
        String encounterId,
        String tenantId,
        LocalDate dateOfService,
        LocalDate birthDate,
        Sex sex,
        String placeOfService,
        String encounterClass,
        Documented encounterType,
        PatientStatus patientStatus,
        Integer totalTimeMinutes,
        DecisionMaking decisionMaking,
        List<Documented> diagnoses,
        List<Documented> procedures,
        List<AdministeredItem> administeredItems,
        boolean medicare) {

    public DocumentedEncounter {
        diagnoses = diagnoses == null ? List.of() : List.copyOf(diagnoses);
        procedures = procedures == null ? List.of() : List.copyOf(procedures);
        administeredItems = administeredItems == null ? List.of() : List.copyOf(administeredItems);
        sex = sex == null ? Sex.UNKNOWN : sex;
        patientStatus = patientStatus == null ? PatientStatus.UNKNOWN : patientStatus;
    }

    /** Age in completed years on the date of service. */
    public int ageOnDateOfService() {
        return Period.between(birthDate, dateOfService).getYears();
    }
}
