package io.claimflow.ehr.fhir.adapter;

import io.claimflow.ehr.config.EhrProperties;
import io.claimflow.ehr.intake.DocumentedEncounter;
import io.claimflow.ehr.intake.Problem.Kind;
import java.util.List;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.ExplanationOfBenefit;
import org.hl7.fhir.r4.model.Patient;

/** Coverage named only by its payer, inside the ExplanationOfBenefit of the encounter (as Synthea writes it). */
final class EobCoverage {

    private final MappingContext context;
    private final BundleReferences refs;
    private final Patients patients;

    EobCoverage(MappingContext context, Patients patients) {
        this.context = context;
        this.refs = context.refs();
        this.patients = patients;
    }

    /**
     * Without Coverage resources of the patient: the Coverage contained in the ExplanationOfBenefit of this encounter
     * (as Synthea writes it: a payer's name, no member id), its name mapped to the tenant's payer id
     * ({@code claimflow.ehr.fhir.payers}). A self-pay name means no coverage; an unmapped name or a missing member id
     * (unless the MRN is configured to stand in) leaves the encounter without coverage, with a notice.
     */
    List<DocumentedEncounter.Coverage> of(Encounter encounter, Patient patient, String mrn) {
        for (ExplanationOfBenefit eob : refs.all(ExplanationOfBenefit.class)) {
            boolean about = eob.getItem().stream()
                    .flatMap(i -> i.getEncounter().stream())
                    .anyMatch(r -> refs.pointsTo(r, encounter));
            if (!about) {
                continue;
            }
            refs.use(eob);
            String at = refs.path(eob) + ".insurance";
            Coverage contained = eob.getContained().stream()
                    .filter(Coverage.class::isInstance)
                    .map(Coverage.class::cast)
                    .findFirst()
                    .orElse(null);
            String name = contained != null
                            && contained.hasPayor()
                            && contained.getPayorFirstRep().hasDisplay()
                    ? contained.getPayorFirstRep().getDisplay()
                    : eob.getInsurance().stream()
                            .filter(i -> i.getCoverage().hasDisplay())
                            .map(i -> i.getCoverage().getDisplay())
                            .findFirst()
                            .orElse(null);
            if (name == null) {
                return List.of();
            }
            EhrProperties.Payers payers = context.settings().payers();
            if (payers.selfPayNames().stream().anyMatch(name::equalsIgnoreCase)) {
                context.notice(
                        at, Kind.NOT_USED, "the ExplanationOfBenefit names no insurance: the encounter is self-pay");
                return List.of();
            }
            String payerId = payers.ids().getOrDefault(name, payers.defaultPayerId());
            if (payerId == null) {
                context.notice(
                        at,
                        Kind.NOT_USED,
                        "the payer name on the ExplanationOfBenefit's coverage is not in "
                                + "claimflow.ehr.fhir.payers.ids and there is no default-payer-id: published without coverage");
                return List.of();
            }
            String memberId = contained == null ? null : Coverages.memberId(contained);
            if (memberId == null && payers.mrnAsMemberId() && mrn != null) {
                context.notice(
                        at,
                        Kind.DEFAULTED,
                        "the ExplanationOfBenefit's coverage has no member id: the patient's MRN "
                                + "is sent as member id (claimflow.ehr.fhir.payers.mrn-as-member-id)");
                memberId = mrn;
            }
            if (memberId == null) {
                context.notice(
                        at,
                        Kind.DEFAULTED,
                        "the ExplanationOfBenefit's coverage has no member id (subscriberId): "
                                + "published without coverage");
                return List.of();
            }
            return List.of(new DocumentedEncounter.Coverage(
                    DocumentedEncounter.Responsibility.PRIMARY,
                    new DocumentedEncounter.Payer(payerId, name),
                    patients.asSubscriber(memberId, patient),
                    DocumentedEncounter.Relationship.SELF,
                    null,
                    null,
                    null));
        }
        return List.of();
    }
}
