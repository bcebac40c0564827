package io.claimflow.ehr.fhir.adapter;

import static io.claimflow.ehr.fhir.adapter.FhirValues.*;

import io.claimflow.ehr.intake.DocumentedEncounter;
import io.claimflow.ehr.intake.DocumentedEncounter.AdministeredItem;
import io.claimflow.ehr.intake.DocumentedEncounter.Code;
import io.claimflow.ehr.intake.DocumentedEncounter.CodeSystem;
import io.claimflow.ehr.intake.Problem.Kind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Immunization;

/**
 * Completed Immunizations of the encounter, coded in CVX (or NDC): one VACCINE item each, one dose, for
 * coding-service to bill the vaccine product and its administration. Other codings are reported, not billed.
 */
final class Immunizations {

    private final MappingContext context;
    private final BundleReferences refs;

    Immunizations(MappingContext context) {
        this.context = context;
        this.refs = context.refs();
    }

    List<AdministeredItem> of(Encounter encounter) {
        List<AdministeredItem> items = new ArrayList<>();
        for (Immunization immunization : refs.all(Immunization.class)) {
            if (!refs.pointsTo(immunization.getEncounter(), encounter)) {
                continue;
            }
            refs.use(immunization);
            if (immunization.getStatus() != Immunization.ImmunizationStatus.COMPLETED) {
                continue;
            }
            String at = refs.path(immunization) + ".vaccineCode";
            CodeableConcept vaccine = immunization.getVaccineCode();
            String text =
                    firstNonNull(vaccine.getText(), vaccine.getCodingFirstRep().getDisplay());
            Coding cvx = vaccine.getCoding().stream()
                    .filter(c -> FhirTerms.CVX.equals(c.getSystem()) && c.hasCode())
                    .findFirst()
                    .orElse(null);
            String ndc = vaccine.getCoding().stream()
                    .filter(c -> FhirTerms.NDC.equals(c.getSystem()))
                    .map(c -> ndc11(c.getCode()))
                    .filter(Objects::nonNull)
                    .findFirst()
                    .orElse(null);
            if (cvx == null && ndc == null) {
                context.notice(
                        at, Kind.NOT_USED, "an Immunization coded in neither CVX nor NDC is left out of billing");
                continue;
            }
            Code code = cvx != null
                    ? new Code(CodeSystem.CVX, cvx.getCode(), firstNonNull(text, "CVX " + cvx.getCode()))
                    : new Code(CodeSystem.NONE, null, firstNonNull(text, "NDC " + ndc));
            items.add(new AdministeredItem(
                    DocumentedEncounter.ItemKind.VACCINE,
                    code,
                    ndc,
                    BigDecimal.ONE.setScale(3),
                    DocumentedEncounter.Unit.UNIT));
        }
        return items;
    }
}
