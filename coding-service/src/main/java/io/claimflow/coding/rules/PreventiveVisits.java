package io.claimflow.coding.rules;

import io.claimflow.codes.PreventiveEncounterTypes;
import java.util.Optional;

/**
 * Preventive medicine visits: 99381-99387 (new) and 99391-99397 (established) by age band, and the encounter types
 * that mean a preventive visit.
 */
public final class PreventiveVisits {

    private PreventiveVisits() {}

    public static boolean preventiveEncounter(Documented encounterType) {
        if (encounterType == null) {
            return false;
        }
        // one list with ehr-connector's door (billing-codes)
        return (encounterType.system() == CodeSystem.SNOMED_CT && PreventiveEncounterTypes.snomed(encounterType.code()))
                || PreventiveEncounterTypes.text(encounterType.text());
    }

    /** The code for the age band, or empty when new/established is unknown. */
    public static Optional<String> code(PatientStatus status, int age) {
        if (status == PatientStatus.UNKNOWN || age < 0) {
            return Optional.empty();
        }
        int band;
        if (age < 1) {
            band = 1;
        } else if (age <= 4) {
            band = 2;
        } else if (age <= 11) {
            band = 3;
        } else if (age <= 17) {
            band = 4;
        } else if (age <= 39) {
            band = 5;
        } else if (age <= 64) {
            band = 6;
        } else {
            band = 7;
        }
        return Optional.of(Integer.toString((status == PatientStatus.NEW ? 99380 : 99390) + band));
    }

    /** A general or child health examination code (Z00.0-, Z00.1-): the reason for a preventive visit. */
    public static boolean examinationCode(String icd) {
        return icd.startsWith("Z00.0") || icd.startsWith("Z00.1");
    }

    /** The preventive-exam diagnosis that goes first: adult Z00.00 or child Z00.129 (without abnormal findings). */
    public static String examinationDiagnosis(int age, boolean abnormalFindings) {
        if (age >= 18) {
            return abnormalFindings ? "Z00.01" : "Z00.00";
        }
        return abnormalFindings ? "Z00.121" : "Z00.129";
    }
}
