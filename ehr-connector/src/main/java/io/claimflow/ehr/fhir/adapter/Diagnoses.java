package io.claimflow.ehr.fhir.adapter;

import static io.claimflow.ehr.fhir.adapter.FhirValues.*;

import io.claimflow.ehr.intake.DocumentedEncounter;
import io.claimflow.ehr.intake.DocumentedEncounter.Code;
import io.claimflow.ehr.intake.DocumentedEncounter.CodeSystem;
import io.claimflow.ehr.intake.Problem.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Resource;

/**
 * The encounter's diagnoses, in order: Encounter.diagnosis by rank, then Conditions referring to the encounter (or,
 * in a bundle of one encounter, not referring to any and not on the problem list), then Conditions given as its
 * reasonReference, then reasonCodes not already said. Refuted and entered-in-error Conditions are left out. A SNOMED CT
 * diagnosis without a documented episode of care is the initial one where it was recorded at this encounter, a
 * subsequent one otherwise.
 */
final class Diagnoses {

    private final MappingContext context;
    private final BundleReferences refs;

    Diagnoses(MappingContext context) {
        this.context = context;
        this.refs = context.refs();
    }

    List<Code> of(Encounter encounter, boolean onlyEncounter) {
        List<Condition> ordered = new ArrayList<>();
        List<Encounter.DiagnosisComponent> listed = new ArrayList<>(encounter.getDiagnosis());
        listed.sort(Comparator.comparingInt(d -> d.hasRank() ? d.getRank() : Integer.MAX_VALUE));
        for (Encounter.DiagnosisComponent diagnosis : listed) {
            int index = encounter.getDiagnosis().indexOf(diagnosis);
            Resource resource = refs.resolve(diagnosis.getCondition()).orElse(null);
            if (resource instanceof Condition condition) {
                if (!ordered.contains(condition)) {
                    ordered.add(condition);
                }
            } else if (resource == null) {
                context.problem(
                        refs.path(encounter) + ".diagnosis[" + index + "].condition",
                        Kind.UNRESOLVED_REFERENCE,
                        "the diagnosis does not point to a Condition in the bundle");
            }
            // a Procedure as Encounter.diagnosis.condition is read with the procedures
        }
        for (Condition condition : refs.all(Condition.class)) {
            if (ordered.contains(condition)) {
                continue;
            }
            boolean linked = refs.pointsTo(condition.getEncounter(), encounter)
                    || onlyEncounter && !condition.hasEncounter() && !isProblemListItem(condition);
            if (linked) {
                ordered.add(condition);
            }
        }
        // The reason for the visit is a documented diagnosis too, where no Condition of the encounter says it.
        for (int i = 0; i < encounter.getReasonReference().size(); i++) {
            Resource resource =
                    refs.resolve(encounter.getReasonReference().get(i)).orElse(null);
            if (resource instanceof Condition condition && !ordered.contains(condition)) {
                ordered.add(condition);
            }
        }
        List<Code> codes = new ArrayList<>();
        for (Condition condition : ordered) {
            refs.use(condition);
            if (isEnteredInErrorOrRefuted(condition)) {
                continue;
            }
            String at = refs.path(condition) + ".code";
            if (!condition.hasCode()) {
                context.problem(at, Kind.REQUIRED, "Condition.code is required");
                continue;
            }
            Code code =
                    context.code(condition.getCode(), at, List.of(CodeSystem.ICD_10_CM, CodeSystem.SNOMED_CT), true);
            if (code != null) {
                DocumentedEncounter.EpisodeOfCare episode = episodeOfCare(condition);
                if (episode == null && code.system() == CodeSystem.SNOMED_CT) {
                    episode = recordedAt(condition, encounter)
                            ? DocumentedEncounter.EpisodeOfCare.INITIAL
                            : DocumentedEncounter.EpisodeOfCare.SUBSEQUENT;
                }
                codes.add(new Code(code.system(), code.code(), code.text(), List.of(), null, episode));
            }
        }
        for (int i = 0; i < encounter.getReasonCode().size(); i++) {
            CodeableConcept concept = encounter.getReasonCode().get(i);
            boolean readable = concept.getCoding().stream()
                    .map(c -> FhirTerms.codeSystem(c.getSystem()))
                    .anyMatch(system -> system.filter(CodeSystem.ICD_10_CM::equals)
                                    .isPresent()
                            || system.filter(CodeSystem.SNOMED_CT::equals).isPresent());
            // a reason in another code system is kept as its text, as the guide says for a Condition's text
            Code reason = readable
                    ? context.code(
                            concept,
                            refs.path(encounter) + ".reasonCode[" + i + "]",
                            List.of(CodeSystem.ICD_10_CM, CodeSystem.SNOMED_CT),
                            true)
                    : display(concept) == null ? null : new Code(CodeSystem.NONE, null, display(concept));
            boolean said = reason == null
                    || codes.stream()
                            .anyMatch(c -> c.system() == reason.system()
                                    && (reason.code() == null
                                            ? c.text().equalsIgnoreCase(reason.text())
                                            : reason.code().equals(c.code())));
            if (!said) {
                codes.add(
                        reason.system() == CodeSystem.SNOMED_CT && recordedElsewhere(reason.code(), encounter)
                                ? new Code(
                                        reason.system(),
                                        reason.code(),
                                        reason.text(),
                                        List.of(),
                                        null,
                                        DocumentedEncounter.EpisodeOfCare.SUBSEQUENT)
                                : reason);
            }
        }
        return codes;
    }

    /**
     * Whether {@code condition} was recorded at this encounter (its Condition.encounter, or none in a bundle of one
     * encounter): without a documented episode of care, this visit is the initial one for it (ICD-10-CM 7th
     * character A), a later visit for the same condition a subsequent one (D). Only for SNOMED CT diagnoses, whose
     * ICD-10-CM code coding-service completes; a documented ICD-10-CM code carries its own 7th character.
     */
    private boolean recordedAt(Condition condition, Encounter encounter) {
        return !condition.hasEncounter() || refs.pointsTo(condition.getEncounter(), encounter);
    }

    /** Whether a Condition with this SNOMED CT code was recorded at another encounter of the bundle. */
    private boolean recordedElsewhere(String snomed, Encounter encounter) {
        return refs.all(Condition.class).stream()
                .filter(c -> c.hasEncounter() && !refs.pointsTo(c.getEncounter(), encounter))
                .filter(c -> !isEnteredInErrorOrRefuted(c))
                .anyMatch(c -> c.getCode().getCoding().stream()
                        .anyMatch(coding -> snomed.equals(coding.getCode())
                                && FhirTerms.codeSystem(coding.getSystem())
                                        .filter(CodeSystem.SNOMED_CT::equals)
                                        .isPresent()));
    }

    /** The condition-episode-of-care extension: initial, subsequent or sequela; null when absent. */
    private DocumentedEncounter.EpisodeOfCare episodeOfCare(Condition condition) {
        Extension extension = condition.getExtensionByUrl(FhirTerms.EXT_EPISODE_OF_CARE);
        if (extension == null || extension.getValue() == null) {
            return null;
        }
        String value = codeValue(extension.getValue());
        for (DocumentedEncounter.EpisodeOfCare episode : DocumentedEncounter.EpisodeOfCare.values()) {
            if (episode.name().equalsIgnoreCase(value)) {
                return episode;
            }
        }
        context.problem(
                refs.path(condition) + ".extension",
                Kind.INVALID,
                "the episode of care must be initial, subsequent or sequela");
        return null;
    }
}
