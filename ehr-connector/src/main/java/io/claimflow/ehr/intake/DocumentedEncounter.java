package io.claimflow.ehr.intake;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * One visit as the EHR documented it, in ClaimFlow's terms: what both the FHIR and the HL7 v2 adapter map their
 * input to, and what becomes an {@code EncounterDocumented} event. Field meanings follow that event's schema.
 * Protected health information: log {@link #encounterId()} only.
 */
public record DocumentedEncounter(
        String tenantId,
        String encounterId,
        Patient patient,
        List<Coverage> coverages,
        Providers providers,
        Facility facility,
        String placeOfService,
        LocalDate dateOfService,
        EncounterClass encounterClass,
        Code encounterType,
        PatientStatus patientStatus,
        Integer totalTimeMinutes,
        MedicalDecisionMaking medicalDecisionMaking,
        List<Code> diagnoses,
        List<Code> procedures,
        List<AdministeredItem> administeredItems,
        String priorAuthorizationNumber,
        String referralNumber,
        String clinicalNote,
        AnnualWellnessVisit annualWellnessVisit,
        Boolean abnormalFindings) {

    public DocumentedEncounter {
        coverages = List.copyOf(coverages);
        diagnoses = List.copyOf(diagnoses);
        procedures = List.copyOf(procedures);
        administeredItems = List.copyOf(administeredItems);
    }

    /**
     * Terminology of a code; NONE for text without a code. CVX (vaccines) and RXNORM (drugs) code administered items
     * only.
     */
    public enum CodeSystem {
        SNOMED_CT,
        ICD_10_CM,
        CPT,
        HCPCS,
        NONE,
        CVX,
        RXNORM
    }

    /**
     * A documented finding, procedure or item, coded or not.
     *
     * @param modifiers for a procedure, its documented CPT/HCPCS modifiers in order (never null)
     * @param quantity for a procedure, its documented units of service; null when not documented
     * @param episodeOfCare for a diagnosis, the documented episode of care; null when not documented
     */
    public record Code(
            CodeSystem system,
            String code,
            String text,
            List<String> modifiers,
            BigDecimal quantity,
            EpisodeOfCare episodeOfCare) {

        public Code {
            modifiers = modifiers == null ? List.of() : List.copyOf(modifiers);
        }

        public Code(CodeSystem system, String code, String text) {
            this(system, code, text, List.of(), null, null);
        }
    }

    /** ICD-10-CM 7th character episode of care: initial, subsequent, sequela. */
    public enum EpisodeOfCare {
        INITIAL,
        SUBSEQUENT,
        SEQUELA
    }

    /** Medicare annual wellness visit: initial (G0438) or subsequent (G0439). */
    public enum AnnualWellnessVisit {
        INITIAL,
        SUBSEQUENT;

        /** The visit an HCPCS code bills: G0438 the initial, G0439 a subsequent one; empty for any other code. */
        public static Optional<AnnualWellnessVisit> ofHcpcs(String hcpcs) {
            if ("G0438".equalsIgnoreCase(hcpcs)) {
                return Optional.of(INITIAL);
            }
            if ("G0439".equalsIgnoreCase(hcpcs)) {
                return Optional.of(SUBSEQUENT);
            }
            return Optional.empty();
        }
    }

    public enum Sex {
        FEMALE,
        MALE,
        UNKNOWN
    }

    public enum EncounterClass {
        AMBULATORY,
        EMERGENCY,
        INPATIENT,
        HOME_HEALTH,
        VIRTUAL,
        OTHER;

        /**
         * The CMS place of service of a visit of this class when nothing else documents it: office 11, telehealth
         * 02, emergency room 23, inpatient hospital 21, home 12; null for OTHER (no place follows from it).
         */
        public String placeOfService() {
            return switch (this) {
                case AMBULATORY -> "11";
                case VIRTUAL -> "02";
                case EMERGENCY -> "23";
                case INPATIENT -> "21";
                case HOME_HEALTH -> "12";
                case OTHER -> null;
            };
        }
    }

    public enum PatientStatus {
        NEW,
        ESTABLISHED,
        UNKNOWN;

        /**
         * What an office visit E/M code says of the patient: 99201-99205 new, 99211-99215 established; empty for any
         * other code.
         */
        public static Optional<PatientStatus> ofOfficeVisit(String cpt) {
            if (cpt != null && cpt.matches("9920[1-5]")) {
                return Optional.of(NEW);
            }
            if (cpt != null && cpt.matches("9921[1-5]")) {
                return Optional.of(ESTABLISHED);
            }
            return Optional.empty();
        }
    }

    public enum MedicalDecisionMaking {
        STRAIGHTFORWARD,
        LOW,
        MODERATE,
        HIGH
    }

    public record Address(String line1, String line2, String city, String state, String postalCode, String country) {}

    public record Patient(
            String mrn,
            String lastName,
            String firstName,
            String middleName,
            String nameSuffix,
            LocalDate birthDate,
            Sex sex,
            Address address) {}

    public enum Responsibility {
        PRIMARY,
        SECONDARY,
        TERTIARY,
        OTHER;

        /** The payer at {@code position} (1 the first) of the patient's coverages in order: beyond the third, OTHER. */
        public static Responsibility atPosition(int position) {
            return switch (position) {
                case 1 -> PRIMARY;
                case 2 -> SECONDARY;
                case 3 -> TERTIARY;
                default -> OTHER;
            };
        }
    }

    public enum Relationship {
        SELF,
        SPOUSE,
        CHILD,
        EMPLOYEE,
        LIFE_PARTNER,
        ORGAN_DONOR,
        CADAVER_DONOR,
        UNKNOWN,
        OTHER
    }

    public record Payer(String payerId, String name) {}

    public record Subscriber(
            String memberId,
            String lastName,
            String firstName,
            String middleName,
            LocalDate birthDate,
            Sex sex,
            Address address) {}

    public record Coverage(
            Responsibility responsibility,
            Payer payer,
            Subscriber subscriber,
            Relationship relationshipToSubscriber,
            String groupNumber,
            String groupName,
            String claimFilingIndicator) {}

    public enum EntityType {
        PERSON,
        ORGANIZATION
    }

    public enum TaxIdType {
        EIN,
        SSN
    }

    public record Provider(
            String npi,
            EntityType entityType,
            String lastOrOrganizationName,
            String firstName,
            String taxonomyCode,
            String taxId,
            TaxIdType taxIdType,
            Address address) {}

    public record Providers(Provider billing, Provider rendering, Provider referring) {}

    public record Facility(String facilityId, String name, String npi, Address address) {}

    public enum ItemKind {
        DRUG,
        VACCINE,
        SUPPLY,
        OTHER
    }

    public enum Unit {
        UNIT,
        INTERNATIONAL_UNIT,
        MILLILITER,
        GRAM,
        MILLIGRAM
    }

    public record AdministeredItem(ItemKind kind, Code code, String ndc, BigDecimal quantity, Unit unit) {}

    private static final BigDecimal MAX_QUANTITY = new BigDecimal("1000000000");

    /**
     * A documented quantity (units of service, a dose) as EncounterDocumented carries it, a decimal of precision 12
     * and scale 3: at most 3 decimals and 9 integer digits, given with scale 3; empty when it does not fit (compared
     * before rescaling, so {@code 1e999999999} is never expanded).
     */
    public static Optional<BigDecimal> quantity(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() > 3 || stripped.abs().compareTo(MAX_QUANTITY) >= 0) {
            return Optional.empty();
        }
        return Optional.of(stripped.setScale(3));
    }
}
