package io.claimflow.ehr.hl7;

import io.claimflow.ehr.intake.DocumentedEncounter.CodeSystem;
import io.claimflow.ehr.intake.DocumentedEncounter.EncounterClass;
import io.claimflow.ehr.intake.DocumentedEncounter.Relationship;
import io.claimflow.ehr.intake.DocumentedEncounter.Sex;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The HL7 v2 code tables a DFT^P03 is read with, as plain values (the message model is the adapter's): coding system
 * names, patient class, administrative sex, the insured's relationship, the plan type as claim filing indicator.
 */
public final class Hl7Codes {

    /** HL7 table 0396 and common local spellings of coding system names. */
    private static final Map<String, CodeSystem> CODING_SYSTEMS = Map.ofEntries(
            Map.entry("I10", CodeSystem.ICD_10_CM),
            Map.entry("I10C", CodeSystem.ICD_10_CM),
            Map.entry("ICD10CM", CodeSystem.ICD_10_CM),
            Map.entry("ICD-10-CM", CodeSystem.ICD_10_CM),
            Map.entry("SCT", CodeSystem.SNOMED_CT),
            Map.entry("SNOMEDCT", CodeSystem.SNOMED_CT),
            Map.entry("SNOMED", CodeSystem.SNOMED_CT),
            Map.entry("SNM", CodeSystem.SNOMED_CT),
            Map.entry("C4", CodeSystem.CPT),
            Map.entry("CPT", CodeSystem.CPT),
            Map.entry("CPT4", CodeSystem.CPT),
            Map.entry("CPT-4", CodeSystem.CPT),
            Map.entry("HCPCS", CodeSystem.HCPCS),
            Map.entry("HCPC", CodeSystem.HCPCS),
            Map.entry("HPC", CodeSystem.HCPCS));

    /** X12 SBR09 claim filing indicator codes, accepted as they are from IN1-15 plan type. */
    private static final Set<String> CLAIM_FILING_INDICATORS = Set.of(
            "11", "12", "13", "14", "15", "16", "17", "AM", "BL", "CH", "CI", "DS", "FI", "HM", "LM", "MA", "MB", "MC",
            "OF", "TV", "VA", "WC", "ZZ");

    private Hl7Codes() {}

    /** ClaimFlow's code system for a CE-3 / DG1-2 coding system name (table 0396 or a common spelling); empty else. */
    public static Optional<CodeSystem> codingSystem(String name) {
        return Optional.ofNullable(name == null ? null : CODING_SYSTEMS.get(name.toUpperCase(Locale.ROOT)));
    }

    /** IN1-15 plan type as an X12 SBR09 claim filing indicator, upper case; null when it is none. */
    public static String claimFilingIndicator(String planType) {
        return planType != null && CLAIM_FILING_INDICATORS.contains(planType.toUpperCase(Locale.ROOT))
                ? planType.toUpperCase(Locale.ROOT)
                : null;
    }

    /** PV1-2 patient class (HL7 table 0004): O and R ambulatory, E emergency, I inpatient; none: ambulatory. */
    public static EncounterClass encounterClass(String patientClass) {
        if (patientClass == null) {
            return EncounterClass.AMBULATORY;
        }
        return switch (patientClass.toUpperCase(Locale.ROOT)) {
            case "O", "R" -> EncounterClass.AMBULATORY;
            case "E" -> EncounterClass.EMERGENCY;
            case "I" -> EncounterClass.INPATIENT;
            default -> EncounterClass.OTHER;
        };
    }

    /** PID-8 / IN1-43 administrative sex (HL7 table 0001): F, M, else unknown. */
    public static Sex sex(String value) {
        if (value == null) {
            return Sex.UNKNOWN;
        }
        return switch (value.toUpperCase(Locale.ROOT)) {
            case "F" -> Sex.FEMALE;
            case "M" -> Sex.MALE;
            default -> Sex.UNKNOWN;
        };
    }

    /**
     * The patient's relationship to the insured. IN1-17 (HL7 table 0063) says how the insured relates to the
     * patient, so PAR (the insured is the patient's parent) makes the patient the CHILD; IN2-72 (table 0344) is
     * already the patient's side.
     */
    public static Relationship relationship(String in117, String in272) {
        if (in117 != null) {
            return switch (in117.toUpperCase(Locale.ROOT)) {
                case "SEL" -> Relationship.SELF;
                case "SPO" -> Relationship.SPOUSE;
                case "DOM" -> Relationship.LIFE_PARTNER;
                case "PAR", "MTH", "FTH", "GRD" -> Relationship.CHILD;
                case "EMR" -> Relationship.EMPLOYEE;
                case "UNK" -> Relationship.UNKNOWN;
                default -> Relationship.OTHER;
            };
        }
        if (in272 != null) {
            return switch (in272) {
                case "01" -> Relationship.SELF;
                case "02" -> Relationship.SPOUSE;
                case "03", "04", "05", "06" -> Relationship.CHILD;
                case "08" -> Relationship.EMPLOYEE;
                case "09" -> Relationship.UNKNOWN;
                case "11" -> Relationship.ORGAN_DONOR;
                case "12" -> Relationship.CADAVER_DONOR;
                default -> Relationship.OTHER;
            };
        }
        return Relationship.SELF;
    }
}
