package io.claimflow.coding.rules;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Builds documented encounters for rule tests: an office visit on 2026-03-10 unless told otherwise. */
final class Encounters {

    private LocalDate dos = LocalDate.of(2026, 3, 10);
    private LocalDate birth = LocalDate.of(1961, 7, 22);
    private Sex sex = Sex.FEMALE;
    private String place = "11";
    private String encounterClass = "AMBULATORY";
    private Documented type = new Documented(CodeSystem.SNOMED_CT, "390906007", "Follow-up encounter");
    private PatientStatus status = PatientStatus.ESTABLISHED;
    private Integer minutes;
    private DecisionMaking mdm;
    private final List<Documented> diagnoses = new ArrayList<>();
    private final List<Documented> procedures = new ArrayList<>();
    private final List<AdministeredItem> items = new ArrayList<>();
    private boolean medicare;
    private AnnualWellnessVisit wellness;
    private Boolean abnormalFindings;
    private PriorServices prior = PriorServices.NONE;

    static Encounters office() {
        return new Encounters();
    }

    Encounters established(Integer totalMinutes, DecisionMaking level) {
        status = PatientStatus.ESTABLISHED;
        minutes = totalMinutes;
        mdm = level;
        return this;
    }

    Encounters newPatient(Integer totalMinutes, DecisionMaking level) {
        status = PatientStatus.NEW;
        minutes = totalMinutes;
        mdm = level;
        return this;
    }

    Encounters status(PatientStatus value) {
        status = value;
        return this;
    }

    Encounters preventive() {
        type = new Documented(CodeSystem.SNOMED_CT, "162673000", "General examination of patient");
        return this;
    }

    Encounters bornOn(LocalDate date) {
        birth = date;
        return this;
    }

    Encounters male() {
        sex = Sex.MALE;
        return this;
    }

    Encounters medicare() {
        medicare = true;
        return this;
    }

    Encounters on(LocalDate date) {
        dos = date;
        return this;
    }

    Encounters wellness(AnnualWellnessVisit visit) {
        wellness = visit;
        return this;
    }

    Encounters encounterType(CodeSystem system, String code, String text) {
        type = new Documented(system, code, text);
        return this;
    }

    Encounters abnormalFindings(Boolean found) {
        abnormalFindings = found;
        return this;
    }

    /** An ICD-10-CM diagnosis with its documented episode of care. */
    Encounters icd(String code, EpisodeOfCare episode) {
        diagnoses.add(new Documented(CodeSystem.ICD_10_CM, code, code, List.of(), null, episode));
        return this;
    }

    /** A CPT/HCPCS procedure with documented units and modifiers. */
    Encounters procedure(CodeSystem system, String code, String text, String quantity, String... modifiers) {
        procedures.add(new Documented(
                system, code, text, List.of(modifiers), quantity == null ? null : new BigDecimal(quantity), null));
        return this;
    }

    Encounters dx(CodeSystem system, String code, String text) {
        diagnoses.add(new Documented(system, code, text));
        return this;
    }

    Encounters icd(String code) {
        return dx(CodeSystem.ICD_10_CM, code, code);
    }

    Encounters snomed(String concept, String text) {
        return dx(CodeSystem.SNOMED_CT, concept, text);
    }

    Encounters text(String text) {
        return dx(CodeSystem.NONE, null, text);
    }

    Encounters procedure(CodeSystem system, String code, String text) {
        procedures.add(new Documented(system, code, text));
        return this;
    }

    Encounters cpt(String code, String text) {
        return procedure(CodeSystem.CPT, code, text);
    }

    Encounters item(String kind, CodeSystem system, String code, String ndc, String quantity, String unit) {
        items.add(new AdministeredItem(kind, new Documented(system, code, code), ndc, new BigDecimal(quantity), unit));
        return this;
    }

    /** A drug or supply documented with modifiers (JZ, JW, ...). */
    Encounters item(
            String kind,
            CodeSystem system,
            String code,
            String ndc,
            String quantity,
            String unit,
            String... modifiers) {
        items.add(new AdministeredItem(
                kind,
                new Documented(system, code, code, List.of(modifiers), null, null),
                ndc,
                new BigDecimal(quantity),
                unit));
        return this;
    }

    /** The encounter class (AMBULATORY, EMERGENCY, INPATIENT, VIRTUAL, ...) and its place of service. */
    Encounters setting(String value, String placeOfService) {
        encounterClass = value;
        place = placeOfService;
        return this;
    }

    /** A SNOMED CT encounter type, as Synthea documents it. */
    Encounters type(String concept, String text) {
        return encounterType(CodeSystem.SNOMED_CT, concept, text);
    }

    Encounters prior(PriorServices value) {
        prior = value;
        return this;
    }

    DocumentedEncounter build() {
        return new DocumentedEncounter(
                "enc-test",
                "riverside-fm",
                dos,
                birth,
                sex,
                place,
                encounterClass,
                type,
                status,
                minutes,
                mdm,
                diagnoses,
                procedures,
                items,
                medicare,
                wellness,
                abnormalFindings,
                prior);
    }
}
