package io.claimflow.ehr.fhir.adapter;

import static io.claimflow.ehr.fhir.adapter.Fixtures.context;
import static io.claimflow.ehr.fhir.adapter.Fixtures.encounter;
import static io.claimflow.ehr.fhir.adapter.Fixtures.found;
import static io.claimflow.ehr.fhir.adapter.Fixtures.ref;
import static io.claimflow.ehr.fhir.adapter.Fixtures.withId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.claimflow.ehr.intake.DocumentedEncounter.AdministeredItem;
import io.claimflow.ehr.intake.DocumentedEncounter.Code;
import io.claimflow.ehr.intake.DocumentedEncounter.CodeSystem;
import io.claimflow.ehr.intake.DocumentedEncounter.ItemKind;
import io.claimflow.ehr.intake.DocumentedEncounter.Unit;
import io.claimflow.ehr.intake.Problem;
import io.claimflow.ehr.intake.Problem.Kind;
import java.math.BigDecimal;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Quantity;
import org.junit.jupiter.api.Test;

/** Administered drugs: NDC or HCPCS with a dose, RxNorm alone as one administration, others left out. */
class MedicationsTest {

    @Test
    void anNdcDrugCarriesItsElevenDigitNdcAndItsDose() {
        Encounter visit = encounter("e1");
        MedicationAdministration given = administration(visit, concept(FhirTerms.NDC, "0409-4888-02", "Kenalog-40"));
        given.getDosage().setDose(new Quantity().setValue(40).setCode("mg"));
        MappingContext context = context(visit, given);

        List<AdministeredItem> items = new Medications(context).of(visit, false);

        assertThat(context.problems()).isEmpty();
        assertThat(items)
                .containsExactly(new AdministeredItem(
                        ItemKind.DRUG,
                        new Code(CodeSystem.NONE, null, "Kenalog-40"),
                        "00409488802",
                        new BigDecimal("40.000"),
                        Unit.MILLIGRAM));
    }

    @Test
    void aDrugCodedInRxNormOnlyIsOneAdministrationWithoutADoseAndItsDoseWithOne() {
        Encounter visit = encounter("e1");
        Medication amoxicillin = withId(new Medication(), "m1");
        amoxicillin.setCode(concept(FhirTerms.RXNORM, "308182", "Amoxicillin 250 MG"));
        MedicationAdministration byReference = administration(visit, null).setMedication(ref(amoxicillin));
        MedicationAdministration withDose = administration(visit, concept(FhirTerms.RXNORM, "1049630", null));
        withDose.getDosage().setDose(new Quantity().setValue(2.5).setUnit("mL"));
        MappingContext context = context(visit, amoxicillin, byReference, withDose);

        List<AdministeredItem> items = new Medications(context).of(visit, false);

        assertThat(items)
                .extracting(
                        i -> i.code().system(),
                        i -> i.code().code(),
                        AdministeredItem::quantity,
                        AdministeredItem::unit)
                .containsExactly(
                        tuple(CodeSystem.RXNORM, "308182", new BigDecimal("1.000"), Unit.UNIT),
                        tuple(CodeSystem.RXNORM, "1049630", new BigDecimal("2.500"), Unit.MILLILITER));
        assertThat(items.get(0).code().text()).isEqualTo("Amoxicillin 250 MG");
    }

    @Test
    void anHcpcsDrugNeedsADoseInAUnitClaimFlowCarriesAndAnUncodedOneIsLeftOut() {
        Encounter visit = encounter("e1");
        MedicationAdministration noUnit = administration(visit, concept(FhirTerms.HCPCS, "J3301", "Triamcinolone"));
        noUnit.getDosage().setDose(new Quantity().setValue(10).setUnit("tablespoons"));
        MedicationAdministration local = administration(visit, concept("urn:local", "X", "Local drug"));
        MedicationAdministration badNdc = administration(visit, concept(FhirTerms.NDC, "123", "Bad NDC"));
        MedicationAdministration stopped = administration(visit, concept(FhirTerms.HCPCS, "J1100", "Dexamethasone"))
                .setStatus(MedicationAdministration.MedicationAdministrationStatus.STOPPED);
        MappingContext context = context(visit, noUnit, local, badNdc, stopped);

        assertThat(new Medications(context).of(visit, false)).isEmpty();
        assertThat(found(context.problems()))
                .containsExactly(
                        "Bundle.entry[1].resource.dosage.dose REQUIRED",
                        "Bundle.entry[3].resource.medicationCodeableConcept INVALID");
        assertThat(context.notices().list())
                .extracting(Problem::location, Problem::kind)
                .containsExactly(tuple("Bundle.entry[2].resource.medicationCodeableConcept", Kind.NOT_USED));
    }

    static MedicationAdministration administration(Encounter encounter, CodeableConcept medication) {
        MedicationAdministration given = new MedicationAdministration()
                .setStatus(MedicationAdministration.MedicationAdministrationStatus.COMPLETED)
                .setContext(ref(encounter));
        if (medication != null) {
            given.setMedication(medication);
        }
        return given;
    }

    static CodeableConcept concept(String system, String code, String text) {
        CodeableConcept concept = new CodeableConcept().setText(text);
        concept.addCoding().setSystem(system).setCode(code);
        return concept;
    }
}
