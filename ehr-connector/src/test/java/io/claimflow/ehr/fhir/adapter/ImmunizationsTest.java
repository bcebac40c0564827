package io.claimflow.ehr.fhir.adapter;

import static io.claimflow.ehr.fhir.adapter.Fixtures.context;
import static io.claimflow.ehr.fhir.adapter.Fixtures.encounter;
import static io.claimflow.ehr.fhir.adapter.Fixtures.ref;
import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.ehr.intake.DocumentedEncounter.AdministeredItem;
import io.claimflow.ehr.intake.DocumentedEncounter.Code;
import io.claimflow.ehr.intake.DocumentedEncounter.CodeSystem;
import io.claimflow.ehr.intake.DocumentedEncounter.ItemKind;
import io.claimflow.ehr.intake.DocumentedEncounter.Unit;
import io.claimflow.ehr.intake.Problem;
import java.math.BigDecimal;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Immunization;
import org.junit.jupiter.api.Test;

/** Completed immunizations of the encounter: one VACCINE dose each, CVX (or NDC) coded; others reported. */
class ImmunizationsTest {

    @Test
    void aCvxOrNdcVaccineIsOneDoseOfAVaccineItem() {
        Encounter visit = encounter("e1");
        Immunization flu = immunization(visit, FhirTerms.CVX, "140", "Influenza, seasonal, injectable");
        Immunization byNdc = immunization(visit, FhirTerms.NDC, "49281-0421-50", null);
        Immunization elsewhere = immunization(encounter("e2"), FhirTerms.CVX, "08", "Hep B");
        Immunization notDone =
                immunization(visit, FhirTerms.CVX, "03", "MMR").setStatus(Immunization.ImmunizationStatus.NOTDONE);
        MappingContext context = context(visit, flu, byNdc, elsewhere, notDone);

        assertThat(new Immunizations(context).of(visit))
                .containsExactly(
                        new AdministeredItem(
                                ItemKind.VACCINE,
                                new Code(CodeSystem.CVX, "140", "Influenza, seasonal, injectable"),
                                null,
                                new BigDecimal("1.000"),
                                Unit.UNIT),
                        new AdministeredItem(
                                ItemKind.VACCINE,
                                new Code(CodeSystem.NONE, null, "NDC 49281042150"),
                                "49281042150",
                                new BigDecimal("1.000"),
                                Unit.UNIT));
        assertThat(context.refs().isUsed(notDone)).isTrue();
        assertThat(context.refs().isUsed(elsewhere)).isFalse();
    }

    @Test
    void aVaccineInAnotherCodeSystemIsReportedNotBilled() {
        Encounter visit = encounter("e1");
        Immunization snomed = immunization(visit, FhirTerms.SNOMED_CT, "86198006", "Influenza vaccination");
        MappingContext context = context(visit, snomed);

        assertThat(new Immunizations(context).of(visit)).isEmpty();
        assertThat(context.problems()).isEmpty();
        assertThat(context.notices().list())
                .extracting(Problem::location)
                .containsExactly("Bundle.entry[1].resource.vaccineCode");
    }

    static Immunization immunization(Encounter encounter, String system, String code, String display) {
        Immunization immunization = new Immunization().setStatus(Immunization.ImmunizationStatus.COMPLETED);
        immunization.setEncounter(ref(encounter));
        immunization
                .getVaccineCode()
                .addCoding()
                .setSystem(system)
                .setCode(code)
                .setDisplay(display);
        return immunization;
    }
}
