package io.claimflow.ehr.fhir.adapter;

import static io.claimflow.ehr.fhir.adapter.FhirValues.*;

import io.claimflow.ehr.intake.DocumentedEncounter.Code;
import io.claimflow.ehr.intake.DocumentedEncounter.CodeSystem;
import io.claimflow.ehr.intake.Problem.Kind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.r4.model.ChargeItem;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Type;

/**
 * The encounter's completed Procedures (or, in a bundle of one encounter, those referring to none), coded in CPT,
 * HCPCS or SNOMED CT, with their body site in the text, their modifiers and quantity (ClaimFlow's extensions on the
 * Procedure and on the ChargeItems for it; the quantities must agree).
 */
final class Procedures {

    private final MappingContext context;
    private final BundleReferences refs;

    Procedures(MappingContext context) {
        this.context = context;
        this.refs = context.refs();
    }

    List<Code> of(Encounter encounter, boolean onlyEncounter) {
        List<Code> codes = new ArrayList<>();
        for (Procedure procedure : refs.all(Procedure.class)) {
            boolean linked =
                    refs.pointsTo(procedure.getEncounter(), encounter) || onlyEncounter && !procedure.hasEncounter();
            if (!linked) {
                continue;
            }
            refs.use(procedure);
            if (procedure.getStatus() != Procedure.ProcedureStatus.COMPLETED) {
                continue;
            }
            String at = refs.path(procedure) + ".code";
            if (!procedure.hasCode()) {
                context.problem(at, Kind.REQUIRED, "Procedure.code is required");
                continue;
            }
            Code code = context.code(
                    procedure.getCode(), at, List.of(CodeSystem.CPT, CodeSystem.HCPCS, CodeSystem.SNOMED_CT), true);
            if (code == null) {
                continue;
            }
            // Body site and its side travel in the text (coding-service appends RT/LT/50 where the code takes them).
            String sites = bodySite(procedure.getBodySite());
            if (sites != null) {
                code = new Code(code.system(), code.code(), code.text() + " (body site: " + sites + ")");
            }
            List<ChargeItem> charges = refs.all(ChargeItem.class).stream()
                    .filter(c -> c.getService().stream().anyMatch(r -> refs.pointsTo(r, procedure)))
                    .toList();
            charges.forEach(refs::use);
            List<String> modifiers = new ArrayList<>(
                    modifiers(procedure.getExtensionsByUrl(FhirTerms.EXT_PROCEDURE_MODIFIER), refs.path(procedure)));
            BigDecimal quantity = quantity(
                    procedure.getExtensionByUrl(FhirTerms.EXT_PROCEDURE_QUANTITY), refs.path(procedure) + ".extension");
            for (ChargeItem charge : charges) {
                String where = refs.path(charge);
                for (String modifier : modifiers(charge.getExtensionsByUrl(FhirTerms.EXT_PROCEDURE_MODIFIER), where)) {
                    if (!modifiers.contains(modifier)) {
                        modifiers.add(modifier);
                    }
                }
                if (charge.hasQuantity() && charge.getQuantity().hasValue()) {
                    BigDecimal charged = context.quantity(charge.getQuantity().getValue(), where + ".quantity");
                    if (quantity != null && charged != null && quantity.compareTo(charged) != 0) {
                        context.problem(
                                where + ".quantity",
                                Kind.INVALID,
                                "ChargeItem.quantity differs from the quantity documented on its Procedure");
                    }
                    quantity = quantity == null ? charged : quantity;
                }
            }
            codes.add(new Code(code.system(), code.code(), code.text(), modifiers, quantity, null));
        }
        return codes;
    }

    /** Two-character CPT/HCPCS modifiers from valueCode, valueCoding, valueCodeableConcept or valueString. */
    private List<String> modifiers(List<Extension> extensions, String at) {
        List<String> modifiers = new ArrayList<>();
        for (Extension extension : extensions) {
            String value = extension.getValue() == null ? null : codeValue(extension.getValue());
            if (value == null || !value.trim().matches("[A-Za-z0-9]{2}")) {
                context.problem(
                        at + ".extension", Kind.INVALID, "a procedure modifier is a two-character CPT/HCPCS modifier");
                continue;
            }
            modifiers.add(value.trim().toUpperCase(Locale.ROOT));
        }
        return modifiers;
    }

    private BigDecimal quantity(Extension extension, String at) {
        if (extension == null || extension.getValue() == null) {
            return null;
        }
        Type value = extension.getValue();
        if (value instanceof Quantity quantity && quantity.hasValue()) {
            return context.quantity(quantity.getValue(), at);
        }
        try {
            return context.quantity(new BigDecimal(value.primitiveValue()), at);
        } catch (NumberFormatException | NullPointerException e) {
            context.problem(at, Kind.INVALID, "a procedure quantity must be a number");
            return null;
        }
    }
}
