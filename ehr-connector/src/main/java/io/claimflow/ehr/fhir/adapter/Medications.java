package io.claimflow.ehr.fhir.adapter;

import static io.claimflow.ehr.fhir.adapter.FhirValues.*;

import io.claimflow.ehr.intake.DocumentedEncounter;
import io.claimflow.ehr.intake.DocumentedEncounter.AdministeredItem;
import io.claimflow.ehr.intake.DocumentedEncounter.Code;
import io.claimflow.ehr.intake.DocumentedEncounter.CodeSystem;
import io.claimflow.ehr.intake.Problem.Kind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;

/**
 * The encounter's completed MedicationAdministrations as DRUG items: coded in NDC (normalised to 11 digits) or HCPCS
 * with a dose in a unit ClaimFlow carries, or in RxNorm only (its dose, else one administration). Others are left out
 * of billing with a notice.
 */
final class Medications {

    private final MappingContext context;
    private final BundleReferences refs;

    Medications(MappingContext context) {
        this.context = context;
        this.refs = context.refs();
    }

    List<AdministeredItem> of(Encounter encounter, boolean onlyEncounter) {
        List<AdministeredItem> items = new ArrayList<>();
        for (MedicationAdministration given : refs.all(MedicationAdministration.class)) {
            boolean linked = refs.pointsTo(given.getContext(), encounter) || onlyEncounter && !given.hasContext();
            if (!linked) {
                continue;
            }
            refs.use(given);
            if (given.getStatus() != MedicationAdministration.MedicationAdministrationStatus.COMPLETED) {
                continue;
            }
            String at = refs.path(given);
            // medicationCodeableConcept, else the code of the Medication that medicationReference points to
            Resource referenced = given.hasMedicationReference()
                    ? refs.resolve(given.getMedicationReference()).orElse(null)
                    : null;
            CodeableConcept medication = given.hasMedicationCodeableConcept()
                    ? given.getMedicationCodeableConcept()
                    : referenced instanceof Medication m && m.hasCode() ? m.getCode() : null;
            if (medication == null) {
                context.notice(
                        at + ".medication",
                        Kind.NOT_USED,
                        "a MedicationAdministration without a coded medication "
                                + "(medicationCodeableConcept or a Medication with a code) is left out of billing");
                continue;
            }
            String ndc = null;
            Code code = null;
            String rxnorm = null;
            for (Coding coding : medication.getCoding()) {
                if (FhirTerms.RXNORM.equals(coding.getSystem()) && coding.hasCode() && rxnorm == null) {
                    rxnorm = coding.getCode();
                }
                if (FhirTerms.NDC.equals(coding.getSystem()) && ndc == null) {
                    ndc = ndc11(coding.getCode());
                    if (ndc == null) {
                        context.problem(
                                at + ".medicationCodeableConcept",
                                Kind.INVALID,
                                "an NDC must be 11 digits, or 10 digits in 4-4-2, 5-3-2 or 5-4-1 form");
                    }
                } else if (FhirTerms.HCPCS.equals(coding.getSystem()) && code == null) {
                    code = new Code(
                            CodeSystem.HCPCS,
                            coding.getCode(),
                            firstNonNull(medication.getText(), coding.getDisplay(), coding.getCode()));
                }
            }
            Quantity dose = given.getDosage().getDose();
            if (ndc == null && code == null && rxnorm != null) {
                // RxNorm only: carried as such, coding-service bills it where its crosswalk has an HCPCS code
                items.add(rxNormItem(medication, rxnorm, dose, at));
                continue;
            }
            if (ndc == null && code == null) {
                context.notice(
                        at + ".medicationCodeableConcept",
                        Kind.NOT_USED,
                        "a MedicationAdministration coded in none " + "of NDC, HCPCS or RxNorm is left out of billing");
                continue;
            }
            if (code == null) {
                code = new Code(
                        CodeSystem.NONE,
                        null,
                        firstNonNull(
                                medication.getText(),
                                medication.getCodingFirstRep().getDisplay(),
                                "NDC " + ndc));
            }
            DocumentedEncounter.Unit unit =
                    dose == null ? null : unit(dose.hasCode() ? dose.getCode() : dose.getUnit());
            if (dose == null || !dose.hasValue() || unit == null) {
                context.problem(
                        at + ".dosage.dose",
                        Kind.REQUIRED,
                        "the dose needs a value and a UCUM unit: mg, g, mL, [iU] or {unit}");
                continue;
            }
            items.add(new AdministeredItem(
                    DocumentedEncounter.ItemKind.DRUG,
                    code,
                    ndc,
                    dose.getValue().setScale(3, RoundingMode.HALF_UP),
                    unit));
        }
        return items;
    }

    /**
     * A drug coded only in RxNorm: its dose when documented in a unit ClaimFlow carries, else one administration
     * (quantity 1, unit UNIT; Synthea documents no dose).
     */
    private AdministeredItem rxNormItem(CodeableConcept medication, String rxnorm, Quantity dose, String at) {
        Code code = new Code(
                CodeSystem.RXNORM,
                rxnorm,
                firstNonNull(
                        medication.getText(), medication.getCodingFirstRep().getDisplay(), "RxNorm " + rxnorm));
        DocumentedEncounter.Unit unit = dose == null ? null : unit(dose.hasCode() ? dose.getCode() : dose.getUnit());
        if (dose != null && dose.hasValue() && unit != null) {
            BigDecimal quantity = context.quantity(dose.getValue(), at + ".dosage.dose");
            if (quantity != null) {
                return new AdministeredItem(DocumentedEncounter.ItemKind.DRUG, code, null, quantity, unit);
            }
        }
        return new AdministeredItem(
                DocumentedEncounter.ItemKind.DRUG,
                code,
                null,
                BigDecimal.ONE.setScale(3),
                DocumentedEncounter.Unit.UNIT);
    }
}
