package io.claimflow.ehr.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.ehr.intake.DocumentedEncounter.CodeSystem;
import io.claimflow.ehr.intake.DocumentedEncounter.EncounterClass;
import io.claimflow.ehr.intake.DocumentedEncounter.Relationship;
import io.claimflow.ehr.intake.DocumentedEncounter.Sex;
import org.junit.jupiter.api.Test;

/** The HL7 v2 tables a DFT^P03 is read with. */
class Hl7CodesTest {

    @Test
    void codingSystemsByTheirTable0396NamesAndCommonSpellings() {
        assertThat(Hl7Codes.codingSystem("I10")).contains(CodeSystem.ICD_10_CM);
        assertThat(Hl7Codes.codingSystem("sct")).contains(CodeSystem.SNOMED_CT);
        assertThat(Hl7Codes.codingSystem("C4")).contains(CodeSystem.CPT);
        assertThat(Hl7Codes.codingSystem("HCPCS")).contains(CodeSystem.HCPCS);
        assertThat(Hl7Codes.codingSystem("I9")).isEmpty();
        assertThat(Hl7Codes.codingSystem(null)).isEmpty();
    }

    @Test
    void thePlanTypeIsAClaimFilingIndicatorOnlyWhenItIsOne() {
        assertThat(Hl7Codes.claimFilingIndicator("mb")).isEqualTo("MB");
        assertThat(Hl7Codes.claimFilingIndicator("CI")).isEqualTo("CI");
        assertThat(Hl7Codes.claimFilingIndicator("PPO")).isNull();
        assertThat(Hl7Codes.claimFilingIndicator(null)).isNull();
    }

    @Test
    void patientClassAndSex() {
        assertThat(Hl7Codes.encounterClass("R")).isEqualTo(EncounterClass.AMBULATORY);
        assertThat(Hl7Codes.encounterClass("e")).isEqualTo(EncounterClass.EMERGENCY);
        assertThat(Hl7Codes.encounterClass("I")).isEqualTo(EncounterClass.INPATIENT);
        assertThat(Hl7Codes.encounterClass("P")).isEqualTo(EncounterClass.OTHER);
        assertThat(Hl7Codes.encounterClass(null)).isEqualTo(EncounterClass.AMBULATORY);
        assertThat(Hl7Codes.sex("f")).isEqualTo(Sex.FEMALE);
        assertThat(Hl7Codes.sex("U")).isEqualTo(Sex.UNKNOWN);
    }

    @Test
    void in117SaysHowTheInsuredRelatesToThePatientAndIn272ThePatientsSide() {
        // the insured is the patient's mother: the patient is the child
        assertThat(Hl7Codes.relationship("MTH", "01")).isEqualTo(Relationship.CHILD);
        assertThat(Hl7Codes.relationship("SEL", null)).isEqualTo(Relationship.SELF);
        assertThat(Hl7Codes.relationship(null, "02")).isEqualTo(Relationship.SPOUSE);
        assertThat(Hl7Codes.relationship(null, "11")).isEqualTo(Relationship.ORGAN_DONOR);
        assertThat(Hl7Codes.relationship(null, null)).isEqualTo(Relationship.SELF);
    }
}
