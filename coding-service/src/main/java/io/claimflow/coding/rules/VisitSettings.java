package io.claimflow.coding.rules;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which E/M family a visit belongs to, from its encounter class, place of service and encounter type, and the
 * level rules that do not depend on the rest of the coding: the emergency department levels, and the conservative
 * default when neither medical decision making nor time is documented (Synthea, and many EHR exports, document
 * neither).
 */
public final class VisitSettings {

    /** The E/M family of a visit. */
    public enum Setting {
        /** Office or other outpatient E/M (99202-99215), also urgent care, telehealth and consultations. */
        OFFICE,
        /** Emergency department visit (99281-99285). */
        EMERGENCY,
        /** Inpatient or observation care (99221-99239): admission and discharge days decide the code. */
        INPATIENT,
        /** Any other setting (home health, unknown). */
        OTHER
    }

    /** Places of service of office or other outpatient E/M: office, telehealth (02, 10), urgent care (20), outpatient
     *  hospital (19, 22). */
    static final Set<String> OFFICE_PLACES = Set.of("11", "02", "10", "19", "20", "22");

    /** SNOMED CT encounter types of a prenatal or postnatal visit. */
    static final Set<String> OBSTETRIC_TYPES = Set.of("424619006", "424441002", "169762003", "18114009");

    /** SNOMED CT postoperative follow-up visit. */
    static final Set<String> POSTOPERATIVE_TYPES = Set.of("439740005");

    /** SNOMED CT encounters for a procedure: the visit is the procedure, no E/M of its own unless nothing is coded. */
    static final Set<String> PROCEDURE_TYPES = Set.of("308335008");

    /**
     * SNOMED CT encounter types that are a visit with a practitioner, so an E/M is coded even when only procedures
     * or screenings are documented with it (unlike a nurse visit for an injection or a vaccine): problem, symptom,
     * urgent care, consultation, prenatal/postnatal, postoperative.
     */
    static final Set<String> PRACTITIONER_VISIT_TYPES = Set.of(
            "185347001",
            "185345009",
            "702927004",
            "698314001",
            "424619006",
            "424441002",
            "169762003",
            "18114009",
            "439740005",
            "11429006",
            "50849002");

    private VisitSettings() {}

    public static Setting setting(String encounterClass, String placeOfService) {
        if ("EMERGENCY".equals(encounterClass) || "23".equals(placeOfService)) {
            return Setting.EMERGENCY;
        }
        if ("INPATIENT".equals(encounterClass) || Set.of("21", "51", "61").contains(placeOfService)) {
            return Setting.INPATIENT;
        }
        if (OFFICE_PLACES.contains(placeOfService)
                && ("AMBULATORY".equals(encounterClass) || "VIRTUAL".equals(encounterClass))) {
            return Setting.OFFICE;
        }
        return Setting.OTHER;
    }

    public static boolean obstetric(Documented type) {
        return snomed(type, OBSTETRIC_TYPES);
    }

    public static boolean postoperative(Documented type) {
        return snomed(type, POSTOPERATIVE_TYPES);
    }

    public static boolean procedureVisit(Documented type) {
        return snomed(type, PROCEDURE_TYPES);
    }

    public static boolean practitionerVisit(Documented type) {
        return snomed(type, PRACTITIONER_VISIT_TYPES);
    }

    /**
     * Emergency department E/M by medical decision making (CPT 2023 ED guidelines): straightforward 99282, low
     * 99283, moderate 99284, high 99285. 99281 (may not need a physician) is never chosen automatically.
     */
    public static String emergencyCode(DecisionMaking mdm) {
        return switch (mdm) {
            case STRAIGHTFORWARD -> "99282";
            case LOW -> "99283";
            case MODERATE -> "99284";
            case HIGH -> "99285";
        };
    }

    /**
     * The level of medical decision making assumed when neither MDM nor time is documented: straightforward
     * without a problem diagnosis (only Z codes: screening, counselling, a supervised pregnancy), low with one or
     * more problems. Never above low: the number of problems alone is one of the three MDM elements, and without
     * the data reviewed and the risk an automatic moderate or high would be upcoding; a practice that documents
     * MDM gets its level.
     */
    public static DecisionMaking defaultDecisionMaking(List<CodedDiagnosis> diagnoses) {
        boolean problem = diagnoses.stream().anyMatch(d -> !d.code().startsWith("Z"));
        return problem ? DecisionMaking.LOW : DecisionMaking.STRAIGHTFORWARD;
    }

    /** The postoperative visit code inside a global surgical period (no charge): CPT 99024. */
    public static Optional<String> postoperativeVisit(PriorServices prior) {
        return prior.inGlobalSurgicalPeriod() ? Optional.of("99024") : Optional.empty();
    }

    private static boolean snomed(Documented type, Set<String> codes) {
        return type != null && type.system() == CodeSystem.SNOMED_CT && codes.contains(type.code());
    }
}
