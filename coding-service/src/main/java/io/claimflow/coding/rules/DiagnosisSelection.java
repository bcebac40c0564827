package io.claimflow.coding.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Diagnosis selection: each documented diagnosis to ICD-10-CM codes valid on the date of service. A documented
 * ICD-10-CM code is checked (and completed with its 7th character); SNOMED CT goes through the crosswalk, keeping the
 * targets that are billable and fit the patient's sex and age, and letting {@link TargetChoice} choose among several;
 * free text is coded only when it equals a code's description. Anything else holds the encounter, saying why. Without
 * a documented diagnosis, the reason for the visit the encounter type states.
 */
final class DiagnosisSelection {

    private final CodeSets codeSets;
    private final Crosswalk crosswalk;
    private final UncodedConcepts uncoded;

    DiagnosisSelection(CodeSets codeSets, Crosswalk crosswalk, UncodedConcepts uncoded) {
        this.codeSets = codeSets;
        this.crosswalk = crosswalk;
        this.uncoded = uncoded;
    }

    /**
     * No diagnosis documented (or all not reported): the reason the encounter type states, when it states one
     * (vaccination Z23, routine postpartum follow-up Z39.2, supervision of normal pregnancy Z34.90), or Z23 when a
     * vaccine was given. A
     * preventive visit gets its examination code later; anything else is held by the edits (no diagnosis).
     */
    List<CodedDiagnosis> reasonForVisit(CodingRun run) {
        Documented type = run.encounter().encounterType();
        String concept = type == null || type.system() != CodeSystem.SNOMED_CT ? "" : type.code();
        String reason = switch (concept) {
            case "33879002" -> "Z23";
            case "169762003" -> "Z39.2";
            case "424619006", "424441002" -> "Z34.90";
            default -> null;
        };
        if (reason == null
                && run.encounter().administeredItems().stream()
                        .anyMatch(i -> i.vaccine() || i.code().system() == CodeSystem.CVX)) {
            reason = "Z23"; // I.C.21.c.2: a vaccination without another reason documented
        }
        if (reason == null) {
            return List.of();
        }
        Optional<IcdCode> icd = codeSets.icd(reason, run.dos());
        if (icd.isEmpty()) {
            return List.of();
        }
        run.note(new Edit(
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

    /** The documented diagnoses, each resolved on its own, in documented order, each code once. */
    List<CodedDiagnosis> resolve(CodingRun run) {
        Map<String, CodedDiagnosis> byCode = new LinkedHashMap<>();
        int position = 0;
        for (Documented documented : run.encounter().diagnoses()) {
            position++;
            for (IcdCode code : resolveDiagnosis(run, documented, position)) {
                byCode.putIfAbsent(code.code(), new CodedDiagnosis(code.code(), code.longDescription()));
            }
        }
        return new ArrayList<>(byCode.values());
    }

    private List<IcdCode> resolveDiagnosis(CodingRun run, Documented documented, int position) {
        switch (documented.system()) {
            case ICD_10_CM -> {
                String code = IcdCodes.withDot(documented.code());
                Optional<IcdCode> icd = codeSets.icd(code, run.dos());
                if ((icd.isEmpty() || !icd.get().billable()) && SeventhCharacter.needed(codeSets, code, run.dos())) {
                    return SeventhCharacter.complete(
                                    codeSets,
                                    code,
                                    documented.episodeOfCare(),
                                    run.dos(),
                                    "Documented ICD-10-CM " + code,
                                    run.edits(),
                                    run.holds())
                            .stream()
                            .toList();
                }
                if (icd.isEmpty()) {
                    if (codeSets.icdKnownOnAnyDate(code)) {
                        run.hold(
                                "ICD10-NOT-VALID-ON-DOS",
                                "Documented ICD-10-CM " + code + " is not valid on the date of service " + run.dos());
                    } else {
                        run.hold(
                                "ICD10-UNKNOWN",
                                "Documented ICD-10-CM " + code + " is not in the loaded ICD-10-CM code sets");
                    }
                    return List.of();
                }
                if (!icd.get().billable()) {
                    List<String> children = codeSets.icdBillableUnder(code, run.dos(), 12).stream()
                            .map(IcdCode::code)
                            .toList();
                    run.hold(
                            "ICD10-NOT-BILLABLE",
                            "Documented ICD-10-CM " + code + " is a header; a more specific " + "code is needed"
                                    + (children.isEmpty() ? "" : " (one of " + children + ")"));
                    return List.of();
                }
                SeventhCharacter.checkConflict(codeSets, code, documented.episode(), run.dos(), run.holds());
                return List.of(icd.get());
            }
            case SNOMED_CT -> {
                return fromSnomed(run, documented.code(), position, documented.episodeOfCare());
            }
            case NONE -> {
                return fromText(run, documented.text(), position).stream().toList();
            }
            default -> {
                run.hold(
                        "DX-WRONG-SYSTEM",
                        "Diagnosis " + position + " is documented as a " + documented.system() + " procedure code");
                return List.of();
            }
        }
    }

    private List<IcdCode> fromSnomed(CodingRun run, String concept, int position, EpisodeOfCare episode) {
        if (uncoded.skipped(run, concept)) {
            return List.of();
        }
        List<Crosswalk.Target> targets = crosswalk.icdTargets(concept);
        if (targets.isEmpty()) {
            run.hold(
                    "SNOMED-UNMAPPED",
                    "SNOMED CT " + concept + " (diagnosis " + position + ") has no ICD-10-CM mapping");
            return List.of();
        }
        Map<String, IcdCode> valid = new LinkedHashMap<>();
        List<HoldReason> episodeHolds = new ArrayList<>();
        for (Crosswalk.Target target : targets) {
            String code = IcdCodes.withDot(target.code());
            Optional<IcdCode> icd = codeSets.icd(code, run.dos()).filter(IcdCode::billable);
            if (icd.isEmpty() && SeventhCharacter.needed(codeSets, code, run.dos())) {
                icd = SeventhCharacter.complete(
                        codeSets,
                        code,
                        episode,
                        run.dos(),
                        "SNOMED CT " + concept + " (to " + code + ")",
                        run.edits(),
                        episodeHolds);
            }
            icd.filter(c -> fitsPatient(run, c.code())).ifPresent(c -> valid.putIfAbsent(c.code(), c));
        }
        List<String> all =
                targets.stream().map(t -> IcdCodes.withDot(t.code())).distinct().toList();
        if (valid.isEmpty()) {
            if (!episodeHolds.isEmpty()) {
                run.holds().add(episodeHolds.get(0));
            } else {
                noValidIcdTarget(run, concept, all);
            }
            return List.of();
        }
        TargetChoice.Choice choice = TargetChoice.choose(new ArrayList<>(valid.values()));
        if (choice.codes().isEmpty()) {
            run.hold(
                    "SNOMED-AMBIGUOUS",
                    "SNOMED CT " + concept + " maps to several valid codes " + valid.keySet() + ": " + choice.reason()
                            + "; a coder chooses");
            return List.of();
        }
        if (all.size() > 1) {
            List<String> chosen = choice.codes().stream().map(IcdCode::code).toList();
            run.note(new Edit(
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

    private Optional<IcdCode> fromText(CodingRun run, String text, int position) {
        String wanted = FreeText.normalize(text);
        if (wanted.isEmpty()) {
            run.hold("FREE-TEXT-EMPTY", "Diagnosis " + position + " has neither a code nor text");
            return Optional.empty();
        }
        List<IcdCode> candidates = codeSets.icdByDescription(text, run.dos(), 6);
        List<IcdCode> exact = candidates.stream()
                .filter(IcdCode::billable)
                .filter(c -> FreeText.normalize(c.longDescription()).equals(wanted)
                        || FreeText.normalize(c.shortDescription()).equals(wanted))
                .toList();
        if (exact.size() == 1 && fitsPatient(run, exact.get(0).code())) {
            run.note(new Edit(
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
        run.hold(
                "FREE-TEXT-UNCLEAR",
                "Free-text diagnosis " + position + " has no confident ICD-10-CM match"
                        + (candidates.isEmpty()
                                ? ""
                                : " (candidates "
                                        + candidates.stream().map(IcdCode::code).toList() + ")"));
        return Optional.empty();
    }

    private boolean fitsPatient(CodingRun run, String code) {
        return patientConflict(run, code).isEmpty();
    }

    /** Why the code does not fit the patient's sex or age ("the patient's sex: ..."), or empty. */
    Optional<String> patientConflict(CodingRun run, String code) {
        for (DemographicRule rule : codeSets.demographicRules(List.of(code), run.dos())) {
            if (!rule.matches(code)) {
                continue;
            }
            if (rule.sex() != null
                    && run.encounter().sex() != Sex.UNKNOWN
                    && rule.sex() != run.encounter().sex()) {
                return Optional.of("the patient's sex: " + rule.note());
            }
            if ((rule.minAge() != null && run.age() < rule.minAge())
                    || (rule.maxAge() != null && run.age() > rule.maxAge())) {
                return Optional.of("the patient's age: " + rule.note());
            }
        }
        return Optional.empty();
    }

    /**
     * No target of the concept can be coded: says why, the closest reason first (the patient, a header, the date,
     * unknown to the loaded sets).
     */
    private void noValidIcdTarget(CodingRun run, String concept, List<String> targets) {
        String mapped = "SNOMED CT " + concept + " maps to " + targets + ": ";
        List<String> notOnDate = new ArrayList<>();
        List<String> headers = new ArrayList<>();
        for (String code : targets) {
            Optional<IcdCode> icd = codeSets.icd(code, run.dos());
            if (icd.isPresent() && icd.get().billable()) {
                Optional<String> conflict = patientConflict(run, code);
                if (conflict.isPresent()) {
                    run.hold("SNOMED-TARGET-PATIENT", mapped + code + " does not fit " + conflict.get());
                    return;
                }
            } else if (icd.isPresent()) {
                headers.add(code);
            } else if (codeSets.icdKnownOnAnyDate(code)) {
                notOnDate.add(code);
            }
        }
        if (!headers.isEmpty()) {
            run.hold("SNOMED-TARGET-NOT-BILLABLE", mapped + headers + " is a header; a more specific code is needed");
        } else if (!notOnDate.isEmpty()) {
            run.hold(
                    "SNOMED-TARGET-NOT-VALID-ON-DOS",
                    mapped + notOnDate + " is not valid on the date of service " + run.dos());
        } else {
            run.hold("SNOMED-TARGET-UNKNOWN", mapped + "not in the loaded ICD-10-CM code sets");
        }
    }
}
