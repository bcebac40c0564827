package io.claimflow.coding.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * E/M level and visit settings: the visit line of an encounter whose documentation names no E/M code. Office
 * 99202-99215 by MDM or total time (2021 rules, 99417 for prolonged time, not for Medicare), preventive 99381-99397
 * by age, emergency 99281-99285 by MDM, the postoperative visit inside a global period; the setting comes from
 * {@link VisitSettings}. A visit line is never left out without a word: it is coded, held, or an INFO edit
 * {@code EM-NOT-CODED} says why not.
 */
final class VisitLines {

    private final ProcedureSelection procedures;

    VisitLines(ProcedureSelection procedures) {
        this.procedures = procedures;
    }

    /**
     * The visit lines when no E/M was documented: a preventive medicine visit by age and new/established (with a
     * problem-oriented visit when MDM or time is documented too), else the E/M of the setting by MDM or time, or the
     * default level; held, or an INFO edit saying why there is none, otherwise.
     *
     * @param otherServices procedures, drugs or a wellness visit are on the claim too
     */
    List<DraftLine> lines(CodingRun run, boolean preventive, boolean otherServices, List<CodedDiagnosis> diagnoses) {
        List<DraftLine> lines = new ArrayList<>();
        if (preventive) {
            Optional<String> code = PreventiveVisits.code(run.encounter().patientStatus(), run.age());
            if (code.isEmpty()) {
                run.hold("EM-STATUS-UNKNOWN", "Preventive visit without new/established status");
                return lines;
            }
            procedures.draft(run, code.get(), 1).ifPresent(lines::add);
            statusFromHistory(run, code.get());
            if (run.encounter().decisionMaking() != null || run.encounter().totalTimeMinutes() != null) {
                // CPT preventive medicine: a problem that needed a problem-oriented E/M is reported too (25)
                lines.addAll(lines(run, false, true, diagnoses));
            }
            return lines;
        }
        Documented type = run.encounter().encounterType();
        boolean levelDocumented =
                run.encounter().decisionMaking() != null || run.encounter().totalTimeMinutes() != null;
        boolean practitioner = !otherServices || VisitSettings.practitionerVisit(type);
        switch (VisitSettings.setting(
                run.encounter().encounterClass(), run.encounter().placeOfService())) {
            case INPATIENT -> {
                run.hold(
                        "EM-INPATIENT",
                        "Inpatient or observation E/M (99221-99239) depends on the admission and "
                                + "discharge days and the time spent; a coder codes it");
                return lines;
            }
            case EMERGENCY -> {
                return emergencyVisit(run, diagnoses);
            }
            case OTHER -> {
                if (levelDocumented || practitioner) {
                    run.hold(
                            "EM-SETTING",
                            "E/M for encounter class " + run.encounter().encounterClass() + " at place of service "
                                    + run.encounter().placeOfService() + " is coded by a coder");
                } else {
                    noVisitLine(run, "procedures only, in a setting without an automatic E/M");
                }
                return lines;
            }
            case OFFICE -> {
                // coded below
            }
        }
        if (VisitSettings.postoperative(type)) {
            Optional<String> postop =
                    VisitSettings.postoperativeVisit(run.encounter().prior());
            if (postop.isPresent()) {
                procedures.draft(run, postop.get(), 1).ifPresent(lines::add);
                run.note(new Edit(
                        EditType.OTHER,
                        "EM-POSTOP-GLOBAL",
                        Severity.INFO,
                        "Postoperative visit "
                                + "inside the 90-day global period of "
                                + run.encounter().prior().surgery() + " on "
                                + run.encounter().prior().surgeryDate()
                                + ": included in the surgery, reported without charge",
                        List.of(),
                        List.of(postop.get()),
                        "Coded " + postop.get()));
                return lines;
            }
            run.note(new Edit(
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
            noVisitLine(run, "the encounter was for the procedure; its evaluation is part of the procedure");
            return lines;
        }
        if (run.encounter().patientStatus() == PatientStatus.UNKNOWN) {
            if (levelDocumented || practitioner) {
                run.hold("EM-STATUS-UNKNOWN", "Office visit without new/established status");
            } else {
                noVisitLine(run, "a nurse visit for the services documented");
            }
            return lines;
        }
        Optional<OfficeVisitLevels.Level> level = OfficeVisitLevels.choose(
                run.encounter().patientStatus(),
                run.encounter().decisionMaking(),
                run.encounter().totalTimeMinutes());
        if (level.isEmpty() && !levelDocumented) {
            if (!practitioner) {
                noVisitLine(run, "a nurse visit for the services documented (no MDM or time)");
                return lines;
            }
            DecisionMaking assumed = VisitSettings.defaultDecisionMaking(diagnoses);
            level = OfficeVisitLevels.choose(run.encounter().patientStatus(), assumed, null);
            level.ifPresent(l -> run.note(new Edit(
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
                run.hold(
                        "EM-LEVEL-UNDOCUMENTED",
                        "Office visit without medical decision making or a total time " + "that reaches a level");
            }
            return lines;
        }
        if (VisitSettings.obstetric(type)) {
            run.note(new Edit(
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
        Optional<DraftLine> visit = procedures.draft(run, level.get().code(), 1);
        visit.ifPresent(lines::add);
        visit.ifPresent(v -> statusFromHistory(run, v.code()));
        Optional<OfficeVisitLevels.Level> chosen = level;
        visit.ifPresent(v -> run.note(new Edit(
                EditType.OTHER,
                "EM-LEVEL",
                Severity.INFO,
                "Office visit level " + v.code() + " from " + chosen.get().basis(),
                List.of(),
                List.of(v.code()),
                null)));
        if (level.get().prolongedUnits() > 0) {
            if (run.encounter().medicare()) {
                run.note(new Edit(
                        EditType.OTHER,
                        "EM-PROLONGED-MEDICARE",
                        Severity.INFO,
                        "Prolonged time " + "documented; Medicare reports G2212 with its own thresholds, not 99417",
                        List.of(),
                        List.of("99417"),
                        "Not coded"));
            } else {
                procedures.draft(run, "99417", level.get().prolongedUnits()).ifPresent(lines::add);
            }
        }
        return lines;
    }

    /** Emergency department E/M: by documented MDM, else the conservative default. */
    private List<DraftLine> emergencyVisit(CodingRun run, List<CodedDiagnosis> diagnoses) {
        List<DraftLine> lines = new ArrayList<>();
        DecisionMaking mdm = run.encounter().decisionMaking();
        String basis = "documented " + (mdm == null ? "" : mdm.name().toLowerCase(Locale.ROOT)) + " MDM";
        if (mdm == null) {
            mdm = VisitSettings.defaultDecisionMaking(diagnoses);
            basis = mdm.name().toLowerCase(Locale.ROOT) + " MDM assumed from "
                    + (mdm == DecisionMaking.LOW ? "the problems" : "no problem")
                    + " diagnosed (never above low without documentation)";
        }
        String code = VisitSettings.emergencyCode(mdm);
        procedures.draft(run, code, 1).ifPresent(lines::add);
        run.note(new Edit(
                EditType.OTHER,
                run.encounter().decisionMaking() == null ? "EM-LEVEL-DEFAULT" : "EM-LEVEL",
                Severity.INFO,
                "Emergency department visit " + code + " from " + basis,
                List.of(),
                List.of(code),
                "Coded " + code));
        return lines;
    }

    /** Says why no E/M line is on the claim: a visit line is never left out without a word. */
    private static void noVisitLine(CodingRun run, String why) {
        run.note(new Edit(
                EditType.OTHER, "EM-NOT-CODED", Severity.INFO, "No E/M line: " + why, List.of(), List.of(), null));
    }

    /** Notes that new or established came from coding-service's history, and since when that history runs. */
    private static void statusFromHistory(CodingRun run, String code) {
        PriorServices prior = run.encounter().prior();
        if (prior.statusFromHistory()) {
            run.note(new Edit(
                    EditType.OTHER,
                    "EM-STATUS-FROM-HISTORY",
                    Severity.INFO,
                    "The EHR did not say new "
                            + "or established: "
                            + run.encounter().patientStatus().name().toLowerCase(Locale.ROOT) + " from "
                            + "ClaimFlow's history of professional services"
                            + (prior.historySince() == null ? "" : " (which starts on " + prior.historySince() + ")"),
                    List.of(),
                    List.of(code),
                    null));
        }
    }
}
