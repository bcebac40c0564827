package io.claimflow.coding.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.coding.config.CrosswalkLoader;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Realistic office encounters through the rules, with the expected codes written out. */
class EncounterCoderTest {

    static final InMemoryCodeSets CODE_SETS = InMemoryCodeSets.starter();
    static final Crosswalk CROSSWALK = CrosswalkLoader.load();

    final EncounterCoder coder = new EncounterCoder(CODE_SETS, CROSSWALK);

    static String lines(Coding coding) {
        return String.join(
                " ",
                coding.lines().stream()
                        .map(l -> l.code()
                                + (l.modifiers().isEmpty() ? "" : "-" + String.join("-", l.modifiers()))
                                + (l.units() == 1 ? "" : "x" + l.units())
                                + l.pointers())
                        .toList());
    }

    static List<String> holds(Coding coding) {
        return coding.holds().stream().map(HoldReason::code).toList();
    }

    static List<String> rules(Coding coding) {
        return coding.edits().stream().map(Edit::ruleId).toList();
    }

    @Test
    void theCrosswalkHoldsSyntheasMapsUnpackedAtBuildTimePlusTheOverlay() {
        // 574 SNOMED CT -> ICD-10-CM and 738 -> CPT/HCPCS concepts in Synthea 3.3.0, plus overlay concepts
        assertThat(CROSSWALK.icdConcepts()).isGreaterThanOrEqualTo(574);
        assertThat(CROSSWALK.procedureConcepts()).isGreaterThanOrEqualTo(738);
        assertThat(CROSSWALK.icdTargets("10509002"))
                .extracting(Crosswalk.Target::code)
                .containsExactly("J20.9");
        assertThat(CROSSWALK.icdTargets("38341003"))
                .extracting(Crosswalk.Target::code)
                .containsExactly("I10");
    }

    @Test
    void sampleFollowUpWithSnomedHypertensionDiabetesAndA1c() {
        Coding coding = coder.code(Encounters.office()
                .established(32, DecisionMaking.MODERATE)
                .snomed("38341003", "Hypertensive disorder, systemic arterial")
                .snomed("44054006", "Diabetes mellitus type 2")
                .procedure(CodeSystem.SNOMED_CT, "43396009", "Hemoglobin A1c measurement, point of care")
                .build());

        assertThat(coding.held()).isFalse();
        assertThat(coding.diagnosisCodes()).containsExactly("I10", "E11.9");
        // the A1c points to diabetes (its indication), not to the first-listed hypertension
        assertThat(lines(coding)).isEqualTo("99214[1, 2] 83036[2]");
        assertThat(coding.edits()).noneMatch(Edit::blocking);
    }

    @Test
    void newPatientLevelByTimeWhenTimeSupportsMoreThanMdm() {
        Coding coding = coder.code(Encounters.office()
                .newPatient(50, DecisionMaking.LOW)
                .icd("J20.9")
                .build());

        assertThat(lines(coding)).isEqualTo("99204[1]");
        assertThat(coding.diagnosisCodes()).containsExactly("J20.9");
    }

    @Test
    void newPatientHighMdmWithoutTime() {
        assertThat(lines(coder.code(Encounters.office()
                        .newPatient(null, DecisionMaking.HIGH)
                        .icd("R07.9")
                        .build())))
                .isEqualTo("99205[1]");
    }

    @Test
    void prolongedServiceBeyondTheTopLevelTime() {
        // established: 99215 from 40 minutes, 99417 for each full 15 minutes beyond (55 -> 1 unit)
        assertThat(lines(coder.code(
                        Encounters.office().established(58, null).icd("I10").build())))
                .isEqualTo("99215[1] 99417[1]");
        assertThat(lines(coder.code(
                        Encounters.office().established(54, null).icd("I10").build())))
                .isEqualTo("99215[1]");
        // new: 99205 from 60 minutes; 92 minutes -> 2 units
        assertThat(lines(coder.code(
                        Encounters.office().newPatient(92, null).icd("I10").build())))
                .isEqualTo("99205[1] 99417x2[1]");
    }

    @Test
    void prolongedTimeForMedicareIsNotCodedAs99417() {
        Coding coding = coder.code(
                Encounters.office().medicare().established(58, null).icd("I10").build());

        assertThat(lines(coding)).isEqualTo("99215[1]");
        assertThat(rules(coding)).contains("EM-PROLONGED-MEDICARE");
    }

    @Test
    void establishedTimeThresholds() {
        assertThat(lines(coder.code(
                        Encounters.office().established(10, null).icd("I10").build())))
                .isEqualTo("99212[1]");
        assertThat(lines(coder.code(
                        Encounters.office().established(20, null).icd("I10").build())))
                .isEqualTo("99213[1]");
        assertThat(lines(coder.code(Encounters.office()
                        .established(39, DecisionMaking.STRAIGHTFORWARD)
                        .icd("I10")
                        .build())))
                .isEqualTo("99214[1]");
    }

    @Test
    void briefEstablishedVisitWithoutMdmIs99211() {
        Coding coding =
                coder.code(Encounters.office().established(5, null).icd("I10").build());

        assertThat(lines(coding)).isEqualTo("99211[1]");
    }

    @Test
    void officeVisitWithoutNewOrEstablishedIsHeld() {
        Coding coding = coder.code(Encounters.office()
                .established(25, DecisionMaking.LOW)
                .status(PatientStatus.UNKNOWN)
                .icd("I10")
                .build());

        assertThat(holds(coding)).containsExactly("EM-STATUS-UNKNOWN");
    }

    @Test
    void adultPreventiveVisitWithAProblemFound() {
        // 45 years old, established: 99396; the exam found something: the exam code with abnormal findings first
        Coding coding = coder.code(Encounters.office()
                .preventive()
                .established(null, null)
                .bornOn(LocalDate.of(1980, 5, 2))
                .abnormalFindings(true)
                .snomed("55822004", "Hyperlipidemia")
                .build());

        assertThat(coding.held()).isFalse();
        assertThat(coding.diagnosisCodes()).containsExactly("Z00.01", "E78.5");
        assertThat(lines(coding)).isEqualTo("99396[1, 2]");
    }

    @Test
    void newChildWellVisit() {
        Coding coding = coder.code(Encounters.office()
                .preventive()
                .newPatient(null, null)
                .bornOn(LocalDate.of(2022, 11, 1))
                .icd("Z00.129")
                .build());

        assertThat(coding.diagnosisCodes()).containsExactly("Z00.129");
        assertThat(lines(coding)).isEqualTo("99382[1]");
    }

    @Test
    void elderlyPreventiveVisitWithInfluenzaVaccineForMedicare() {
        Coding coding = coder.code(Encounters.office()
                .preventive()
                .established(null, null)
                .medicare()
                .bornOn(LocalDate.of(1950, 1, 15))
                .icd("Z00.00")
                .icd("Z23")
                .item("VACCINE", CodeSystem.CPT, "90686", "49281042250", "1", "UNIT")
                .build());

        assertThat(coding.held()).isFalse();
        assertThat(lines(coding)).isEqualTo("99397[1, 2] 90686[2] G0008[2]");
    }

    @Test
    void modifier25OnAVisitThatAlsoAddressedAnotherProblem() {
        Coding coding = coder.code(Encounters.office()
                .established(25, DecisionMaking.MODERATE)
                .icd("I10")
                .icd("L57.0")
                .cpt("17000", "Cryodestruction of actinic keratosis, scalp")
                .build());

        assertThat(coding.held()).isFalse();
        assertThat(lines(coding)).isEqualTo("99214-25[1, 2] 17000[2]");
        assertThat(rules(coding)).contains("MOD-25", "NCCI-PTP-17000-99214");
    }

    @Test
    void venipunctureWithAVisitNeedsNoModifier25() {
        Coding coding = coder.code(Encounters.office()
                .established(22, null)
                .icd("J20.9")
                .icd("D64.9")
                .cpt("36415", "Venipuncture")
                .cpt("85025", "CBC")
                .build());

        assertThat(coding.held()).isFalse();
        assertThat(lines(coding)).isEqualTo("99213[1, 2] 36415[1] 85025[2]");
    }

    @Test
    void visitOnlyForTheProcedureIsHeldForJudgementOnModifier25() {
        Coding coding = coder.code(Encounters.office()
                .established(15, DecisionMaking.LOW)
                .icd("B07.9")
                .cpt("17110", "Destruction of common warts, left hand")
                .build());

        assertThat(holds(coding)).contains("MOD25-JUDGEMENT", "NCCI-PTP-17110-99213");
    }

    @Test
    void bypassableNcciPairDocumentedAsSeparateLesionGets59OrXsForMedicare() {
        Encounters documented = Encounters.office()
                .established(null, null)
                .icd("L57.0")
                .icd("L82.1")
                .cpt("17000", "Destruction of actinic keratosis of the scalp")
                .cpt("11102", "Tangential biopsy of a separate lesion on the back");

        Coding commercial = coder.code(documented.build());
        Coding medicare = coder.code(documented.medicare().build());

        assertThat(lines(commercial)).isEqualTo("17000[1] 11102-59[1, 2]");
        assertThat(lines(medicare)).isEqualTo("17000[1] 11102-XS[1, 2]");
        assertThat(commercial.edits())
                .anyMatch(e -> e.type() == EditType.NCCI_PTP && "Appended modifier 59".equals(e.resolution()));
    }

    @Test
    void bypassableNcciPairWithoutEvidenceOfADistinctServiceIsHeld() {
        Coding coding = coder.code(Encounters.office()
                .established(null, null)
                .icd("L57.0")
                .cpt("17000", "Destruction of actinic keratosis")
                .cpt("11102", "Tangential biopsy of skin")
                .build());

        assertThat(holds(coding)).containsExactly("NCCI-JUDGEMENT", "NCCI-PTP-17000-11102");
    }

    @Test
    void ncciPairThatCannotBeBypassedDropsTheColumnTwoCode() {
        Coding coding = coder.code(Encounters.office()
                .established(22, DecisionMaking.LOW)
                .icd("E11.9")
                .cpt("80053", "Comprehensive metabolic panel")
                .cpt("80048", "Basic metabolic panel")
                .build());

        assertThat(lines(coding)).isEqualTo("99213[1] 80053[1]");
        assertThat(coding.edits())
                .anyMatch(e -> e.ruleId().equals("NCCI-PTP-80053-80048")
                        && e.severity() == Severity.WARNING
                        && "Removed 80048".equals(e.resolution()));
    }

    @Test
    void lateralityFromTheDocumentation() {
        Coding coding = coder.code(Encounters.office()
                .established(null, null)
                .icd("H61.21")
                .cpt("69210", "Removal of impacted cerumen with instrumentation, right ear")
                .build());

        assertThat(lines(coding)).isEqualTo("69210-RT[1]");
    }

    @Test
    void drugUnitsFromTheHcpcsDosageAndTheNdcOnTheLine() {
        Coding coding = coder.code(Encounters.office()
                .established(null, null)
                .icd("M17.11")
                .cpt("20610", "Injection, right knee joint")
                .item("DRUG", CodeSystem.HCPCS, "J1030", "00009307401", "80", "MILLIGRAM")
                .build());

        assertThat(lines(coding)).isEqualTo("20610-RT[1] J1030x2[1]");
        assertThat(coding.lines().get(1).drug().ndc()).isEqualTo("00009307401");
    }

    @Test
    void mueWithAnAbsoluteLimitCapsTheUnits() {
        Coding coding = coder.code(Encounters.office()
                .established(null, null)
                .icd("B07.9")
                .cpt("17110", "Destruction of warts")
                .cpt("17110", "Destruction of warts")
                .build());

        assertThat(lines(coding)).isEqualTo("17110[1]");
        assertThat(coding.edits())
                .anyMatch(e -> e.type() == EditType.MUE && e.resolution().contains("2 to 1"));
    }

    @Test
    void mueThatDocumentationCouldJustifyIsHeld() {
        Encounters documented = Encounters.office().established(null, null).icd("E11.9");
        for (int i = 0; i < 5; i++) {
            documented.cpt("96372", "Intramuscular injection");
        }

        assertThat(holds(coder.code(documented.build()))).containsExactly("MUE-96372");
    }

    @Test
    void snomedWithSeveralTargetsKeepsTheOneValidForAnAdult() {
        // Synthea maps 59621000 to P29.2 (neonatal) and I10; the overlay says I10 directly. 195662009 has five targets,
        // overlaid to J02.9. A concept Synthea maps to P29.2 alone is not billable for an adult.
        Coding coding = coder.code(Encounters.office()
                .established(12, null)
                .snomed("59621000", "Essential hypertension")
                .build());

        assertThat(coding.diagnosisCodes()).containsExactly("I10");
        assertThat(lines(coding)).isEqualTo("99212[1]");
    }

    @Test
    void unmappedSnomedConceptIsHeldNotGuessed() {
        Coding coding = coder.code(Encounters.office()
                .established(25, DecisionMaking.LOW)
                .snomed("44054006", "Diabetes mellitus type 2")
                .snomed("702927004", "Urge incontinence of urine")
                .build());

        assertThat(holds(coding)).containsExactly("SNOMED-UNMAPPED");
        // the rest is coded as a suggestion for the coder
        assertThat(coding.diagnosisCodes()).containsExactly("E11.9");
        assertThat(lines(coding)).isEqualTo("99213[1]");
    }

    @Test
    void headerCodeIsNotBillable() {
        Coding coding = coder.code(Encounters.office()
                .established(25, DecisionMaking.LOW)
                .icd("E11")
                .build());

        assertThat(holds(coding)).contains("ICD10-NOT-BILLABLE");
        assertThat(coding.holds().get(0).message()).contains("E11.9");
    }

    @Test
    void freeTextIsCodedOnlyWhenItMatchesADescriptionExactly() {
        Coding exact = coder.code(Encounters.office()
                .established(25, DecisionMaking.LOW)
                .text("Acute bronchitis, unspecified")
                .build());
        Coding vague = coder.code(Encounters.office()
                .established(25, DecisionMaking.LOW)
                .text("bronchitis probably")
                .build());

        assertThat(exact.held()).isFalse();
        assertThat(exact.diagnosisCodes()).containsExactly("J20.9");
        assertThat(holds(vague)).startsWith("FREE-TEXT-UNCLEAR").contains("DX-NONE");
    }

    @Test
    void sexConflictIsHeld() {
        Coding coding = coder.code(Encounters.office()
                .male()
                .established(25, DecisionMaking.LOW)
                .icd("N95.1")
                .build());

        assertThat(holds(coding)).containsExactly("SEX-N95");
        assertThat(coding.edits()).anyMatch(e -> e.type() == EditType.SEX_CONFLICT);
    }

    @Test
    void ageConflictIsHeld() {
        Coding coding = coder.code(Encounters.office()
                .established(25, DecisionMaking.LOW)
                .icd("P29.2")
                .build());

        assertThat(holds(coding)).containsExactly("AGE-P");
    }

    @Test
    void excludes1PairIsHeld() {
        Coding coding = coder.code(Encounters.office()
                .established(25, DecisionMaking.LOW)
                .icd("E11.9")
                .icd("R73.03")
                .build());

        assertThat(holds(coding)).containsExactly("EXCLUDES1-R73-E11");
    }

    @Test
    void secondaryOnlyCodeIsNotFirstListed() {
        Coding coding = coder.code(Encounters.office()
                .established(35, DecisionMaking.MODERATE)
                .icd("Z68.41")
                .icd("E66.01")
                .build());

        assertThat(coding.diagnosisCodes()).containsExactly("E66.01", "Z68.41");
        assertThat(coding.held()).isFalse();
    }

    @Test
    void codeNotValidOnTheDateOfServiceIsHeld() {
        // the starter set starts with ICD-10-CM FY2025 (1 October 2024)
        Coding coding = coder.code(Encounters.office()
                .on(LocalDate.of(2024, 3, 1))
                .established(25, DecisionMaking.LOW)
                .icd("I10")
                .build());

        assertThat(holds(coding)).contains("ICD10-NOT-VALID-ON-DOS");
    }

    @Test
    void aProblemVisitWithoutMdmOrTimeIsCodedAtTheConservativeDefault() {
        // Synthea and many EHR exports document neither MDM nor time: one problem is low MDM (99213), never more
        Coding coding = coder.code(
                Encounters.office().established(null, null).icd("I10").build());

        assertThat(coding.held()).isFalse();
        assertThat(lines(coding)).isEqualTo("99213[1]");
        assertThat(rules(coding)).contains("EM-LEVEL-DEFAULT");
    }

    @Test
    void aTimeDocumentedBelowEveryThresholdIsHeld() {
        Coding coding =
                coder.code(Encounters.office().newPatient(10, null).icd("I10").build());

        assertThat(holds(coding)).containsExactly("EM-LEVEL-UNDOCUMENTED");
    }

    // --- Synthea's ambulatory settings (issue 17) ---------------------------------------------------------------

    @Test
    void urgentCareAsSyntheaDocumentsItGetsAnOfficeVisitAndItsScreeningsStay() {
        Coding coding = coder.code(Encounters.office()
                .established(null, null)
                .type("702927004", "Urgent care clinic (environment)")
                .snomed("444814009", "Viral sinusitis (disorder)")
                .procedure(CodeSystem.SNOMED_CT, "710841007", "Assessment of anxiety (procedure)")
                .procedure(CodeSystem.SNOMED_CT, "430193006", "Medication Reconciliation (procedure)")
                .build());

        assertThat(holds(coding)).isEmpty();
        assertThat(coding.diagnosisCodes()).containsExactly("J01.90");
        assertThat(lines(coding)).isEqualTo("99213[1] 96127[1]");
        assertThat(rules(coding)).contains("EM-LEVEL-DEFAULT", "SNOMED-NOT-REPORTED");
    }

    @Test
    void emergencyVisitsAreCodedByMdmOrTheDefault() {
        Coding documented = coder.code(Encounters.office()
                .setting("EMERGENCY", "23")
                .established(null, DecisionMaking.MODERATE)
                .snomed("10509002", "Acute bronchitis")
                .build());
        Coding undocumented = coder.code(Encounters.office()
                .setting("EMERGENCY", "23")
                .status(PatientStatus.UNKNOWN)
                .snomed("10509002", "Acute bronchitis")
                .build());

        assertThat(lines(documented)).isEqualTo("99284[1]");
        assertThat(lines(undocumented)).isEqualTo("99283[1]"); // no new/established in the ED
        assertThat(undocumented.held()).isFalse();
    }

    @Test
    void inpatientCareIsHeldWithItsReasonNeverLeftOutSilently() {
        Coding coding = coder.code(Encounters.office()
                .setting("INPATIENT", "21")
                .established(null, null)
                .icd("I10")
                .cpt("93000", "ECG")
                .build());

        assertThat(holds(coding)).containsExactly("EM-INPATIENT");
    }

    @Test
    void telehealthIsAnOfficeVisitAtPlaceOfService02() {
        Coding coding = coder.code(Encounters.office()
                .setting("VIRTUAL", "02")
                .established(null, null)
                .type("185347001", "Encounter for problem")
                .icd("I10")
                .build());

        assertThat(lines(coding)).isEqualTo("99213[1]");
    }

    @Test
    void aConsultationIsCodedAsAnOfficeVisitAsMedicareDoes() {
        Coding coding = coder.code(Encounters.office()
                .newPatient(null, null)
                .type("698314001", "Consultation for treatment")
                .snomed("389095005", "Contraception care (regime/therapy)")
                .build());

        assertThat(coding.diagnosisCodes()).containsExactly("Z30.09");
        assertThat(lines(coding)).isEqualTo("99202[1]"); // only a Z code: straightforward
    }

    @Test
    void aProcedureEncounterBillsTheProcedureWithoutAnEm() {
        Coding coding = coder.code(Encounters.office()
                .established(null, null)
                .type("308335008", "Patient encounter procedure")
                .snomed("389095005", "Contraception care")
                .procedure(CodeSystem.SNOMED_CT, "46706006", "Replacement of contraceptive intrauterine device")
                .build());

        assertThat(holds(coding)).isEmpty();
        assertThat(lines(coding)).isEqualTo("58300[1]");
        assertThat(rules(coding)).contains("EM-NOT-CODED");
    }

    @Test
    void prenatalVisitsAreBilledPerVisitWithTheirZ34Code() {
        Coding coding = coder.code(Encounters.office()
                .established(null, null)
                .type("424619006", "Prenatal visit")
                .bornOn(LocalDate.of(1996, 4, 2))
                .snomed("72892002", "Normal pregnancy")
                .procedure(CodeSystem.SNOMED_CT, "274804006", "Evaluation of uterine fundal height")
                .procedure(CodeSystem.SNOMED_CT, "225158009", "Auscultation of the fetal heart")
                .build());

        assertThat(holds(coding)).isEmpty();
        assertThat(coding.diagnosisCodes()).allMatch(c -> c.startsWith("Z34"));
        assertThat(lines(coding)).isEqualTo("99212[1]");
        assertThat(rules(coding)).contains("EM-OBSTETRIC-PER-VISIT");
    }

    @Test
    void aPostnatalVisitWithoutADiagnosisTakesItsReasonFromTheEncounterType() {
        Coding coding = coder.code(Encounters.office()
                .established(null, null)
                .type("169762003", "Postnatal visit")
                .bornOn(LocalDate.of(1996, 4, 2))
                .procedure(CodeSystem.SNOMED_CT, "5880005", "Physical examination procedure")
                .procedure(CodeSystem.SNOMED_CT, "171207006", "Depression screening")
                .build());

        assertThat(holds(coding)).isEmpty();
        assertThat(coding.diagnosisCodes()).containsExactly("Z39.2");
        assertThat(lines(coding)).isEqualTo("99212[1] G0444[1]");
    }

    @Test
    void aPostoperativeVisitInsideTheGlobalPeriodIs99024AndOutsideAnOfficeVisit() {
        Encounters postop = Encounters.office()
                .established(null, null)
                .type("439740005", "Postoperative follow-up visit")
                .icd("Z94.0");
        Coding inside = coder.code(postop.prior(new PriorServices(false, null, "47562", LocalDate.of(2026, 2, 20)))
                .build());
        Coding outside = coder.code(Encounters.office()
                .established(null, null)
                .type("439740005", "Postoperative follow-up visit")
                .icd("Z94.0")
                .build());

        assertThat(lines(inside)).isEqualTo("99024[1]");
        assertThat(lines(outside)).isEqualTo("99212[1]");
        assertThat(rules(outside)).contains("EM-POSTOP-OUTSIDE-GLOBAL");
    }

    @Test
    void dentalEncountersAreHeldForADentalClaim() {
        Coding coding = coder.code(Encounters.office()
                .established(null, null)
                .preventive()
                .snomed("103697008", "Patient referral for dental care")
                .procedure(CodeSystem.SNOMED_CT, "34043003", "Dental consultation and report")
                .build());

        assertThat(holds(coding)).containsExactly("DENTAL-SERVICE");
        assertThat(coding.holds().get(0).message()).contains("CDT").doesNotContain("SNOMED-UNMAPPED");
    }

    @Test
    void employmentFindingsAreNotReportedAndHoldNothing() {
        Coding coding = coder.code(Encounters.office()
                .preventive()
                .established(null, null)
                .snomed("160903007", "Full-time employment (finding)")
                .snomed("314529007", "Medication review due (situation)")
                .build());

        assertThat(holds(coding)).isEmpty();
        assertThat(coding.diagnosisCodes()).containsExactly("Z00.00", "Z76.89");
    }

    @Test
    void cvxVaccinesBillTheProductAndItsAdministration() {
        Coding child = coder.code(Encounters.office()
                .established(null, null)
                .preventive()
                .bornOn(LocalDate.of(2025, 9, 1))
                .item("VACCINE", CodeSystem.CVX, "20", null, "1", "UNIT")
                .item("VACCINE", CodeSystem.CVX, "10", null, "1", "UNIT")
                .item("VACCINE", CodeSystem.CVX, "08", null, "1", "UNIT")
                .build());
        Coding medicareFlu = coder.code(Encounters.office()
                .medicare()
                .established(null, null)
                .type("33879002", "Administration of vaccine to produce active immunity")
                .item("VACCINE", CodeSystem.CVX, "140", null, "1", "UNIT")
                .build());

        assertThat(holds(child)).isEmpty();
        assertThat(child.diagnosisCodes())
                .containsExactly("Z00.129", "Z23"); // Z23 secondary at a preventive visit, I.C.21.c.2
        assertThat(lines(child)).isEqualTo("99391[1, 2] 90700[1] 90713[1] 90744[1] 90471[2] 90472x2[2]");
        assertThat(holds(medicareFlu)).isEmpty();
        assertThat(medicareFlu.diagnosisCodes()).containsExactly("Z23");
        assertThat(lines(medicareFlu)).isEqualTo("90656[1] G0008[1]");
    }

    @Test
    void rxnormDrugsBillTheirJCodeOrANoteNeverAHold() {
        Coding coding = coder.code(Encounters.office()
                .established(null, null)
                .type("439740005", "Postoperative follow-up visit")
                .icd("Z94.0")
                .item("DRUG", CodeSystem.RXNORM, "108515", null, "1", "UNIT")
                .item("DRUG", CodeSystem.RXNORM, "1535362", null, "1", "UNIT")
                .item("DRUG", CodeSystem.RXNORM, "314076", null, "1", "UNIT")
                .build());

        assertThat(holds(coding)).isEmpty();
        assertThat(lines(coding)).isEqualTo("99212[1] J7525[1]");
        assertThat(coding.edits())
                .filteredOn(e -> e.ruleId().equals("DRUG-NOT-BILLED"))
                .hasSize(2);
    }

    @Test
    void aVaccineGivenAtAVisitWithoutADiagnosisIsZ23() {
        Coding coding = coder.code(Encounters.office()
                .established(null, null)
                .type("702927004", "Urgent care clinic (environment)")
                .bornOn(LocalDate.of(2012, 3, 3))
                .procedure(CodeSystem.SNOMED_CT, "103697008", "Patient referral for dental care")
                .item("VACCINE", CodeSystem.CVX, "62", null, "1", "UNIT")
                .build());

        assertThat(holds(coding)).isEmpty();
        assertThat(coding.diagnosisCodes()).containsExactly("Z23");
        assertThat(lines(coding)).isEqualTo("99212[1] 90649[1] 90471[1]");
    }

    @Test
    void aScreeningColonoscopyAtAPreventiveVisitGets25OnTheVisit() {
        Coding coding = coder.code(Encounters.office()
                .established(null, null)
                .preventive()
                .bornOn(LocalDate.of(1975, 3, 3))
                .snomed("275978004", "Screening for malignant neoplasm of colon")
                .procedure(CodeSystem.SNOMED_CT, "73761001", "Colonoscopy")
                .build());

        assertThat(holds(coding)).isEmpty();
        assertThat(lines(coding)).isEqualTo("99396-25[1, 2] 45378[2]");
    }
}
