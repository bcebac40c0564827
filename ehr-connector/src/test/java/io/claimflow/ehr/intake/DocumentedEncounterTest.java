package io.claimflow.ehr.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.ehr.intake.DocumentedEncounter.AnnualWellnessVisit;
import io.claimflow.ehr.intake.DocumentedEncounter.EncounterClass;
import io.claimflow.ehr.intake.DocumentedEncounter.PatientStatus;
import io.claimflow.ehr.intake.DocumentedEncounter.Responsibility;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The rules both doors (FHIR and HL7 v2) read a visit with, kept once on the domain. */
class DocumentedEncounterTest {

    @Test
    void anAnnualWellnessVisitIsG0438OrG0439() {
        assertThat(AnnualWellnessVisit.ofHcpcs("G0438")).contains(AnnualWellnessVisit.INITIAL);
        assertThat(AnnualWellnessVisit.ofHcpcs("g0439")).contains(AnnualWellnessVisit.SUBSEQUENT);
        assertThat(AnnualWellnessVisit.ofHcpcs("G0402")).isEmpty();
        assertThat(AnnualWellnessVisit.ofHcpcs(null)).isEmpty();
    }

    @Test
    void anOfficeVisitCodeSaysWhetherThePatientIsNewOrEstablished() {
        assertThat(PatientStatus.ofOfficeVisit("99203")).contains(PatientStatus.NEW);
        assertThat(PatientStatus.ofOfficeVisit("99215")).contains(PatientStatus.ESTABLISHED);
        assertThat(PatientStatus.ofOfficeVisit("99206")).isEmpty();
        assertThat(PatientStatus.ofOfficeVisit("99283")).isEmpty();
        assertThat(PatientStatus.ofOfficeVisit(null)).isEmpty();
    }

    @Test
    void eachEncounterClassButOtherHasItsPlaceOfService() {
        assertThat(EncounterClass.AMBULATORY.placeOfService()).isEqualTo("11");
        assertThat(EncounterClass.VIRTUAL.placeOfService()).isEqualTo("02");
        assertThat(EncounterClass.EMERGENCY.placeOfService()).isEqualTo("23");
        assertThat(EncounterClass.INPATIENT.placeOfService()).isEqualTo("21");
        assertThat(EncounterClass.HOME_HEALTH.placeOfService()).isEqualTo("12");
        assertThat(EncounterClass.OTHER.placeOfService()).isNull();
    }

    @Test
    void coveragesArePrimarySecondaryTertiaryThenOther() {
        assertThat(Responsibility.atPosition(1)).isEqualTo(Responsibility.PRIMARY);
        assertThat(Responsibility.atPosition(2)).isEqualTo(Responsibility.SECONDARY);
        assertThat(Responsibility.atPosition(3)).isEqualTo(Responsibility.TERTIARY);
        assertThat(Responsibility.atPosition(4)).isEqualTo(Responsibility.OTHER);
    }

    @Test
    void aQuantityFitsTheEventsDecimalOrIsRefused() {
        assertThat(DocumentedEncounter.quantity(new BigDecimal("4"))).contains(new BigDecimal("4.000"));
        assertThat(DocumentedEncounter.quantity(new BigDecimal("0.12500"))).contains(new BigDecimal("0.125"));
        assertThat(DocumentedEncounter.quantity(new BigDecimal("0.0001"))).isEmpty();
        assertThat(DocumentedEncounter.quantity(new BigDecimal("-1000000000"))).isEmpty();
        assertThat(DocumentedEncounter.quantity(new BigDecimal("1E+999999999"))).isEmpty();
    }
}
