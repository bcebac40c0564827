package io.claimflow.coding.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Computer-assisted coding of one documented encounter. Documented ICD-10-CM / CPT / HCPCS codes are checked on the
 * date of service and used; SNOMED CT goes through the crosswalk; free text is matched only when a code's
 * description says exactly the same. The office E/M level comes from MDM or total time (2021 rules), a preventive
 * visit from age and new/established. Modifiers (25, 59/XS, RT/LT/50), units, diagnosis pointers and the first-listed
 * diagnosis follow, then {@link CodingEdits}. Whatever it cannot decide with confidence becomes a {@link HoldReason}:
 * the encounter goes to a coder instead of being guessed.
 */
public final class EncounterCoder {

    private static final Pattern DOSE = Pattern.compile(
            "(?:per|up to|,)\\s*(\\d+(?:\\.\\d+)?)\\s*(mg|mcg|ml|units?|gm?)\\b", Pattern.CASE_INSENSITIVE);

    private static final List<String> DISTINCT_WORDS = List.of(
            "separate",
            "different site",
            "distinct",
            "second lesion",
            "another site",
            "different lesion",
            "separate lesion");

    /** More documented units than this on one procedure is taken for a typing error, never billed as is. */
    static final int MAX_DOCUMENTED_UNITS = 99;

    private final CodeSets codeSets;
    private final Crosswalk crosswalk;
    private final CodingEdits edits;

    public EncounterCoder(CodeSets codeSets, Crosswalk crosswalk) {
        this.codeSets = codeSets;
        this.crosswalk = crosswalk;
        this.edits = new CodingEdits(codeSets);
    }

    public CodingEdits edits() {
        return edits;
    }

    /** Codes the encounter; never throws for clinical content, holds instead. */
    public Coding code(DocumentedEncounter encounter) {
        return new Run(encounter).code();
    }

    /**
     * Diagnosis pointers for a non-E/M line: diagnoses that support the procedure (its indications), in claim
     * order, else the first-listed one. Adds the pointer edit that explains the choice.
     */
    List<Integer> pointersFor(CodedLine line, List<CodedDiagnosis> diagnoses, LocalDate dos, List<Edit> out) {
        return pointersFor(line, diagnoses, dos, out, List.of());
    }

    /** As above; a drug administration line without indications of its own takes those of the drugs given. */
    List<Integer> pointersFor(
            CodedLine line, List<CodedDiagnosis> diagnoses, LocalDate dos, List<Edit> out, List<CodedLine> claim) {
        if (diagnoses.isEmpty()) {
            return List.of();
        }
        if (line.evaluationAndManagement()) {
            boolean examOnClaim = claim.stream()
                    .anyMatch(
                            l -> AnnualWellnessVisit.of(l.code()) != null || ProcedureRanges.preventiveVisit(l.code()));
            if (ProcedureRanges.officeVisit(line.code()) && examOnClaim) {
                List<Integer> problems = new ArrayList<>();
                for (int i = 0; i < diagnoses.size() && problems.size() < CodingEdits.MAX_POINTERS; i++) {
                    if (!PreventiveVisits.examinationCode(diagnoses.get(i).code())) {
                        problems.add(i + 1);
                    }
                }
                if (!problems.isEmpty()) {
                    return problems;
                }
            }
            boolean problemVisitOnClaim = claim.stream().anyMatch(l -> ProcedureRanges.officeVisit(l.code()));
            if (ProcedureRanges.preventiveVisit(line.code()) && problemVisitOnClaim) {
                List<Integer> exams = new ArrayList<>();
                for (int i = 0; i < diagnoses.size(); i++) {
                    if (PreventiveVisits.examinationCode(diagnoses.get(i).code())) {
                        exams.add(i + 1);
                    }
                }
                if (!exams.isEmpty()) {
                    return exams; // the problems are the problem visit's
                }
            }
            return firstPointers(diagnoses.size());
        }
        if (ProcedureRanges.prolongedService(line.code())) {
            Optional<CodedLine> visit = claim.stream()
                    .filter(l -> ProcedureRanges.officeVisit(l.code()))
                    .findFirst();
            if (visit.isPresent()) {
                return pointersFor(visit.get(), diagnoses, dos, out, claim); // it extends that visit
            }
        }
        List<String> indications = indications(line, claim, dos);
        List<Integer> supported = supporting(line.code(), diagnoses, indications);
        if (!supported.isEmpty()) {
            return supported;
        }
        if (indications.isEmpty()) {
            out.add(new Edit(
                    EditType.DIAGNOSIS_POINTER,
                    "DX-POINTER-DEFAULT",
                    Severity.INFO,
                    "No documented link between " + line.code() + " and a diagnosis; pointed it to the first-listed "
                            + "diagnosis",
                    List.of(line.lineNumber()),
                    List.of(line.code(), diagnoses.get(0).code()),
                    "Diagnosis pointer set to 1"));
        } else {
            out.add(new Edit(
                    EditType.DIAGNOSIS_POINTER,
                    "DX-POINTER-UNSUPPORTED",
                    Severity.WARNING,
                    "No documented diagnosis is among the indications of " + line.code()
                            + "; pointed it to the first-listed diagnosis",
                    List.of(line.lineNumber()),
                    List.of(line.code(), diagnoses.get(0).code()),
                    "Diagnosis pointer set to 1"));
        }
        return List.of(1);
    }

    /** The diagnoses that support a line: its own indications, or for a drug administration those of the drugs. */
    List<String> indications(CodedLine line, List<CodedLine> claim, LocalDate dos) {
        List<String> own = codeSets.indications(line.code(), dos);
        if (!own.isEmpty() || !ProcedureRanges.drugAdministration(line.code())) {
            return own;
        }
        List<String> drugs = new ArrayList<>();
        for (CodedLine other : claim) {
            if (other.system() == CodeSystem.HCPCS && other.code().startsWith("J")) {
                codeSets.indications(other.code(), dos).stream()
                        .filter(i -> !drugs.contains(i))
                        .forEach(drugs::add);
            }
        }
        return drugs;
    }

    /** 1-based positions of diagnoses under one of the indication prefixes, at most four. */
    static List<Integer> supporting(String procedure, List<CodedDiagnosis> diagnoses, List<String> indications) {
        List<Integer> supported = new ArrayList<>();
        for (int i = 0; i < diagnoses.size() && supported.size() < CodingEdits.MAX_POINTERS; i++) {
            String dx = diagnoses.get(i).code();
            if (indications.stream().anyMatch(dx::startsWith)) {
                supported.add(i + 1);
            }
        }
        return supported;
    }

    static List<Integer> firstPointers(int diagnoses) {
        List<Integer> pointers = new ArrayList<>();
        for (int i = 1; i <= Math.min(CodingEdits.MAX_POINTERS, diagnoses); i++) {
            pointers.add(i);
        }
        return pointers;
    }

    /** Modifier for a distinct service on a bypassable NCCI pair: XS for Medicare, 59 for other payers. */
    static String distinctServiceModifier(boolean medicare) {
        return medicare ? "XS" : "59";
    }

    static String normalize(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").trim();
    }

    /** A procedure or supply before lines are numbered. */
    private record Draft(
            String code,
            CodeSystem system,
            String description,
            int units,
            String laterality,
            String text,
            Drug drug,
            List<String> modifiers) {

        Draft(
                String code,
                CodeSystem system,
                String description,
                int units,
                String laterality,
                String text,
                Drug drug) {
            this(code, system, description, units, laterality, text, drug, List.of());
        }

        Draft withUnits(int newUnits) {
            return new Draft(code, system, description, newUnits, laterality, text, drug, modifiers);
        }
    }

    private final class Run {

        private final DocumentedEncounter encounter;
        private final LocalDate dos;
        private final int age;
        private final List<Edit> fired = new ArrayList<>();
        private final List<HoldReason> holds = new ArrayList<>();

        Run(DocumentedEncounter encounter) {
            this.encounter = encounter;
            this.dos = encounter.dateOfService();
            this.age = encounter.ageOnDateOfService();
        }

        Coding code() {
            List<String> dental = dentalConcepts();
            if (!dental.isEmpty()) {
                hold(
                        "DENTAL-SERVICE",
                        "Dental services (SNOMED CT " + dental + ") are billed on a dental claim "
                                + "with CDT codes; ClaimFlow codes medical (837P) claims only");
            }
            List<CodedDiagnosis> diagnoses = resolveDiagnoses();
            if (diagnoses.isEmpty() && holds.isEmpty()) {
                diagnoses = reasonForVisit();
            }
            DiagnosisGuidelines.Outcome guided = DiagnosisGuidelines.apply(codeSets, dos, diagnoses);
            diagnoses = guided.diagnoses();
            fired.addAll(guided.edits());
            holds.addAll(guided.holds());
            List<Draft> visit = new ArrayList<>();
            List<Draft> procedures = resolveProcedures(visit);
            List<Draft> items = resolveItems();
            AnnualWellnessVisit wellness = wellnessVisit(procedures);
            List<Draft> wellnessLine = new ArrayList<>();
            if (wellness != null) {
                wellnessLine.addAll(wellnessVisit(wellness, visit, procedures));
            }
            boolean preventive = wellness == null && PreventiveVisits.preventiveEncounter(encounter.encounterType());
            if (visit.isEmpty()) {
                visit.addAll(visitLines(
                        preventive, !procedures.isEmpty() || !items.isEmpty() || !wellnessLine.isEmpty(), diagnoses));
            }
            if (preventive
                    || wellness != null
                    || visit.stream().anyMatch(d -> ProcedureRanges.preventiveVisit(d.code()))) {
                diagnoses = preventiveExamFirst(diagnoses);
            }
            diagnoses = firstListed(diagnoses);

            List<Draft> drafts = new ArrayList<>(wellnessLine);
            drafts.addAll(visit);
            drafts.addAll(merge(procedures));
            drafts.addAll(merge(items));
            List<CodedLine> lines = number(drafts);
            if (lines.isEmpty() && holds.isEmpty()) {
                hold("NO-SERVICE", "Nothing billable was documented");
            }
            lines = laterality(lines, drafts);
            lines = modifier25(lines, diagnoses);
            lines = ncci(lines, drafts);
            lines = mue(lines);
            lines = renumber(lines);
            List<CodedLine> pointed = new ArrayList<>();
            for (CodedLine line : lines) {
                pointed.add(line.withPointers(pointersFor(line, diagnoses, dos, fired, lines)));
            }
            for (Edit edit : edits.check(encounter, diagnoses, pointed)) {
                fired.add(edit);
                if (edit.blocking()) {
                    hold(edit.ruleId(), edit.message());
                }
            }
            return new Coding(diagnoses, pointed, fired, dedupe(holds));
        }

        // --- diagnoses ---------------------------------------------------------------------------------------

        /** Documented SNOMED CT concepts of dental services. */
        private List<String> dentalConcepts() {
            List<Documented> all = new ArrayList<>(encounter.diagnoses());
            all.addAll(encounter.procedures());
            return all.stream()
                    .filter(d -> d.system() == CodeSystem.SNOMED_CT && crosswalk.dental(d.code()))
                    .map(Documented::code)
                    .distinct()
                    .toList();
        }

        /** A concept documented on purpose without a code of its own: an edit says so, nothing is held. */
        private boolean notReported(String concept) {
            Optional<String> why = crosswalk.notReported(concept);
            why.ifPresent(w -> fired.add(new Edit(
                    EditType.OTHER,
                    "SNOMED-NOT-REPORTED",
                    Severity.INFO,
                    "SNOMED CT " + concept + " is not reported as a code: " + w,
                    List.of(),
                    List.of(concept),
                    "Not coded")));
            return why.isPresent();
        }

        /**
         * No diagnosis documented (or all not reported): the reason the encounter type states, when it states one
         * (vaccination Z23, routine postpartum follow-up Z39.2, supervision of normal pregnancy Z34.90), or Z23 when a
         * vaccine was given. A
         * preventive visit gets its examination code later; anything else is held by the edits (no diagnosis).
         */
        private List<CodedDiagnosis> reasonForVisit() {
            Documented type = encounter.encounterType();
            String concept = type == null || type.system() != CodeSystem.SNOMED_CT ? "" : type.code();
            String reason = switch (concept) {
                case "33879002" -> "Z23";
                case "169762003" -> "Z39.2";
                case "424619006", "424441002" -> "Z34.90";
                default -> null;
            };
            if (reason == null
                    && encounter.administeredItems().stream()
                            .anyMatch(i -> i.vaccine() || i.code().system() == CodeSystem.CVX)) {
                reason = "Z23"; // I.C.21.c.2: a vaccination without another reason documented
            }
            if (reason == null) {
                return List.of();
            }
            Optional<IcdCode> icd = codeSets.icd(reason, dos);
            if (icd.isEmpty()) {
                return List.of();
            }
            fired.add(new Edit(
                    EditType.FIRST_LISTED_DIAGNOSIS,
                    "DX-REASON-FROM-ENCOUNTER-TYPE",
                    Severity.INFO,
                    "No diagnosis documented; "
                            + ("Z23".equals(reason)
                                    ? "a vaccine was given"
                                    : "SNOMED CT encounter type " + concept + " states the reason"),
                    List.of(),
                    List.of(reason),
                    "Added " + reason));
            return new ArrayList<>(List.of(new CodedDiagnosis(reason, icd.get().longDescription())));
        }

        private List<CodedDiagnosis> resolveDiagnoses() {
            Map<String, CodedDiagnosis> byCode = new LinkedHashMap<>();
            int position = 0;
            for (Documented documented : encounter.diagnoses()) {
                position++;
                for (IcdCode code : resolveDiagnosis(documented, position)) {
                    byCode.putIfAbsent(code.code(), new CodedDiagnosis(code.code(), code.longDescription()));
                }
            }
            return new ArrayList<>(byCode.values());
        }

        private List<IcdCode> resolveDiagnosis(Documented documented, int position) {
            switch (documented.system()) {
                case ICD_10_CM -> {
                    String code = IcdCodes.withDot(documented.code());
                    Optional<IcdCode> icd = codeSets.icd(code, dos);
                    if ((icd.isEmpty() || !icd.get().billable()) && SeventhCharacter.needed(codeSets, code, dos)) {
                        return SeventhCharacter.complete(
                                        codeSets,
                                        code,
                                        documented.episodeOfCare(),
                                        dos,
                                        "Documented ICD-10-CM " + code,
                                        fired,
                                        holds)
                                .stream()
                                .toList();
                    }
                    if (icd.isEmpty()) {
                        if (codeSets.icdKnownOnAnyDate(code)) {
                            hold(
                                    "ICD10-NOT-VALID-ON-DOS",
                                    "Documented ICD-10-CM " + code + " is not valid on the date of service " + dos);
                        } else {
                            hold(
                                    "ICD10-UNKNOWN",
                                    "Documented ICD-10-CM " + code + " is not in the loaded ICD-10-CM code sets");
                        }
                        return List.of();
                    }
                    if (!icd.get().billable()) {
                        List<String> children = codeSets.icdBillableUnder(code, dos, 12).stream()
                                .map(IcdCode::code)
                                .toList();
                        hold(
                                "ICD10-NOT-BILLABLE",
                                "Documented ICD-10-CM " + code + " is a header; a more specific " + "code is needed"
                                        + (children.isEmpty() ? "" : " (one of " + children + ")"));
                        return List.of();
                    }
                    SeventhCharacter.checkConflict(codeSets, code, documented.episode(), dos, holds);
                    return List.of(icd.get());
                }
                case SNOMED_CT -> {
                    return fromSnomed(documented.code(), position, documented.episodeOfCare());
                }
                case NONE -> {
                    return fromText(documented.text(), position).stream().toList();
                }
                default -> {
                    hold(
                            "DX-WRONG-SYSTEM",
                            "Diagnosis " + position + " is documented as a " + documented.system() + " procedure code");
                    return List.of();
                }
            }
        }

        private List<IcdCode> fromSnomed(String concept, int position, EpisodeOfCare episode) {
            if (notReported(concept) || crosswalk.dental(concept)) {
                return List.of();
            }
            List<Crosswalk.Target> targets = crosswalk.icdTargets(concept);
            if (targets.isEmpty()) {
                hold(
                        "SNOMED-UNMAPPED",
                        "SNOMED CT " + concept + " (diagnosis " + position + ") has no ICD-10-CM mapping");
                return List.of();
            }
            Map<String, IcdCode> valid = new LinkedHashMap<>();
            List<HoldReason> episodeHolds = new ArrayList<>();
            for (Crosswalk.Target target : targets) {
                String code = IcdCodes.withDot(target.code());
                Optional<IcdCode> icd = codeSets.icd(code, dos).filter(IcdCode::billable);
                if (icd.isEmpty() && SeventhCharacter.needed(codeSets, code, dos)) {
                    icd = SeventhCharacter.complete(
                            codeSets,
                            code,
                            episode,
                            dos,
                            "SNOMED CT " + concept + " (to " + code + ")",
                            fired,
                            episodeHolds);
                }
                icd.filter(c -> fitsPatient(c.code())).ifPresent(c -> valid.putIfAbsent(c.code(), c));
            }
            List<String> all = targets.stream()
                    .map(t -> IcdCodes.withDot(t.code()))
                    .distinct()
                    .toList();
            if (valid.isEmpty()) {
                if (!episodeHolds.isEmpty()) {
                    holds.add(episodeHolds.get(0));
                } else {
                    noValidIcdTarget(concept, all);
                }
                return List.of();
            }
            TargetChoice.Choice choice = TargetChoice.choose(new ArrayList<>(valid.values()));
            if (choice.codes().isEmpty()) {
                hold(
                        "SNOMED-AMBIGUOUS",
                        "SNOMED CT " + concept + " maps to several valid codes " + valid.keySet() + ": "
                                + choice.reason() + "; a coder chooses");
                return List.of();
            }
            if (all.size() > 1) {
                List<String> chosen = choice.codes().stream().map(IcdCode::code).toList();
                fired.add(new Edit(
                        EditType.CODE_VALIDITY,
                        "SNOMED-TARGET-SELECTED",
                        Severity.INFO,
                        "SNOMED CT " + concept + " maps to " + all + "; "
                                + (valid.size() == 1
                                        ? "only " + chosen + " is billable and fits the patient on the date of service"
                                        : choice.reason()),
                        List.of(),
                        all,
                        "Coded " + String.join(", ", chosen)));
            }
            return choice.codes();
        }

        private Optional<IcdCode> fromText(String text, int position) {
            String wanted = normalize(text);
            if (wanted.isEmpty()) {
                hold("FREE-TEXT-EMPTY", "Diagnosis " + position + " has neither a code nor text");
                return Optional.empty();
            }
            List<IcdCode> candidates = codeSets.icdByDescription(text, dos, 6);
            List<IcdCode> exact = candidates.stream()
                    .filter(IcdCode::billable)
                    .filter(c -> normalize(c.longDescription()).equals(wanted)
                            || normalize(c.shortDescription()).equals(wanted))
                    .toList();
            if (exact.size() == 1 && fitsPatient(exact.get(0).code())) {
                fired.add(new Edit(
                        EditType.OTHER,
                        "FREE-TEXT-MATCH",
                        Severity.INFO,
                        "Free-text diagnosis " + position + " matches the description of "
                                + exact.get(0).code() + " exactly",
                        List.of(),
                        List.of(exact.get(0).code()),
                        "Coded " + exact.get(0).code()));
                return Optional.of(exact.get(0));
            }
            hold(
                    "FREE-TEXT-UNCLEAR",
                    "Free-text diagnosis " + position + " has no confident ICD-10-CM match"
                            + (candidates.isEmpty()
                                    ? ""
                                    : " (candidates "
                                            + candidates.stream()
                                                    .map(IcdCode::code)
                                                    .toList() + ")"));
            return Optional.empty();
        }

        private boolean fitsPatient(String code) {
            return patientConflict(code).isEmpty();
        }

        /** Why the code does not fit the patient's sex or age ("the patient's sex: ..."), or empty. */
        private Optional<String> patientConflict(String code) {
            for (DemographicRule rule : codeSets.demographicRules(List.of(code), dos)) {
                if (!rule.matches(code)) {
                    continue;
                }
                if (rule.sex() != null && encounter.sex() != Sex.UNKNOWN && rule.sex() != encounter.sex()) {
                    return Optional.of("the patient's sex: " + rule.note());
                }
                if ((rule.minAge() != null && age < rule.minAge()) || (rule.maxAge() != null && age > rule.maxAge())) {
                    return Optional.of("the patient's age: " + rule.note());
                }
            }
            return Optional.empty();
        }

        /**
         * No target of the concept can be coded: says why, the closest reason first (the patient, a header, the date,
         * unknown to the loaded sets).
         */
        private void noValidIcdTarget(String concept, List<String> targets) {
            String mapped = "SNOMED CT " + concept + " maps to " + targets + ": ";
            List<String> notOnDate = new ArrayList<>();
            List<String> headers = new ArrayList<>();
            for (String code : targets) {
                Optional<IcdCode> icd = codeSets.icd(code, dos);
                if (icd.isPresent() && icd.get().billable()) {
                    Optional<String> conflict = patientConflict(code);
                    if (conflict.isPresent()) {
                        hold("SNOMED-TARGET-PATIENT", mapped + code + " does not fit " + conflict.get());
                        return;
                    }
                } else if (icd.isPresent()) {
                    headers.add(code);
                } else if (codeSets.icdKnownOnAnyDate(code)) {
                    notOnDate.add(code);
                }
            }
            if (!headers.isEmpty()) {
                hold("SNOMED-TARGET-NOT-BILLABLE", mapped + headers + " is a header; a more specific code is needed");
            } else if (!notOnDate.isEmpty()) {
                hold(
                        "SNOMED-TARGET-NOT-VALID-ON-DOS",
                        mapped + notOnDate + " is not valid on the date of service " + dos);
            } else {
                hold("SNOMED-TARGET-UNKNOWN", mapped + "not in the loaded ICD-10-CM code sets");
            }
        }

        private List<CodedDiagnosis> preventiveExamFirst(List<CodedDiagnosis> diagnoses) {
            int exam = -1;
            for (int i = 0; i < diagnoses.size(); i++) {
                if (diagnoses.get(i).code().startsWith("Z00.0")
                        || diagnoses.get(i).code().startsWith("Z00.1")) {
                    exam = i;
                    break;
                }
            }
            List<CodedDiagnosis> ordered = new ArrayList<>(diagnoses);
            if (exam > 0) {
                CodedDiagnosis moved = ordered.remove(exam);
                ordered.add(0, moved);
                fired.add(new Edit(
                        EditType.FIRST_LISTED_DIAGNOSIS,
                        "DX-PREVENTIVE-EXAM-FIRST",
                        Severity.INFO,
                        "The preventive examination code is the reason for the visit",
                        List.of(),
                        List.of(moved.code()),
                        "Moved " + moved.code() + " first"));
            } else if (exam < 0) {
                // Z00.01 / Z00.121 only for documented abnormal findings, not for any other diagnosis listed
                // (guideline I.C.21.c.13: chronic conditions may be added without being findings of the exam)
                boolean findings = encounter.examinationFoundAbnormalities();
                String code = PreventiveVisits.examinationDiagnosis(age, findings);
                Optional<IcdCode> icd = codeSets.icd(code, dos);
                if (icd.isEmpty()) {
                    hold(
                            "DX-PREVENTIVE-EXAM",
                            "Preventive visit without an examination diagnosis, and " + code
                                    + " is not in the code set on the date of service");
                    return ordered;
                }
                ordered.add(0, new CodedDiagnosis(code, icd.get().longDescription()));
                fired.add(new Edit(
                        EditType.FIRST_LISTED_DIAGNOSIS,
                        "DX-PREVENTIVE-EXAM",
                        Severity.INFO,
                        "Preventive visit documented without an examination diagnosis",
                        List.of(),
                        List.of(code),
                        "Added " + code + " as the first-listed diagnosis"));
            }
            return ordered;
        }

        private List<CodedDiagnosis> firstListed(List<CodedDiagnosis> diagnoses) {
            if (diagnoses.isEmpty()
                    || !CodingEdits.secondaryOnly(diagnoses.get(0).code())) {
                return diagnoses;
            }
            if (diagnoses.stream().allMatch(d -> CodingEdits.secondaryOnly(d.code()))) {
                return diagnoses; // the edit holds it
            }
            // the additional codes listed first go after the diagnosis they belong to (BMI after the weight
            // diagnosis, I.C.21.c.3), else to the end; the others keep their documented order
            List<CodedDiagnosis> ordered = new ArrayList<>(diagnoses);
            List<CodedDiagnosis> leading = new ArrayList<>();
            while (CodingEdits.secondaryOnly(ordered.get(0).code())) {
                leading.add(ordered.remove(0));
            }
            for (CodedDiagnosis moved : leading) {
                int weight = -1;
                for (int i = 0; i < ordered.size(); i++) {
                    if (moved.code().startsWith("Z68") && ordered.get(i).code().startsWith("E66")) {
                        weight = i;
                    }
                }
                ordered.add(weight < 0 ? ordered.size() : weight + 1, moved);
            }
            fired.add(new Edit(
                    EditType.FIRST_LISTED_DIAGNOSIS,
                    "DX-FIRST-SECONDARY-ONLY",
                    Severity.INFO,
                    diagnoses.get(0).code() + " is reported only as an additional code",
                    List.of(),
                    List.of(diagnoses.get(0).code(), ordered.get(0).code()),
                    "Moved " + ordered.get(0).code() + " first"));
            return ordered;
        }

        // --- Medicare annual wellness visit ---------------------------------------------------------------------

        /** The documented wellness visit: the event's field, the encounter type, or a documented G0438/G0439. */
        private AnnualWellnessVisit wellnessVisit(List<Draft> procedures) {
            List<AnnualWellnessVisit> documented = new ArrayList<>();
            if (encounter.annualWellnessVisit() != null) {
                documented.add(encounter.annualWellnessVisit());
            }
            Documented type = encounter.encounterType();
            if (type != null && type.system() == CodeSystem.HCPCS && AnnualWellnessVisit.of(type.code()) != null) {
                documented.add(AnnualWellnessVisit.of(type.code()));
            }
            procedures.stream()
                    .map(d -> AnnualWellnessVisit.of(d.code()))
                    .filter(java.util.Objects::nonNull)
                    .forEach(documented::add);
            if (documented.isEmpty()) {
                return null;
            }
            if (documented.stream().distinct().count() > 1) {
                hold(
                        "AWV-CONFLICT",
                        "Both an initial (G0438) and a subsequent (G0439) annual wellness visit are "
                                + "documented; a coder checks which it was");
            }
            if (!encounter.medicare()) {
                hold(
                        "AWV-NOT-MEDICARE",
                        "An annual wellness visit (" + documented.get(0).code() + ") is a Medicare "
                                + "benefit and the primary payer is not Medicare Part B; a coder checks the payer's "
                                + "preventive visit");
            }
            return documented.get(0);
        }

        /**
         * The wellness visit line (unless documented as a procedure already); a preventive medicine E/M documented
         * with it is taken off with an edit: Medicare pays the wellness visit, not both.
         */
        private List<Draft> wellnessVisit(AnnualWellnessVisit wellness, List<Draft> visit, List<Draft> procedures) {
            for (Draft em : List.copyOf(visit)) {
                if (ProcedureRanges.preventiveVisit(em.code())) {
                    visit.remove(em);
                    fired.add(new Edit(
                            EditType.OTHER,
                            "AWV-PREVENTIVE-EM",
                            Severity.WARNING,
                            "Preventive medicine "
                                    + "visit " + em.code() + " documented with the annual wellness visit "
                                    + wellness.code()
                                    + ": Medicare covers the wellness visit, a preventive E/M is not reported with it",
                            List.of(),
                            List.of(em.code(), wellness.code()),
                            "Removed " + em.code()));
                }
            }
            List<Draft> documented = procedures.stream()
                    .filter(d -> AnnualWellnessVisit.of(d.code()) != null)
                    .toList();
            procedures.removeAll(documented);
            if (!documented.isEmpty()) {
                return List.of(documented.get(0));
            }
            List<Draft> line = new ArrayList<>();
            procedureDraft(wellness.code(), 1).ifPresent(line::add);
            fired.add(new Edit(
                    EditType.OTHER,
                    "AWV",
                    Severity.INFO,
                    "Medicare annual wellness visit, " + wellness.name().toLowerCase(Locale.ROOT),
                    List.of(),
                    List.of(wellness.code()),
                    "Coded " + wellness.code()));
            return line;
        }

        // --- procedures and items ----------------------------------------------------------------------------

        private List<Draft> resolveProcedures(List<Draft> visit) {
            List<Draft> drafts = new ArrayList<>();
            int position = 0;
            for (Documented documented : encounter.procedures()) {
                position++;
                Optional<ProcedureCode> code = resolveProcedure(documented, position);
                if (code.isEmpty()) {
                    continue;
                }
                boolean visitCode = ProcedureRanges.officeVisit(code.get().code())
                        || ProcedureRanges.preventiveVisit(code.get().code());
                Draft draft = new Draft(
                        code.get().code(),
                        code.get().system(),
                        code.get().shortDescription(),
                        documentedUnits(documented, code.get().code(), visitCode),
                        documented.laterality(),
                        documented.text(),
                        null,
                        documented.modifiers());
                if (!documented.modifiers().isEmpty()) {
                    fired.add(new Edit(
                            EditType.OTHER,
                            "MOD-DOCUMENTED",
                            Severity.INFO,
                            "Modifier(s) " + documented.modifiers() + " documented with " + draft.code(),
                            List.of(),
                            List.of(draft.code()),
                            "Kept as documented"));
                }
                if (visitCode) {
                    if (visit.isEmpty()) {
                        visit.add(draft);
                    } else {
                        hold("EM-MULTIPLE", "More than one E/M visit code documented");
                    }
                } else {
                    drafts.add(draft);
                }
            }
            return drafts;
        }

        /**
         * Units of a documented procedure: its documented quantity (one when none), which must be a whole number of
         * units from 1 to {@value #MAX_DOCUMENTED_UNITS} (an E/M visit exactly one). Anything else holds the encounter
         * and the line keeps one unit as the suggestion.
         */
        private int documentedUnits(Documented documented, String code, boolean visitCode) {
            BigDecimal quantity = documented.quantity();
            if (quantity == null) {
                return 1;
            }
            BigDecimal whole = quantity.stripTrailingZeros();
            boolean plausible = quantity.signum() > 0
                    && whole.scale() <= 0
                    && whole.compareTo(BigDecimal.valueOf(visitCode ? 1 : MAX_DOCUMENTED_UNITS)) <= 0;
            if (!plausible) {
                hold(
                        "UNITS-IMPLAUSIBLE",
                        "Documented quantity " + quantity.toPlainString() + " of " + code
                                + " is not a plausible number of units ("
                                + (visitCode
                                        ? "an E/M visit is one unit"
                                        : "a whole number from 1 to " + MAX_DOCUMENTED_UNITS)
                                + "); a coder checks it");
                return 1;
            }
            int units = whole.intValueExact();
            if (units != 1) {
                fired.add(new Edit(
                        EditType.OTHER,
                        "UNITS-DOCUMENTED",
                        Severity.INFO,
                        units + " units of " + code + " documented",
                        List.of(),
                        List.of(code),
                        "Billed " + units + " units"));
            }
            return units;
        }

        private Optional<ProcedureCode> resolveProcedure(Documented documented, int position) {
            switch (documented.system()) {
                case CPT, HCPCS -> {
                    String code = documented.code().toUpperCase(Locale.ROOT);
                    Optional<ProcedureCode> procedure = codeSets.procedure(code, dos);
                    if (procedure.isEmpty()) {
                        procedureMissing("Documented procedure " + code, code);
                    }
                    return procedure;
                }
                case SNOMED_CT -> {
                    return procedureFromSnomed(documented.code(), position);
                }
                case NONE -> {
                    return procedureFromText(documented.text(), position);
                }
                default -> {
                    hold(
                            "PROC-WRONG-SYSTEM",
                            "Procedure " + position + " is documented as a " + documented.system()
                                    + " code, not CPT, HCPCS or SNOMED CT");
                    return Optional.empty();
                }
            }
        }

        private Optional<ProcedureCode> procedureFromSnomed(String concept, int position) {
            if (notReported(concept) || crosswalk.dental(concept)) {
                return Optional.empty();
            }
            List<Crosswalk.Target> targets = crosswalk.procedureTargets(concept);
            if (targets.isEmpty()) {
                hold(
                        "SNOMED-UNMAPPED",
                        "SNOMED CT " + concept + " (procedure " + position + ") has no CPT/HCPCS mapping");
                return Optional.empty();
            }
            List<Crosswalk.Target> services = targets.stream()
                    .filter(t -> !ProcedureRanges.evaluationAndManagementSection(t.code()))
                    .toList();
            if (services.isEmpty()) {
                fired.add(new Edit(
                        EditType.OTHER,
                        "SNOMED-EM-IGNORED",
                        Severity.INFO,
                        "SNOMED CT " + concept + " maps to an E/M code; the visit level comes from MDM or time instead",
                        List.of(),
                        targets.stream().map(Crosswalk.Target::code).distinct().toList(),
                        "Not coded as a line"));
                return Optional.empty();
            }
            Map<String, ProcedureCode> valid = new LinkedHashMap<>();
            for (Crosswalk.Target target : services) {
                codeSets.procedure(target.code(), dos).ifPresent(p -> valid.putIfAbsent(p.code(), p));
            }
            List<String> all =
                    services.stream().map(Crosswalk.Target::code).distinct().toList();
            if (valid.size() == 1) {
                return Optional.of(valid.values().iterator().next());
            }
            if (valid.isEmpty()) {
                List<String> notOnDate =
                        all.stream().filter(codeSets::procedureKnownOnAnyDate).toList();
                if (notOnDate.isEmpty()) {
                    hold(
                            "SNOMED-TARGET-UNKNOWN",
                            "SNOMED CT " + concept + " maps to " + all + ": not in the loaded CPT/HCPCS code sets");
                } else {
                    hold(
                            "SNOMED-TARGET-NOT-VALID-ON-DOS",
                            "SNOMED CT " + concept + " maps to " + all + ": " + notOnDate
                                    + " not valid on the date of service " + dos);
                }
            } else {
                hold(
                        "SNOMED-AMBIGUOUS",
                        "SNOMED CT " + concept + " maps to several procedures " + valid.keySet() + "; a coder chooses");
            }
            return Optional.empty();
        }

        private Optional<ProcedureCode> procedureFromText(String text, int position) {
            String wanted = normalize(text);
            List<ProcedureCode> candidates =
                    wanted.isEmpty() ? List.of() : codeSets.proceduresByDescription(text, dos, 6);
            List<ProcedureCode> exact = candidates.stream()
                    .filter(c -> normalize(c.shortDescription()).equals(wanted)
                            || normalize(c.longDescription()).equals(wanted))
                    .filter(c -> !ProcedureRanges.evaluationAndManagementSection(c.code()))
                    .toList();
            if (exact.size() == 1) {
                return Optional.of(exact.get(0));
            }
            hold(
                    "FREE-TEXT-UNCLEAR",
                    "Free-text procedure " + position + " has no confident CPT/HCPCS match"
                            + (candidates.isEmpty()
                                    ? ""
                                    : " (candidates "
                                            + candidates.stream()
                                                    .map(ProcedureCode::code)
                                                    .toList() + ")"));
            return Optional.empty();
        }

        private List<Draft> resolveItems() {
            List<Draft> drafts = new ArrayList<>();
            List<String> vaccines = new ArrayList<>();
            boolean adminDocumented = encounter.procedures().stream()
                    .anyMatch(p -> p.code() != null && Immunizations.ADMINISTRATION.contains(p.code()));
            int position = 0;
            for (AdministeredItem item : encounter.administeredItems()) {
                position++;
                if (item.code().system() == CodeSystem.RXNORM) {
                    drugFromRxnorm(item).ifPresent(drafts::add);
                    continue;
                }
                Optional<ProcedureCode> code = switch (item.code().system()) {
                    case SNOMED_CT -> procedureFromSnomed(item.code().code(), position);
                    case NONE -> procedureFromText(item.code().text(), position);
                    case CVX -> vaccineFromCvx(item.code().code(), position);
                    default -> resolveProcedure(item.code(), position);
                };
                if (code.isEmpty()) {
                    continue;
                }
                Optional<Integer> units = units(item, code.get());
                if (units.isEmpty()) {
                    hold(
                            "UNITS-UNCLEAR",
                            "Units of " + code.get().code() + " cannot be derived from the documented "
                                    + "quantity and unit");
                    continue;
                }
                Drug drug = item.ndc() == null ? null : new Drug(item.ndc(), item.quantity(), item.unit());
                // modifiers documented with a drug (JZ no waste, JW discarded amount) stay on its line
                drafts.add(new Draft(
                        code.get().code(),
                        code.get().system(),
                        code.get().shortDescription(),
                        units.get(),
                        item.code().laterality(),
                        item.code().text(),
                        drug,
                        item.code().modifiers()));
                if (item.vaccine() || item.code().system() == CodeSystem.CVX) {
                    vaccines.add(code.get().code());
                }
            }
            if (!vaccines.isEmpty() && !adminDocumented) {
                Immunizations.administration(vaccines, encounter.medicare())
                        .forEach((admin, count) -> procedureDraft(admin, count).ifPresent(drafts::add));
                fired.add(new Edit(
                        EditType.OTHER,
                        "VACCINE-ADMINISTRATION",
                        Severity.INFO,
                        vaccines.size() + " vaccine(s) given without a documented administration code",
                        List.of(),
                        vaccines,
                        "Added the administration code(s)"));
            }
            return drafts;
        }

        /** A vaccine documented in CVX: its product CPT code from the crosswalk. */
        private Optional<ProcedureCode> vaccineFromCvx(String cvx, int position) {
            Optional<Crosswalk.Target> target = crosswalk.vaccine(cvx);
            if (target.isEmpty()) {
                hold(
                        "CVX-UNMAPPED",
                        "CVX " + cvx + " (administered item " + position + ") has no vaccine product "
                                + "CPT code in the crosswalk");
                return Optional.empty();
            }
            Optional<ProcedureCode> code = codeSets.procedure(target.get().code(), dos);
            if (code.isEmpty()) {
                procedureMissing(
                        "CVX " + cvx + " maps to vaccine product", target.get().code());
            }
            return code;
        }

        /**
         * A drug documented in RxNorm: its HCPCS code and units per administration from the crosswalk, times the
         * number of administrations documented; a drug without a HCPCS code is not billed, with a note, and never
         * holds the encounter.
         */
        private Optional<Draft> drugFromRxnorm(AdministeredItem item) {
            String rxnorm = item.code().code();
            Optional<Crosswalk.DrugTarget> target = crosswalk.drug(rxnorm).filter(Crosswalk.DrugTarget::billed);
            if (target.isEmpty()) {
                String why = crosswalk
                        .drug(rxnorm)
                        .map(Crosswalk.DrugTarget::description)
                        .orElse("no HCPCS drug code in the crosswalk");
                fired.add(new Edit(
                        EditType.OTHER,
                        "DRUG-NOT-BILLED",
                        Severity.INFO,
                        "RxNorm " + rxnorm + " given: " + why,
                        List.of(),
                        List.of(rxnorm),
                        "Not billed"));
                return Optional.empty();
            }
            Optional<ProcedureCode> code = codeSets.procedure(target.get().hcpcs(), dos);
            if (code.isEmpty()) {
                procedureMissing(
                        "RxNorm " + rxnorm + " maps to drug", target.get().hcpcs());
                return Optional.empty();
            }
            BigDecimal quantity = item.quantity();
            int administrations = "UNIT".equals(item.unit())
                            && quantity != null
                            && quantity.signum() > 0
                            && quantity.stripTrailingZeros().scale() <= 0
                    ? quantity.intValue()
                    : 1;
            int units = target.get().unitsPerAdministration() * administrations;
            fired.add(new Edit(
                    EditType.OTHER,
                    "DRUG-RXNORM",
                    Severity.INFO,
                    "RxNorm " + rxnorm + " is " + target.get().hcpcs() + " x"
                            + target.get().unitsPerAdministration() + " per administration",
                    List.of(),
                    List.of(rxnorm, target.get().hcpcs()),
                    "Billed " + units + " unit(s)"));
            Drug drug = item.ndc() == null ? null : new Drug(item.ndc(), item.quantity(), item.unit());
            return Optional.of(new Draft(
                    code.get().code(),
                    code.get().system(),
                    code.get().shortDescription(),
                    units,
                    null,
                    item.code().text(),
                    drug,
                    item.code().modifiers()));
        }

        /** Units: a drug per its HCPCS dosage (ceil of quantity / dose), a counted item by its quantity. */
        private Optional<Integer> units(AdministeredItem item, ProcedureCode code) {
            BigDecimal quantity = item.quantity() == null ? BigDecimal.ONE : item.quantity();
            if (quantity.signum() <= 0) {
                return Optional.empty();
            }
            Matcher dose = DOSE.matcher(code.longDescription());
            if (code.system() == CodeSystem.HCPCS && dose.find()) {
                BigDecimal perUnit = new BigDecimal(dose.group(1));
                String doseUnit = dose.group(2).toLowerCase(Locale.ROOT);
                Optional<BigDecimal> amount = convert(quantity, item.unit(), doseUnit);
                if (amount.isEmpty() || perUnit.signum() == 0) {
                    return Optional.empty();
                }
                return Optional.of(amount.get()
                        .divide(perUnit, 0, RoundingMode.CEILING)
                        .max(BigDecimal.ONE)
                        .intValueExact());
            }
            if ("UNIT".equals(item.unit()) || item.vaccine()) {
                return Optional.of(
                        item.vaccine()
                                ? 1
                                : quantity.setScale(0, RoundingMode.CEILING).intValueExact());
            }
            return Optional.empty();
        }

        private static Optional<BigDecimal> convert(BigDecimal quantity, String unit, String doseUnit) {
            String from = switch (unit == null ? "" : unit) {
                case "MILLIGRAM" -> "mg";
                case "GRAM" -> "g";
                case "MILLILITER" -> "ml";
                case "INTERNATIONAL_UNIT", "UNIT" -> "unit";
                default -> "";
            };
            String to = doseUnit.startsWith("unit") ? "unit" : doseUnit.equals("gm") ? "g" : doseUnit;
            if (from.equals(to)) {
                return Optional.of(quantity);
            }
            if (from.equals("mg") && to.equals("mcg")) {
                return Optional.of(quantity.multiply(BigDecimal.valueOf(1000)));
            }
            if (from.equals("g") && to.equals("mg")) {
                return Optional.of(quantity.multiply(BigDecimal.valueOf(1000)));
            }
            return Optional.empty();
        }

        // --- the visit --------------------------------------------------------------------------------------

        private List<Draft> visitLines(boolean preventive, boolean otherServices, List<CodedDiagnosis> diagnoses) {
            List<Draft> lines = new ArrayList<>();
            if (preventive) {
                Optional<String> code = PreventiveVisits.code(encounter.patientStatus(), age);
                if (code.isEmpty()) {
                    hold("EM-STATUS-UNKNOWN", "Preventive visit without new/established status");
                    return lines;
                }
                procedureDraft(code.get(), 1).ifPresent(lines::add);
                statusFromHistory(code.get());
                if (encounter.decisionMaking() != null || encounter.totalTimeMinutes() != null) {
                    // CPT preventive medicine: a problem that needed a problem-oriented E/M is reported too (25)
                    lines.addAll(visitLines(false, true, diagnoses));
                }
                return lines;
            }
            Documented type = encounter.encounterType();
            boolean levelDocumented = encounter.decisionMaking() != null || encounter.totalTimeMinutes() != null;
            boolean practitioner = !otherServices || VisitSettings.practitionerVisit(type);
            switch (VisitSettings.setting(encounter.encounterClass(), encounter.placeOfService())) {
                case INPATIENT -> {
                    hold(
                            "EM-INPATIENT",
                            "Inpatient or observation E/M (99221-99239) depends on the admission and "
                                    + "discharge days and the time spent; a coder codes it");
                    return lines;
                }
                case EMERGENCY -> {
                    return emergencyVisit(diagnoses);
                }
                case OTHER -> {
                    if (levelDocumented || practitioner) {
                        hold(
                                "EM-SETTING",
                                "E/M for encounter class " + encounter.encounterClass() + " at place of service "
                                        + encounter.placeOfService() + " is coded by a coder");
                    } else {
                        noVisitLine("procedures only, in a setting without an automatic E/M");
                    }
                    return lines;
                }
                case OFFICE -> {
                    // coded below
                }
            }
            if (VisitSettings.postoperative(type)) {
                Optional<String> postop = VisitSettings.postoperativeVisit(encounter.prior());
                if (postop.isPresent()) {
                    procedureDraft(postop.get(), 1).ifPresent(lines::add);
                    fired.add(new Edit(
                            EditType.OTHER,
                            "EM-POSTOP-GLOBAL",
                            Severity.INFO,
                            "Postoperative visit "
                                    + "inside the 90-day global period of "
                                    + encounter.prior().surgery() + " on "
                                    + encounter.prior().surgeryDate()
                                    + ": included in the surgery, reported without charge",
                            List.of(),
                            List.of(postop.get()),
                            "Coded " + postop.get()));
                    return lines;
                }
                fired.add(new Edit(
                        EditType.OTHER,
                        "EM-POSTOP-OUTSIDE-GLOBAL",
                        Severity.INFO,
                        "Postoperative "
                                + "follow-up without a surgery by the same group in the last 90 days in ClaimFlow's history: "
                                + "coded as an office visit",
                        List.of(),
                        List.of(),
                        null));
            }
            if (VisitSettings.procedureVisit(type) && otherServices && !levelDocumented) {
                noVisitLine("the encounter was for the procedure; its evaluation is part of the procedure");
                return lines;
            }
            if (encounter.patientStatus() == PatientStatus.UNKNOWN) {
                if (levelDocumented || practitioner) {
                    hold("EM-STATUS-UNKNOWN", "Office visit without new/established status");
                } else {
                    noVisitLine("a nurse visit for the services documented");
                }
                return lines;
            }
            Optional<OfficeVisitLevels.Level> level = OfficeVisitLevels.choose(
                    encounter.patientStatus(), encounter.decisionMaking(), encounter.totalTimeMinutes());
            if (level.isEmpty() && !levelDocumented) {
                if (!practitioner) {
                    noVisitLine("a nurse visit for the services documented (no MDM or time)");
                    return lines;
                }
                DecisionMaking assumed = VisitSettings.defaultDecisionMaking(diagnoses);
                level = OfficeVisitLevels.choose(encounter.patientStatus(), assumed, null);
                level.ifPresent(l -> fired.add(new Edit(
                        EditType.OTHER,
                        "EM-LEVEL-DEFAULT",
                        Severity.INFO,
                        "Neither medical decision making nor time documented: "
                                + assumed.name().toLowerCase(Locale.ROOT)
                                + " MDM assumed from " + (assumed == DecisionMaking.LOW ? "the problems" : "no problem")
                                + " diagnosed (never above low without documentation)",
                        List.of(),
                        List.of(l.code()),
                        "Coded " + l.code())));
            }
            if (level.isEmpty()) {
                if (!otherServices) {
                    hold(
                            "EM-LEVEL-UNDOCUMENTED",
                            "Office visit without medical decision making or a total time " + "that reaches a level");
                }
                return lines;
            }
            if (VisitSettings.obstetric(type)) {
                fired.add(new Edit(
                        EditType.OTHER,
                        "EM-OBSTETRIC-PER-VISIT",
                        Severity.INFO,
                        "Prenatal or postnatal "
                                + "visit billed per visit as an office E/M; a practice that bills the global obstetric package "
                                + "(59400, 59510) reports these visits inside it instead",
                        List.of(),
                        List.of(level.get().code()),
                        null));
            }
            Optional<Draft> visit = procedureDraft(level.get().code(), 1);
            visit.ifPresent(lines::add);
            visit.ifPresent(v -> statusFromHistory(v.code()));
            Optional<OfficeVisitLevels.Level> chosen = level;
            visit.ifPresent(v -> fired.add(new Edit(
                    EditType.OTHER,
                    "EM-LEVEL",
                    Severity.INFO,
                    "Office visit level " + v.code() + " from " + chosen.get().basis(),
                    List.of(),
                    List.of(v.code()),
                    null)));
            if (level.get().prolongedUnits() > 0) {
                if (encounter.medicare()) {
                    fired.add(new Edit(
                            EditType.OTHER,
                            "EM-PROLONGED-MEDICARE",
                            Severity.INFO,
                            "Prolonged time " + "documented; Medicare reports G2212 with its own thresholds, not 99417",
                            List.of(),
                            List.of("99417"),
                            "Not coded"));
                } else {
                    procedureDraft("99417", level.get().prolongedUnits()).ifPresent(lines::add);
                }
            }
            return lines;
        }

        /** Emergency department E/M: by documented MDM, else the conservative default. */
        private List<Draft> emergencyVisit(List<CodedDiagnosis> diagnoses) {
            List<Draft> lines = new ArrayList<>();
            DecisionMaking mdm = encounter.decisionMaking();
            String basis = "documented " + (mdm == null ? "" : mdm.name().toLowerCase(Locale.ROOT)) + " MDM";
            if (mdm == null) {
                mdm = VisitSettings.defaultDecisionMaking(diagnoses);
                basis = mdm.name().toLowerCase(Locale.ROOT) + " MDM assumed from "
                        + (mdm == DecisionMaking.LOW ? "the problems" : "no problem")
                        + " diagnosed (never above low without documentation)";
            }
            String code = VisitSettings.emergencyCode(mdm);
            procedureDraft(code, 1).ifPresent(lines::add);
            fired.add(new Edit(
                    EditType.OTHER,
                    encounter.decisionMaking() == null ? "EM-LEVEL-DEFAULT" : "EM-LEVEL",
                    Severity.INFO,
                    "Emergency department visit " + code + " from " + basis,
                    List.of(),
                    List.of(code),
                    "Coded " + code));
            return lines;
        }

        /** Says why no E/M line is on the claim: a visit line is never left out without a word. */
        private void noVisitLine(String why) {
            fired.add(new Edit(
                    EditType.OTHER, "EM-NOT-CODED", Severity.INFO, "No E/M line: " + why, List.of(), List.of(), null));
        }

        /** Notes that new or established came from coding-service's history, and since when that history runs. */
        private void statusFromHistory(String code) {
            PriorServices prior = encounter.prior();
            if (prior.statusFromHistory()) {
                fired.add(new Edit(
                        EditType.OTHER,
                        "EM-STATUS-FROM-HISTORY",
                        Severity.INFO,
                        "The EHR did not say new "
                                + "or established: "
                                + encounter.patientStatus().name().toLowerCase(Locale.ROOT) + " from "
                                + "ClaimFlow's history of professional services"
                                + (prior.historySince() == null
                                        ? ""
                                        : " (which starts on " + prior.historySince() + ")"),
                        List.of(),
                        List.of(code),
                        null));
            }
        }

        /** A procedure code not in the sets on the date: unknown to every loaded release, or outside its dates. */
        private void procedureMissing(String what, String code) {
            if (codeSets.procedureKnownOnAnyDate(code)) {
                hold("PROC-NOT-VALID-ON-DOS", what + " " + code + " is not valid on the date of service " + dos);
            } else {
                hold("PROC-UNKNOWN", what + " " + code + " is not in the loaded CPT/HCPCS code sets");
            }
        }

        private Optional<Draft> procedureDraft(String code, int units) {
            Optional<ProcedureCode> procedure = codeSets.procedure(code, dos);
            if (procedure.isEmpty()) {
                procedureMissing("Procedure", code);
                return Optional.empty();
            }
            return Optional.of(new Draft(
                    code, procedure.get().system(), procedure.get().shortDescription(), units, null, "", null));
        }

        // --- lines: merging, modifiers, NCCI, MUE --------------------------------------------------------------

        /** Same code on the same side documented twice: one line with the units added; drug lines stay apart. */
        private List<Draft> merge(List<Draft> drafts) {
            List<Draft> result = new ArrayList<>();
            Map<String, Integer> index = new LinkedHashMap<>();
            for (Draft draft : drafts) {
                String key = draft.code() + "|" + draft.laterality() + "|" + draft.modifiers();
                Integer at = draft.drug() == null ? index.get(key) : null;
                if (at == null) {
                    if (draft.drug() == null) {
                        index.put(key, result.size());
                    }
                    result.add(draft);
                } else {
                    result.set(at, result.get(at).withUnits(result.get(at).units() + draft.units()));
                }
            }
            return result;
        }

        private List<CodedLine> number(List<Draft> drafts) {
            List<CodedLine> lines = new ArrayList<>();
            for (int i = 0; i < drafts.size(); i++) {
                Draft d = drafts.get(i);
                lines.add(new CodedLine(
                        i + 1, d.code(), d.system(), d.description(), d.modifiers(), d.units(), List.of(), d.drug()));
            }
            return lines;
        }

        private List<CodedLine> laterality(List<CodedLine> lines, List<Draft> drafts) {
            List<CodedLine> result = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                CodedLine line = lines.get(i);
                String side = drafts.get(i).laterality();
                List<String> documentedSides = drafts.get(i).modifiers().stream()
                        .filter(ProcedureRanges.LATERALITY::contains)
                        .toList();
                if (!documentedSides.isEmpty()) {
                    if (side != null && !documentedSides.contains(side) || documentedSides.size() > 1) {
                        hold(
                                "MOD-LATERALITY-CONFLICT",
                                "Procedure " + line.code() + " is documented with modifier(s) "
                                        + documentedSides + " but its text says "
                                        + ("50".equals(side)
                                                ? "both sides"
                                                : "RT".equals(side)
                                                        ? "the right side"
                                                        : "LT".equals(side) ? "the left side" : "otherwise")
                                        + "; a coder checks the side");
                    }
                    result.add(line);
                    continue;
                }
                if (side != null && ProcedureRanges.takesLaterality(line.code())) {
                    line = line.withModifier(side);
                    fired.add(new Edit(
                            EditType.OTHER,
                            "MOD-LATERALITY",
                            Severity.INFO,
                            "Procedure " + line.code()
                                    + " documented on the "
                                    + ("50".equals(side)
                                            ? "both sides"
                                            : side.equals("RT") ? "right side" : "left side"),
                            List.of(line.lineNumber()),
                            List.of(line.code()),
                            "Appended modifier " + side));
                }
                result.add(line);
            }
            return result;
        }

        /** 25 on the E/M when a same-day procedure is on the claim and the visit addressed something else too. */
        private List<CodedLine> modifier25(List<CodedLine> lines, List<CodedDiagnosis> diagnoses) {
            Optional<CodedLine> visit = lines.stream()
                    .filter(l -> ProcedureRanges.officeVisit(l.code()))
                    .findFirst()
                    .or(() -> lines.stream()
                            .filter(CodedLine::evaluationAndManagement)
                            .findFirst());
            if (visit.isEmpty()) {
                return lines;
            }
            boolean problemVisit = ProcedureRanges.officeVisit(visit.get().code());
            List<String> others = lines.stream()
                    .filter(l ->
                            !l.evaluationAndManagement() || problemVisit && ProcedureRanges.preventiveVisit(l.code()))
                    .map(CodedLine::code)
                    .toList();
            Set<String> pairedWithVisit = new LinkedHashSet<>();
            for (NcciPair pair : codeSets.ncciPairs(
                    new ArrayList<>(lines.stream().map(CodedLine::code).toList()), dos)) {
                if (pair.bypassable() && pair.column2().equals(visit.get().code())) {
                    pairedWithVisit.add(pair.column1());
                }
            }
            List<String> triggering = others.stream()
                    .filter(c -> ProcedureRanges.procedureNeedingModifier25(c)
                            || pairedWithVisit.contains(c)
                            || AnnualWellnessVisit.of(c) != null
                            || ProcedureRanges.preventiveVisit(c))
                    .distinct()
                    .toList();
            if (triggering.isEmpty()) {
                return lines;
            }
            // separately identifiable: a diagnosis the visit addressed that is not just why the procedure was done
            Set<String> procedureIndications = new LinkedHashSet<>();
            lines.stream()
                    .filter(l -> triggering.contains(l.code()))
                    .forEach(l -> procedureIndications.addAll(
                            ProcedureRanges.preventiveVisit(l.code())
                                    ? List.of("Z00.0", "Z00.1")
                                    : indications(l, lines, dos)));
            boolean separate = diagnoses.stream()
                    .anyMatch(dx -> procedureIndications.stream().noneMatch(dx.code()::startsWith));
            if (!separate || procedureIndications.isEmpty()) {
                hold(
                        "MOD25-JUDGEMENT",
                        "E/M " + visit.get().code() + " with same-day procedure(s) " + triggering
                                + ": whether the visit is separately identifiable needs a coder");
                return lines;
            }
            List<CodedLine> result = new ArrayList<>();
            for (CodedLine line : lines) {
                if (line == visit.get()) {
                    line = line.withModifier("25");
                    fired.add(new Edit(
                            EditType.OTHER,
                            "MOD-25",
                            Severity.INFO,
                            "E/M " + line.code() + " on the same day as " + triggering
                                    + " for a separately identifiable problem",
                            List.of(line.lineNumber()),
                            List.of(line.code()),
                            "Appended modifier 25"));
                }
                result.add(line);
            }
            return result;
        }

        private List<CodedLine> ncci(List<CodedLine> lines, List<Draft> drafts) {
            List<String> codes = lines.stream().map(CodedLine::code).distinct().toList();
            if (codes.size() < 2) {
                return lines;
            }
            List<CodedLine> result = new ArrayList<>(lines);
            for (NcciPair pair : codeSets.ncciPairs(codes, dos)) {
                if (!pair.applies()) {
                    continue;
                }
                Optional<CodedLine> first = result.stream()
                        .filter(l -> l.code().equals(pair.column1()))
                        .findFirst();
                if (first.isEmpty()) {
                    continue;
                }
                for (CodedLine second : List.copyOf(result)) {
                    if (!second.code().equals(pair.column2())) {
                        continue;
                    }
                    List<Integer> at = List.of(first.get().lineNumber(), second.lineNumber());
                    List<String> both = List.of(pair.column1(), pair.column2());
                    String ruleId = "NCCI-PTP-" + pair.column1() + "-" + pair.column2();
                    if (!pair.bypassable()) {
                        result.remove(second);
                        fired.add(new Edit(
                                EditType.NCCI_PTP,
                                ruleId,
                                Severity.WARNING,
                                pair.column2() + " is bundled into " + pair.column1() + " (modifier indicator 0)",
                                at,
                                both,
                                "Removed " + pair.column2()));
                        continue;
                    }
                    if (CodingEdits.bypassedBy(second, first.get())) {
                        fired.add(new Edit(
                                EditType.NCCI_PTP,
                                ruleId,
                                Severity.INFO,
                                pair.column2() + " with " + pair.column1()
                                        + " is a bypassable pair (modifier indicator 1)",
                                at,
                                both,
                                "Bypassed by modifier " + String.join(",", second.modifiers())));
                        continue;
                    }
                    if (second.evaluationAndManagement()) {
                        continue; // modifier25 held it already when the visit is not separately identifiable
                    }
                    String text = normalize(drafts.get(second.lineNumber() - 1).text());
                    if (DISTINCT_WORDS.stream().anyMatch(text::contains)) {
                        String modifier = distinctServiceModifier(encounter.medicare());
                        int index = result.indexOf(second);
                        result.set(index, second.withModifier(modifier));
                        fired.add(new Edit(
                                EditType.NCCI_PTP,
                                ruleId,
                                Severity.WARNING,
                                pair.column2() + " with "
                                        + pair.column1() + " is bypassable (modifier indicator 1) and documented as a "
                                        + "separate site or lesion",
                                at,
                                both,
                                "Appended modifier " + modifier));
                    } else {
                        hold(
                                "NCCI-JUDGEMENT",
                                pair.column2() + " is bundled into " + pair.column1()
                                        + " unless distinct; the documentation does not say, a coder decides");
                    }
                }
            }
            return result;
        }

        private List<CodedLine> mue(List<CodedLine> lines) {
            List<CodedLine> result = new ArrayList<>();
            Map<String, Integer> used = new LinkedHashMap<>();
            for (CodedLine line : lines) {
                Optional<MueLimit> limit = codeSets.mue(line.code(), dos);
                if (limit.isEmpty() || limit.get().adjudicationIndicator() != '2') {
                    result.add(line); // 1 and 3 can be exceeded with documentation: the edit holds them
                    continue;
                }
                int before = used.getOrDefault(line.code(), 0);
                int allowed = Math.max(0, limit.get().maxUnits() - before);
                if (line.units() > allowed) {
                    fired.add(new Edit(
                            EditType.MUE,
                            "MUE-" + line.code(),
                            Severity.WARNING,
                            (line.units() + before)
                                    + " units of " + line.code() + " exceed the MUE of "
                                    + limit.get().maxUnits()
                                    + " (adjudication indicator 2, an absolute policy limit)",
                            List.of(line.lineNumber()),
                            List.of(line.code()),
                            allowed == 0
                                    ? "Removed the line"
                                    : "Units reduced from " + line.units() + " to " + allowed));
                    if (allowed == 0) {
                        continue;
                    }
                    line = line.withUnits(allowed);
                }
                used.merge(line.code(), line.units(), Integer::sum);
                result.add(line);
            }
            return result;
        }

        private List<CodedLine> renumber(List<CodedLine> lines) {
            List<CodedLine> result = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                result.add(lines.get(i).withLineNumber(i + 1));
            }
            return result;
        }

        private void hold(String code, String message) {
            holds.add(new HoldReason(code, message));
        }

        private List<HoldReason> dedupe(List<HoldReason> reasons) {
            return new ArrayList<>(new LinkedHashSet<>(reasons));
        }
    }
}
