package io.claimflow.coding.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * Computer-assisted coding of one documented encounter, in the order a coder works: the diagnoses
 * ({@link DiagnosisSelection}, then {@link DiagnosisGuidelines}), the service lines (documented procedures
 * {@link ProcedureSelection}, drugs and vaccines {@link AdministeredItemLines}, the Medicare wellness visit
 * {@link WellnessVisitLines}, the E/M visit {@link VisitLines}), the first-listed diagnosis
 * ({@link DiagnosisSequencing}), the modifiers ({@link LineModifiers}), NCCI and MUE ({@link NcciAndMue}), the
 * pointers ({@link DiagnosisPointers}), then {@link CodingEdits}. Whatever it cannot decide with confidence becomes a
 * {@link HoldReason}: the encounter goes to a coder instead of being guessed.
 */
public final class EncounterCoder {

    private final CodeSets codeSets;
    private final CodingEdits edits;
    private final UncodedConcepts uncoded;
    private final DiagnosisSelection diagnosisSelection;
    private final DiagnosisSequencing sequencing;
    private final ProcedureSelection procedures;
    private final AdministeredItemLines items;
    private final WellnessVisitLines wellnessVisits;
    private final VisitLines visits;
    private final DiagnosisPointers pointers;
    private final LineModifiers modifiers;
    private final NcciAndMue ncciAndMue;

    public EncounterCoder(CodeSets codeSets, Crosswalk crosswalk) {
        this.codeSets = codeSets;
        this.edits = new CodingEdits(codeSets);
        this.uncoded = new UncodedConcepts(crosswalk);
        this.diagnosisSelection = new DiagnosisSelection(codeSets, crosswalk, uncoded);
        this.sequencing = new DiagnosisSequencing(codeSets);
        this.procedures = new ProcedureSelection(codeSets, crosswalk, uncoded);
        this.items = new AdministeredItemLines(codeSets, crosswalk, procedures);
        this.wellnessVisits = new WellnessVisitLines(procedures);
        this.visits = new VisitLines(procedures);
        this.pointers = new DiagnosisPointers(codeSets);
        this.modifiers = new LineModifiers(codeSets, pointers);
        this.ncciAndMue = new NcciAndMue(codeSets);
    }

    public CodingEdits edits() {
        return edits;
    }

    /** Codes the encounter; never throws for clinical content, holds instead. */
    public Coding code(DocumentedEncounter encounter) {
        CodingRun run = new CodingRun(encounter);
        List<String> dental = uncoded.dental(encounter);
        if (!dental.isEmpty()) {
            run.hold(
                    "DENTAL-SERVICE",
                    "Dental services (SNOMED CT " + dental + ") are billed on a dental claim "
                            + "with CDT codes; ClaimFlow codes medical (837P) claims only");
        }
        List<CodedDiagnosis> diagnoses = diagnosisSelection.resolve(run);
        if (diagnoses.isEmpty() && run.holds().isEmpty()) {
            diagnoses = diagnosisSelection.reasonForVisit(run);
        }
        DiagnosisGuidelines.Outcome guided = DiagnosisGuidelines.apply(codeSets, run.dos(), diagnoses);
        diagnoses = guided.diagnoses();
        run.edits().addAll(guided.edits());
        run.holds().addAll(guided.holds());

        List<DraftLine> visit = new ArrayList<>();
        List<DraftLine> documented = procedures.documented(run, visit);
        List<DraftLine> given = items.lines(run);
        AnnualWellnessVisit wellness = wellnessVisits.documented(run, documented);
        List<DraftLine> wellnessLine =
                wellness == null ? List.of() : wellnessVisits.line(run, wellness, visit, documented);
        boolean preventive = wellness == null && PreventiveVisits.preventiveEncounter(encounter.encounterType());
        if (visit.isEmpty()) {
            boolean otherServices = !documented.isEmpty() || !given.isEmpty() || !wellnessLine.isEmpty();
            visit.addAll(visits.lines(run, preventive, otherServices, diagnoses));
        }
        if (preventive || wellness != null || visit.stream().anyMatch(d -> ProcedureRanges.preventiveVisit(d.code()))) {
            diagnoses = sequencing.preventiveExamFirst(run, diagnoses);
        }
        diagnoses = sequencing.firstListed(run, diagnoses);

        List<DraftLine> drafts = new ArrayList<>(wellnessLine);
        drafts.addAll(visit);
        drafts.addAll(DraftLine.merge(documented));
        drafts.addAll(DraftLine.merge(given));
        List<CodedLine> lines = DraftLine.number(drafts);
        if (lines.isEmpty() && run.holds().isEmpty()) {
            run.hold("NO-SERVICE", "Nothing billable was documented");
        }
        lines = modifiers.laterality(run, lines, drafts);
        lines = modifiers.modifier25(run, lines, diagnoses);
        lines = ncciAndMue.ncci(run, lines, drafts);
        lines = CodedLine.renumbered(ncciAndMue.mue(run, lines));
        List<CodedLine> pointed = new ArrayList<>();
        for (CodedLine line : lines) {
            pointed.add(line.withPointers(pointers.pointersFor(line, diagnoses, run.dos(), run.edits(), lines)));
        }
        for (Edit edit : edits.check(encounter, diagnoses, pointed)) {
            run.note(edit);
            if (edit.blocking()) {
                run.hold(edit.ruleId(), edit.message());
            }
        }
        return run.coding(diagnoses, pointed);
    }
}
