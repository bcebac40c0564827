package io.claimflow.ehr.fhir.adapter;

import static io.claimflow.ehr.fhir.adapter.Fixtures.context;
import static io.claimflow.ehr.fhir.adapter.Fixtures.found;
import static io.claimflow.ehr.fhir.adapter.Fixtures.patient;
import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.ehr.intake.DocumentedEncounter;
import io.claimflow.ehr.intake.DocumentedEncounter.Sex;
import java.time.LocalDate;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

/** The patient: MRN (type MR first), official name, a full birth date, the home address; and as a subscriber. */
class PatientsTest {

    @Test
    void theMedicalRecordNumberOfficialNameAndHomeAddressArePreferred() {
        Patient fhir = patient("p1");
        fhir.getIdentifier().add(0, new Identifier().setSystem("urn:ssn").setValue("000-00-0000"));
        fhir.addIdentifier()
                .setValue("MR-42")
                .setType(new CodeableConcept()
                        .addCoding(new org.hl7.fhir.r4.model.Coding()
                                .setSystem(FhirTerms.IDENTIFIER_TYPE)
                                .setCode("MR")));
        fhir.getName().add(0, new HumanName().setFamily("Nick").addGiven("J").setUse(HumanName.NameUse.NICKNAME));
        fhir.getName().get(1).setUse(HumanName.NameUse.OFFICIAL).addSuffix("Jr");
        fhir.getAddress().add(0, new Address().setUse(Address.AddressUse.WORK).addLine("9 Office Pk"));
        fhir.getAddress().get(1).setUse(Address.AddressUse.HOME);
        MappingContext context = context(fhir);

        DocumentedEncounter.Patient patient = new Patients(context).patient(fhir);

        assertThat(context.problems()).isEmpty();
        assertThat(patient.mrn()).isEqualTo("MR-42");
        assertThat(patient.lastName()).isEqualTo("Doe");
        assertThat(patient.firstName()).isEqualTo("Jane");
        assertThat(patient.middleName()).isEqualTo("Q");
        assertThat(patient.nameSuffix()).isEqualTo("Jr");
        assertThat(patient.birthDate()).isEqualTo(LocalDate.of(1970, 1, 2));
        assertThat(patient.sex()).isEqualTo(Sex.FEMALE);
        assertThat(patient.address().line1()).isEqualTo("1 Main St");
        assertThat(patient.address().postalCode()).isEqualTo("432151234");
    }

    @Test
    void everyMissingPieceIsAProblemOfItsOwn() {
        Patient fhir = new Patient();
        fhir.addName().setFamily("Doe");
        fhir.setBirthDateElement(new DateType("1970"));
        MappingContext context = context(fhir);

        new Patients(context).patient(fhir);

        assertThat(found(context.problems()))
                .containsExactly(
                        "Bundle.entry[0].resource.identifier REQUIRED",
                        "Bundle.entry[0].resource.name REQUIRED",
                        "Bundle.entry[0].resource.birthDate INVALID",
                        "Bundle.entry[0].resource.address REQUIRED");
    }

    @Test
    void asTheSubscriberThePatientCarriesTheMemberIdAndNoAddress() {
        Patient fhir = patient("p1");
        MappingContext context = context(fhir);

        DocumentedEncounter.Subscriber subscriber = new Patients(context).asSubscriber("M-1", fhir);

        assertThat(subscriber)
                .isEqualTo(new DocumentedEncounter.Subscriber(
                        "M-1", "Doe", "Jane", "Q", LocalDate.of(1970, 1, 2), Sex.FEMALE, null));
        assertThat(new Patients(context).asSubscriber("M-2", new Patient()))
                .isEqualTo(new DocumentedEncounter.Subscriber("M-2", null, null, null, null, Sex.UNKNOWN, null));
    }
}
