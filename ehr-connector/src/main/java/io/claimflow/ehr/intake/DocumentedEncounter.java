package io.claimflow.ehr.intake;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

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
        SUBSEQUENT
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
        OTHER
    }

    public enum PatientStatus {
        NEW,
        ESTABLISHED,
        UNKNOWN
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
        OTHER
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
}
