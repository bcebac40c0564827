package io.claimflow.coding.rules;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;

/**
 * What coding needs of an EncounterDocumented event, free of the wire format.
 *
 * @param medicare the primary payer is Medicare Part B (claim filing indicator MB): X{EPSU} modifiers instead of 59,
 *     G0008 for influenza vaccine administration
 * @param annualWellnessVisit a Medicare annual wellness visit (G0438/G0439) was documented; null when none
 * @param abnormalFindings a general or preventive examination found abnormalities (Z00.01 rather than Z00.00);
 *     null when not documented, read as none found
 * @param prior what coding-service's own history says about the patient's earlier services (new or established
 *     decided from it, a surgery whose global period covers this date); {@link PriorServices#NONE} (or null) when
 *     unknown, as it is when the documentation arrives: {@link #withPrior} adds it
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
        boolean medicare,
        AnnualWellnessVisit annualWellnessVisit,
        Boolean abnormalFindings,
        PriorServices prior) {

    public DocumentedEncounter {
        prior = prior == null ? PriorServices.NONE : prior;
        diagnoses = diagnoses == null ? List.of() : List.copyOf(diagnoses);
        procedures = procedures == null ? List.of() : List.copyOf(procedures);
        administeredItems = administeredItems == null ? List.of() : List.copyOf(administeredItems);
        sex = sex == null ? Sex.UNKNOWN : sex;
        patientStatus = patientStatus == null ? PatientStatus.UNKNOWN : patientStatus;
    }

    /** The same documentation with new or established and the earlier services coding-service's history knows. */
    public DocumentedEncounter withPrior(PatientStatus status, PriorServices priorServices) {
        return new DocumentedEncounter(
                encounterId,
                tenantId,
                dateOfService,
                birthDate,
                sex,
                placeOfService,
                encounterClass,
                encounterType,
                status,
                totalTimeMinutes,
                decisionMaking,
                diagnoses,
                procedures,
                administeredItems,
                medicare,
                annualWellnessVisit,
                abnormalFindings,
                priorServices);
    }

    /** Whether the examination found abnormalities, as documented (not documented: none). */
    public boolean examinationFoundAbnormalities() {
        return Boolean.TRUE.equals(abnormalFindings);
    }

    /** Age in completed years on the date of service. */
    public int ageOnDateOfService() {
        return Period.between(birthDate, dateOfService).getYears();
    }
}
