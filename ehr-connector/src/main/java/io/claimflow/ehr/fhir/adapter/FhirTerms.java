package io.claimflow.ehr.fhir.adapter;

import io.claimflow.ehr.intake.DocumentedEncounter.CodeSystem;
import java.util.Map;
import java.util.Optional;

/** The code systems, identifier systems and extensions the FHIR adapter reads, by their canonical URIs. */
final class FhirTerms {

    static final String SNOMED_CT = "http://snomed.info/sct";
    static final String ICD_10_CM = "http://hl7.org/fhir/sid/icd-10-cm";
    static final String CPT = "http://www.ama-assn.org/go/cpt";
    static final String HCPCS = "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets";
    static final String NDC = "http://hl7.org/fhir/sid/ndc";
    static final String CVX = "http://hl7.org/fhir/sid/cvx";
    static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";

    static final String NPI = "http://hl7.org/fhir/sid/us-npi";
    static final String EIN = "urn:oid:2.16.840.1.113883.4.4";
    static final String NUCC_TAXONOMY = "http://nucc.org/provider-taxonomy";
    static final String IDENTIFIER_TYPE = "http://terminology.hl7.org/CodeSystem/v2-0203";
    static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    static final String PARTICIPATION_TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    static final String SUBSCRIBER_RELATIONSHIP = "http://terminology.hl7.org/CodeSystem/subscriber-relationship";
    static final String COVERAGE_CLASS = "http://terminology.hl7.org/CodeSystem/coverage-class";
    static final String PLACE_OF_SERVICE =
            "https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set";
    static final String CLAIM_FILING_INDICATOR = "https://x12.org/codes/claim-filing-indicator-codes";
    static final String UCUM = "http://unitsofmeasure.org";

    /** ClaimFlow's own extensions on Encounter, for what FHIR R4 has no element for. */
    static final String EXTENSION_BASE = "https://claimflow.io/fhir/StructureDefinition/";

    static final String EXT_PATIENT_STATUS = EXTENSION_BASE + "encounter-patient-status";
    static final String EXT_TOTAL_TIME = EXTENSION_BASE + "encounter-total-time";
    static final String EXT_MDM = EXTENSION_BASE + "encounter-medical-decision-making";
    static final String EXT_PLACE_OF_SERVICE = EXTENSION_BASE + "encounter-place-of-service";
    static final String EXT_PRIOR_AUTHORIZATION = EXTENSION_BASE + "encounter-prior-authorization-number";
    static final String EXT_REFERRAL = EXTENSION_BASE + "encounter-referral-number";
    static final String EXT_ANNUAL_WELLNESS_VISIT = EXTENSION_BASE + "encounter-annual-wellness-visit";
    static final String EXT_ABNORMAL_FINDINGS = EXTENSION_BASE + "encounter-abnormal-findings";
    /** On Procedure (or a ChargeItem for it): a CPT/HCPCS modifier, repeated in billing order. */
    static final String EXT_PROCEDURE_MODIFIER = EXTENSION_BASE + "procedure-modifier";
    /** On Procedure: the documented units of service (valueQuantity, valueInteger or valueDecimal). */
    static final String EXT_PROCEDURE_QUANTITY = EXTENSION_BASE + "procedure-quantity";
    /** On Condition: the episode of care of an injury, valueCode initial, subsequent or sequela. */
    static final String EXT_EPISODE_OF_CARE = EXTENSION_BASE + "condition-episode-of-care";

    private static final Map<String, CodeSystem> CODE_SYSTEMS = Map.of(
            SNOMED_CT,
            CodeSystem.SNOMED_CT,
            ICD_10_CM,
            CodeSystem.ICD_10_CM,
            CPT,
            CodeSystem.CPT,
            HCPCS,
            CodeSystem.HCPCS,
            // the same HCPCS URI in its http form, which some EHRs send
            "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets",
            CodeSystem.HCPCS);

    private FhirTerms() {}

    /** ClaimFlow's code system for a FHIR system URI; empty for NDC and for systems ClaimFlow does not read. */
    static Optional<CodeSystem> codeSystem(String uri) {
        return Optional.ofNullable(uri == null ? null : CODE_SYSTEMS.get(uri));
    }

    static boolean isKnown(String uri) {
        return codeSystem(uri).isPresent() || NDC.equals(uri);
    }
}
