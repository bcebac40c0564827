package io.claimflow.ehr.fhir.adapter;

import static io.claimflow.ehr.fhir.adapter.Fixtures.context;
import static io.claimflow.ehr.fhir.adapter.Fixtures.encounter;
import static io.claimflow.ehr.fhir.adapter.Fixtures.found;
import static io.claimflow.ehr.fhir.adapter.Fixtures.ref;
import static io.claimflow.ehr.fhir.adapter.Fixtures.withId;
import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.ehr.intake.DocumentedEncounter.Code;
import io.claimflow.ehr.intake.DocumentedEncounter.CodeSystem;
import java.math.BigDecimal;
import java.util.List;
import org.hl7.fhir.r4.model.ChargeItem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

/** Completed procedures of the encounter with their body site, modifiers and quantity (Procedure and ChargeItem). */
class ProceduresTest {

    @Test
    void modifiersAndQuantityComeFromTheProcedureAndItsChargeItems() {
        Encounter visit = encounter("e1");
        Procedure injection = procedure("pr1", FhirTerms.CPT, "20610", visit);
        injection.addExtension(FhirTerms.EXT_PROCEDURE_MODIFIER, new CodeType("rt"));
        injection.addExtension(FhirTerms.EXT_PROCEDURE_QUANTITY, new DecimalType("2"));
        ChargeItem charge = new ChargeItem();
        charge.addService(ref(injection));
        charge.addExtension(FhirTerms.EXT_PROCEDURE_MODIFIER, new Coding().setCode("59"));
        charge.addExtension(FhirTerms.EXT_PROCEDURE_MODIFIER, new StringType("RT"));
        charge.setQuantity(new Quantity().setValue(2));
        Procedure planned = procedure("pr2", FhirTerms.CPT, "99000", visit);
        planned.setStatus(Procedure.ProcedureStatus.PREPARATION);
        MappingContext context = context(visit, injection, charge, planned);

        List<Code> procedures = new Procedures(context).of(visit, false);

        assertThat(context.problems()).isEmpty();
        assertThat(procedures).singleElement().satisfies(code -> {
            assertThat(code.code()).isEqualTo("20610");
            assertThat(code.modifiers()).containsExactly("RT", "59");
            assertThat(code.quantity()).isEqualTo(new BigDecimal("2.000"));
        });
        assertThat(context.refs().isUsed(charge)).isTrue();
        assertThat(context.refs().isUsed(planned)).isTrue();
    }

    @Test
    void theBodySiteAndItsSideTravelInTheText() {
        Encounter visit = encounter("e1");
        Procedure xray = procedure("pr1", FhirTerms.CPT, "73560", visit);
        CodeableConcept knee = new CodeableConcept().setText("Knee");
        knee.addCoding().setSystem(FhirTerms.SNOMED_CT).setCode("7771000");
        xray.addBodySite(knee);
        MappingContext context = context(visit, xray);

        assertThat(new Procedures(context).of(visit, false)).singleElement().satisfies(code -> {
            assertThat(code.system()).isEqualTo(CodeSystem.CPT);
            assertThat(code.text()).isEqualTo("X-ray (body site: Knee, left)");
        });
    }

    @Test
    void aBadModifierADifferentChargedQuantityOrNoCodeIsAProblem() {
        Encounter visit = encounter("e1");
        Procedure procedure = procedure("pr1", FhirTerms.HCPCS, "J3301", visit);
        procedure.addExtension(FhirTerms.EXT_PROCEDURE_MODIFIER, new CodeType("RTX"));
        procedure.addExtension(FhirTerms.EXT_PROCEDURE_QUANTITY, new Quantity().setValue(4));
        ChargeItem charge = new ChargeItem();
        charge.addService(ref(procedure));
        charge.setQuantity(new Quantity().setValue(5));
        Procedure uncoded = withId(new Procedure().setStatus(Procedure.ProcedureStatus.COMPLETED), "pr2");
        uncoded.setEncounter(ref(visit));
        MappingContext context = context(visit, procedure, charge, uncoded);

        List<Code> procedures = new Procedures(context).of(visit, false);

        assertThat(procedures).extracting(Code::quantity).containsExactly(new BigDecimal("4.000"));
        assertThat(found(context.problems()))
                .containsExactly(
                        "Bundle.entry[1].resource.extension INVALID",
                        "Bundle.entry[2].resource.quantity INVALID",
                        "Bundle.entry[3].resource.code REQUIRED");
    }

    @Test
    void inABundleOfOneEncounterAProcedureWithoutAnEncounterIsItsOwn() {
        Encounter visit = encounter("e1");
        Procedure unlinked = procedure("pr1", FhirTerms.CPT, "99213", null);
        MappingContext context = context(visit, unlinked);

        assertThat(new Procedures(context).of(visit, true)).hasSize(1);
        assertThat(new Procedures(context).of(visit, false)).isEmpty();
    }

    static Procedure procedure(String id, String system, String code, Encounter encounter) {
        Procedure procedure = withId(new Procedure().setStatus(Procedure.ProcedureStatus.COMPLETED), id);
        procedure.getCode().setText("X-ray").addCoding().setSystem(system).setCode(code);
        if (encounter != null) {
            procedure.setEncounter(ref(encounter));
        }
        return procedure;
    }
}
