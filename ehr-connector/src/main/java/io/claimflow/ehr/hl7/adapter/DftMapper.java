package io.claimflow.ehr.hl7.adapter;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.v251.datatype.CE;
import ca.uhn.hl7v2.model.v251.datatype.CX;
import ca.uhn.hl7v2.model.v251.datatype.XAD;
import ca.uhn.hl7v2.model.v251.datatype.XCN;
import ca.uhn.hl7v2.model.v251.datatype.XPN;
import ca.uhn.hl7v2.model.v251.group.DFT_P03_FINANCIAL;
import ca.uhn.hl7v2.model.v251.group.DFT_P03_INSURANCE;
import ca.uhn.hl7v2.model.v251.message.DFT_P03;
import ca.uhn.hl7v2.model.v251.segment.DG1;
import ca.uhn.hl7v2.model.v251.segment.FT1;
import ca.uhn.hl7v2.model.v251.segment.IN1;
import ca.uhn.hl7v2.model.v251.segment.IN2;
import ca.uhn.hl7v2.model.v251.segment.PID;
import ca.uhn.hl7v2.model.v251.segment.PR1;
import ca.uhn.hl7v2.model.v251.segment.PV1;
import io.claimflow.codes.Npi;
import io.claimflow.ehr.config.EhrProperties;
import io.claimflow.ehr.hl7.Hl7Codes;
import io.claimflow.ehr.intake.DocumentedEncounter;
import io.claimflow.ehr.intake.DocumentedEncounter.Address;
import io.claimflow.ehr.intake.DocumentedEncounter.Code;
import io.claimflow.ehr.intake.DocumentedEncounter.CodeSystem;
import io.claimflow.ehr.intake.DocumentedEncounter.EncounterClass;
import io.claimflow.ehr.intake.DocumentedEncounter.EntityType;
import io.claimflow.ehr.intake.DocumentedEncounter.PatientStatus;
import io.claimflow.ehr.intake.DocumentedEncounter.Provider;
import io.claimflow.ehr.intake.DocumentedEncounter.Relationship;
import io.claimflow.ehr.intake.EncounterIntake.Submission;
import io.claimflow.ehr.intake.Problem;
import io.claimflow.ehr.intake.Problem.Kind;
import io.claimflow.ehr.intake.Source;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a DFT^P03 (as HAPI's v2.5.1 model, whatever version it was sent in) into one {@link Submission}, collecting
 * every problem with its HL7 position ({@code PID-7}, {@code FT1[2]-25}). The field mapping table is in
 * {@code docs/ehr-integration-guide.md}.
 */
final class DftMapper {

    /** What a message gave: a submission when there were no problems. */
    record Result(Submission submission, List<Problem> problems) {}

    private final String tenantId;
    private final EhrProperties.BillingProvider billing;
    private final List<Problem> problems = new ArrayList<>();

    private DftMapper(String tenantId, EhrProperties.BillingProvider billing) {
        this.tenantId = tenantId;
        this.billing = billing;
    }

    static Result map(DFT_P03 message, String tenantId, EhrProperties.BillingProvider billing) throws HL7Exception {
        return new DftMapper(tenantId, billing).run(message);
    }

    private Result run(DFT_P03 message) throws HL7Exception {
        String controlId = value(message.getMSH().getMessageControlID().getValue());
        if (controlId == null) {
            problem("MSH-10", Kind.REQUIRED, "MSH-10 message control id is required");
        }
        PID pid = message.getPID();
        DocumentedEncounter.Patient patient =
                pid.isEmpty() ? missing("PID", "the PID segment is required") : patient(pid);
        PV1 pv1 = message.getPV1();
        String visitNumber = null;
        EncounterClass encounterClass = EncounterClass.OTHER;
        Provider rendering = null;
        Provider referring = null;
        LocalDate admitDate = null;
        if (pv1.isEmpty()) {
            problem("PV1", Kind.REQUIRED, "the PV1 segment is required");
        } else {
            visitNumber = value(pv1.getVisitNumber().getIDNumber().getValue());
            if (visitNumber == null) {
                problem("PV1-19", Kind.REQUIRED, "PV1-19 visit number (the encounter id) is required");
            }
            encounterClass = Hl7Codes.encounterClass(value(pv1.getPatientClass().getValue()));
            rendering = pv1.getAttendingDoctorReps() > 0 ? person(pv1.getAttendingDoctor(0), "PV1-7") : null;
            referring = pv1.getReferringDoctorReps() > 0 ? person(pv1.getReferringDoctor(0), "PV1-8") : null;
            admitDate = date(pv1.getAdmitDateTime().getTime().getValue(), "PV1-44");
        }

        List<Code> diagnoses = new ArrayList<>();
        diagnoses(message, diagnoses);
        List<Code> procedures = new ArrayList<>();
        LocalDate serviceDate = null;
        int pr1Count = 0;
        for (int i = 0; i < message.getFINANCIALReps(); i++) {
            DFT_P03_FINANCIAL financial = message.getFINANCIAL(i);
            FT1 ft1 = financial.getFT1();
            String at = "FT1[" + (i + 1) + "]";
            if (ft1.isEmpty()) {
                continue;
            }
            String type = value(ft1.getTransactionType().getValue());
            if (type != null && !"CG".equalsIgnoreCase(type)) {
                continue; // credits, payments and adjustments are the billing system's, not documentation
            }
            LocalDate date = date(
                    ft1.getTransactionDate().getRangeStartDateTime().getTime().getValue(), at + "-4");
            if (serviceDate == null) {
                serviceDate = date;
            }
            CE procedure = value(ft1.getProcedureCode().getIdentifier().getValue()) != null
                    ? ft1.getProcedureCode()
                    : ft1.getTransactionCode();
            String where = procedure == ft1.getProcedureCode() ? at + "-25" : at + "-7";
            Code code =
                    code(procedure, where, value(ft1.getTransactionDescription().getValue()));
            int charged = -1;
            if (code != null) {
                charged = procedures.size();
                procedures.add(withDetails(
                        code,
                        modifiers(ft1.getProcedureCodeModifier()),
                        quantity(value(ft1.getTransactionQuantity().getValue()), at + "-10")));
            }
            for (int d = 0; d < ft1.getDiagnosisCodeFT1Reps(); d++) {
                Code diagnosis = code(ft1.getDiagnosisCodeFT1(d), at + "-19", null);
                if (diagnosis != null && !diagnoses.contains(diagnosis)) {
                    diagnoses.add(diagnosis);
                }
            }
            if (rendering == null
                    && ft1.getPerformedByCodeReps() > 0
                    && value(ft1.getPerformedByCode(0).getIDNumber().getValue()) != null) {
                rendering = person(ft1.getPerformedByCode(0), at + "-20");
            }
            for (int p = 0; p < financial.getFINANCIAL_PROCEDUREReps(); p++) {
                PR1 pr1 = financial.getFINANCIAL_PROCEDURE(p).getPR1();
                if (pr1.isEmpty()) {
                    continue;
                }
                String pat = "PR1[" + ++pr1Count + "]";
                Code pr = code(
                        pr1.getProcedureCode(),
                        pat + "-3",
                        value(pr1.getProcedureDescription().getValue()));
                if (pr != null && charged >= 0 && sameCode(procedures.get(charged), pr)) {
                    // the PR1 details its own FT1's charge: one procedure, with the modifiers of both
                    Code charge = procedures.get(charged);
                    List<String> merged = new ArrayList<>(charge.modifiers());
                    modifiers(pr1.getProcedureCodeModifier()).stream()
                            .filter(m -> !merged.contains(m))
                            .forEach(merged::add);
                    procedures.set(charged, withDetails(charge, merged, charge.quantity()));
                } else if (pr != null) {
                    procedures.add(withDetails(pr, modifiers(pr1.getProcedureCodeModifier()), null));
                }
                if (serviceDate == null) {
                    serviceDate = date(pr1.getProcedureDateTime().getTime().getValue(), pat + "-5");
                }
            }
        }
        if (serviceDate == null) {
            serviceDate = admitDate;
        }
        if (serviceDate == null) {
            problem("FT1-4", Kind.REQUIRED, "no date of service: FT1-4 transaction date (or PV1-44) is required");
        }
        List<DocumentedEncounter.Coverage> coverages = coverages(message, patient);
        if (billing == null || billing.npi() == null || billing.name() == null) {
            problem(
                    "MSH-4",
                    Kind.UNSUPPORTED,
                    "this connector has no billing provider configured for HL7 v2 "
                            + "(claimflow.ehr.billing-provider or claimflow.ehr.hl7.billing-provider)");
        }
        if (!problems.isEmpty()) {
            return new Result(null, List.copyOf(problems));
        }
        Code encounterType = procedures.stream()
                .filter(DftMapper::isEvaluationAndManagement)
                .findFirst()
                .map(c -> new Code(c.system(), c.code(), c.text()))
                .orElse(new Code(CodeSystem.NONE, null, classText(encounterClass)));
        DocumentedEncounter encounter = new DocumentedEncounter(
                tenantId,
                visitNumber,
                patient,
                coverages,
                new DocumentedEncounter.Providers(billing.provider(), rendering, referring),
                null,
                Objects.requireNonNullElse(encounterClass.placeOfService(), "11"),
                serviceDate,
                encounterClass,
                encounterType,
                patientStatus(procedures),
                null,
                null,
                diagnoses,
                procedures,
                List.of(),
                null,
                null,
                null,
                annualWellnessVisit(procedures),
                null);
        return new Result(new Submission(new Source(Source.HL7V2, visitNumber, controlId), encounter), List.of());
    }

    // --- patient -------------------------------------------------------------------------------------------------

    private DocumentedEncounter.Patient patient(PID pid) {
        String mrn = null;
        for (CX cx : pid.getPatientIdentifierList()) {
            String id = value(cx.getIDNumber().getValue());
            if (id != null
                    && (mrn == null || "MR".equals(cx.getIdentifierTypeCode().getValue()))) {
                mrn = id;
                if ("MR".equals(cx.getIdentifierTypeCode().getValue())) {
                    break;
                }
            }
        }
        if (mrn == null) {
            problem("PID-3", Kind.REQUIRED, "PID-3 patient identifier (the medical record number) is required");
        }
        XPN name = pid.getPatientNameReps() > 0 ? pid.getPatientName(0) : null;
        String family =
                name == null ? null : value(name.getFamilyName().getSurname().getValue());
        String given = name == null ? null : value(name.getGivenName().getValue());
        if (family == null || given == null) {
            problem("PID-5", Kind.REQUIRED, "PID-5 patient name with family and given name is required");
        }
        LocalDate birthDate = date(pid.getDateTimeOfBirth().getTime().getValue(), "PID-7");
        if (birthDate == null && value(pid.getDateTimeOfBirth().getTime().getValue()) == null) {
            problem("PID-7", Kind.REQUIRED, "PID-7 date of birth is required");
        }
        Address address = pid.getPatientAddressReps() > 0 ? address(pid.getPatientAddress(0), "PID-11") : null;
        if (pid.getPatientAddressReps() == 0) {
            problem("PID-11", Kind.REQUIRED, "PID-11 patient address is required");
        }
        return new DocumentedEncounter.Patient(
                mrn,
                family,
                given,
                name == null
                        ? null
                        : value(name.getSecondAndFurtherGivenNamesOrInitialsThereof()
                                .getValue()),
                name == null ? null : value(name.getSuffixEgJRorIII().getValue()),
                birthDate,
                Hl7Codes.sex(value(pid.getAdministrativeSex().getValue())),
                address);
    }

    private Address address(XAD xad, String at) {
        String line1 = value(xad.getStreetAddress().getStreetOrMailingAddress().getValue());
        String city = value(xad.getCity().getValue());
        String state = value(xad.getStateOrProvince().getValue());
        String zip = value(xad.getZipOrPostalCode().getValue());
        if (line1 == null || city == null || state == null || zip == null) {
            problem(at, Kind.REQUIRED, at + " needs street, city, state and ZIP");
            return null;
        }
        String country = value(xad.getCountry().getValue());
        return new Address(
                line1,
                value(xad.getOtherDesignation().getValue()),
                city,
                state,
                zip.replace("-", ""),
                country == null || country.length() != 2 ? "US" : country);
    }

    // --- diagnoses, procedures -----------------------------------------------------------------------------------

    private void diagnoses(DFT_P03 message, List<Code> diagnoses) throws HL7Exception {
        record Ranked(int priority, int order, Code code) {}
        List<Ranked> ranked = new ArrayList<>();
        for (int i = 0; i < message.getDG1Reps(); i++) {
            DG1 dg1 = message.getDG1(i);
            if (dg1.isEmpty()) {
                continue;
            }
            String at = "DG1[" + (i + 1) + "]";
            CE ce = dg1.getDiagnosisCodeDG1();
            String system = value(ce.getNameOfCodingSystem().getValue());
            if (system == null) {
                system = value(dg1.getDiagnosisCodingMethod().getValue()); // DG1-2, deprecated but still sent
            }
            Code code = code(
                    ce, system, at + "-3", value(dg1.getDiagnosisDescription().getValue()));
            if (code == null) {
                continue;
            }
            int priority;
            try {
                String value = value(dg1.getDiagnosisPriority().getValue());
                priority = value == null ? Integer.MAX_VALUE : Integer.parseInt(value);
            } catch (NumberFormatException e) {
                problem(at + "-15", Kind.INVALID, "DG1-15 diagnosis priority must be a number");
                continue;
            }
            ranked.add(new Ranked(priority == 0 ? Integer.MAX_VALUE : priority, i, code));
        }
        if (ranked.isEmpty() && problems.stream().noneMatch(p -> p.location().startsWith("DG1"))) {
            problem("DG1", Kind.REQUIRED, "at least one DG1 diagnosis segment is required");
        }
        ranked.sort(Comparator.comparingInt(Ranked::priority).thenComparingInt(Ranked::order));
        ranked.forEach(r -> diagnoses.add(r.code()));
    }

    private Code code(CE ce, String at, String description) {
        return code(ce, value(ce.getNameOfCodingSystem().getValue()), at, description);
    }

    private Code code(CE ce, String systemName, String at, String description) {
        String code = value(ce.getIdentifier().getValue());
        if (code == null) {
            problem(at, Kind.REQUIRED, at + " needs a code");
            return null;
        }
        if (systemName == null) {
            problem(at + ".3", Kind.UNKNOWN_CODE_SYSTEM, at + ".3 names no coding system (use I10, SCT, C4 or HCPCS)");
            return null;
        }
        CodeSystem system = Hl7Codes.codingSystem(systemName).orElse(null);
        if (system == null) {
            problem(
                    at + ".3",
                    Kind.UNKNOWN_CODE_SYSTEM,
                    "coding system " + systemName
                            + " is not one ClaimFlow reads (I10 for ICD-10-CM, SCT for SNOMED CT, C4 for CPT, HCPCS)");
            return null;
        }
        String text = value(ce.getText().getValue());
        return new Code(system, code, text != null ? text : description != null ? description : code);
    }

    private static List<String> modifiers(CE[] modifiers) {
        List<String> codes = new ArrayList<>();
        for (CE modifier : modifiers) {
            String code = value(modifier.getIdentifier().getValue());
            if (code != null) {
                codes.add(code);
            }
        }
        return codes;
    }

    private static boolean sameCode(Code a, Code b) {
        return a.system() == b.system() && a.code() != null && a.code().equalsIgnoreCase(b.code());
    }

    /** FT1-26 / PR1-16 modifiers and FT1-10 quantity on the procedure they were documented with. */
    private static Code withDetails(Code code, List<String> modifiers, BigDecimal quantity) {
        return new Code(code.system(), code.code(), code.text(), modifiers, quantity, null);
    }

    /**
     * FT1-10 transaction quantity as documented: a number with at most three decimals (coding-service decides
     * whether it is a plausible number of units), null when empty.
     */
    private BigDecimal quantity(String value, String at) {
        if (value == null) {
            return null;
        }
        try {
            Optional<BigDecimal> quantity = DocumentedEncounter.quantity(new BigDecimal(value));
            if (quantity.isEmpty()) {
                problem(at, Kind.INVALID, at + " transaction quantity must have at most 3 decimals and 9 digits");
            }
            return quantity.orElse(null);
        } catch (NumberFormatException e) {
            problem(at, Kind.INVALID, at + " transaction quantity must be a number");
            return null;
        }
    }

    /** A charged G0438 is the initial, G0439 a subsequent Medicare annual wellness visit. */
    private static DocumentedEncounter.AnnualWellnessVisit annualWellnessVisit(List<Code> procedures) {
        return procedures.stream()
                .filter(code -> code.system() == CodeSystem.HCPCS)
                .flatMap(code -> DocumentedEncounter.AnnualWellnessVisit.ofHcpcs(code.code()).stream())
                .findFirst()
                .orElse(null);
    }

    private static boolean isEvaluationAndManagement(Code code) {
        return code.system() == CodeSystem.CPT && code.code().matches("99[2-4]\\d\\d");
    }

    private static PatientStatus patientStatus(List<Code> procedures) {
        return procedures.stream()
                .filter(code -> code.system() == CodeSystem.CPT)
                .flatMap(code -> PatientStatus.ofOfficeVisit(code.code()).stream())
                .findFirst()
                .orElse(PatientStatus.UNKNOWN);
    }

    // --- insurance -----------------------------------------------------------------------------------------------

    private List<DocumentedEncounter.Coverage> coverages(DFT_P03 message, DocumentedEncounter.Patient patient)
            throws HL7Exception {
        record Ordered(int priority, int order, DocumentedEncounter.Coverage coverage) {}
        List<Ordered> ordered = new ArrayList<>();
        for (int i = 0; i < message.getINSURANCEReps(); i++) {
            DFT_P03_INSURANCE insurance = message.getINSURANCE(i);
            IN1 in1 = insurance.getIN1();
            if (in1.isEmpty()) {
                continue;
            }
            String at = "IN1[" + (i + 1) + "]";
            DocumentedEncounter.Coverage coverage = coverage(in1, insurance.getIN2(), patient, at);
            if (coverage == null) {
                continue;
            }
            String priority = value(in1.getCoordOfBenPriority().getValue());
            String setId = value(in1.getSetIDIN1().getValue());
            ordered.add(new Ordered(number(priority != null ? priority : setId, i + 1), i, coverage));
        }
        ordered.sort(Comparator.comparingInt(Ordered::priority).thenComparingInt(Ordered::order));
        List<DocumentedEncounter.Coverage> coverages = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            DocumentedEncounter.Coverage c = ordered.get(i).coverage();
            coverages.add(new DocumentedEncounter.Coverage(
                    DocumentedEncounter.Responsibility.atPosition(i + 1),
                    c.payer(),
                    c.subscriber(),
                    c.relationshipToSubscriber(),
                    c.groupNumber(),
                    c.groupName(),
                    c.claimFilingIndicator()));
        }
        return coverages;
    }

    private DocumentedEncounter.Coverage coverage(IN1 in1, IN2 in2, DocumentedEncounter.Patient patient, String at)
            throws HL7Exception {
        String payerId = in1.getInsuranceCompanyIDReps() > 0
                ? value(in1.getInsuranceCompanyID(0).getIDNumber().getValue())
                : null;
        String payerName = in1.getInsuranceCompanyNameReps() > 0
                ? value(in1.getInsuranceCompanyName(0).getOrganizationName().getValue())
                : null;
        if (payerId == null) {
            problem(at + "-3", Kind.REQUIRED, "IN1-3 insurance company id (the payer id) is required");
        }
        if (payerName == null) {
            problem(at + "-4", Kind.REQUIRED, "IN1-4 insurance company name is required");
        }
        String memberId = in1.getInsuredSIDNumberReps() > 0
                ? value(in1.getInsuredSIDNumber(0).getIDNumber().getValue())
                : null;
        if (memberId == null) {
            memberId = value(in1.getPolicyNumber().getValue());
        }
        if (memberId == null && !in2.isEmpty()) {
            memberId = value(in2.getPatientMemberNumber().getIDNumber().getValue());
        }
        if (memberId == null) {
            problem(at + "-49", Kind.REQUIRED, "IN1-49 insured's id (or IN1-36 policy number) is required");
        }
        Relationship relationship = Hl7Codes.relationship(
                value(in1.getInsuredSRelationshipToPatient().getIdentifier().getValue()),
                in2.isEmpty()
                        ? null
                        : value(in2.getCMSPatientSRelationshipToInsured()
                                .getIdentifier()
                                .getValue()));
        XPN insured = in1.getNameOfInsuredReps() > 0 ? in1.getNameOfInsured(0) : null;
        String family = insured == null
                ? null
                : value(insured.getFamilyName().getSurname().getValue());
        DocumentedEncounter.Subscriber subscriber;
        if (family == null && relationship == Relationship.SELF) {
            subscriber = patient == null
                    ? null
                    : new DocumentedEncounter.Subscriber(
                            memberId,
                            patient.lastName(),
                            patient.firstName(),
                            patient.middleName(),
                            patient.birthDate(),
                            patient.sex(),
                            null);
        } else if (family == null || value(insured.getGivenName().getValue()) == null) {
            problem(
                    at + "-16",
                    Kind.REQUIRED,
                    "IN1-16 name of insured is required when the patient is not the " + "insured");
            return null;
        } else {
            subscriber = new DocumentedEncounter.Subscriber(
                    memberId,
                    family,
                    value(insured.getGivenName().getValue()),
                    value(insured.getSecondAndFurtherGivenNamesOrInitialsThereof()
                            .getValue()),
                    date(in1.getInsuredSDateOfBirth().getTime().getValue(), at + "-18"),
                    Hl7Codes.sex(value(in1.getInsuredSAdministrativeSex().getValue())),
                    relationship == Relationship.SELF || in1.getInsuredSAddressReps() == 0
                            ? null
                            : optionalAddress(in1.getInsuredSAddress(0)));
        }
        String planType = value(in1.getPlanType().getValue());
        return new DocumentedEncounter.Coverage(
                DocumentedEncounter.Responsibility.OTHER,
                new DocumentedEncounter.Payer(payerId, payerName),
                subscriber,
                relationship,
                value(in1.getGroupNumber().getValue()),
                in1.getGroupNameReps() > 0
                        ? value(in1.getGroupName(0).getOrganizationName().getValue())
                        : null,
                Hl7Codes.claimFilingIndicator(planType));
    }

    private static Address optionalAddress(XAD xad) {
        String line1 = value(xad.getStreetAddress().getStreetOrMailingAddress().getValue());
        String city = value(xad.getCity().getValue());
        String state = value(xad.getStateOrProvince().getValue());
        String zip = value(xad.getZipOrPostalCode().getValue());
        return line1 == null || city == null || state == null || zip == null
                ? null
                : new Address(
                        line1, value(xad.getOtherDesignation().getValue()), city, state, zip.replace("-", ""), "US");
    }

    // --- providers, place ----------------------------------------------------------------------------------------

    private Provider person(XCN xcn, String at) {
        String npi = value(xcn.getIDNumber().getValue());
        String family = value(xcn.getFamilyName().getSurname().getValue());
        if (npi == null && family == null) {
            return null;
        }
        if (npi == null || !Npi.isValid(npi)) {
            problem(at + ".1", Kind.INVALID, at + ".1 must be the provider's NPI: " + Npi.RULE);
        }
        if (family == null) {
            problem(at + ".2", Kind.REQUIRED, at + ".2 provider family name is required");
        }
        return new Provider(
                npi, EntityType.PERSON, family, value(xcn.getGivenName().getValue()), null, null, null, null);
    }

    private static String classText(EncounterClass encounterClass) {
        return switch (encounterClass) {
            case AMBULATORY -> "Outpatient visit";
            case EMERGENCY -> "Emergency visit";
            case INPATIENT -> "Inpatient stay";
            default -> "Visit";
        };
    }

    // --- values --------------------------------------------------------------------------------------------------

    private LocalDate date(String value, String at) {
        String v = value(value);
        if (v == null) {
            return null;
        }
        if (!v.matches("\\d{8}.*")) {
            problem(at, Kind.INVALID, at + " must be a date, YYYYMMDD");
            return null;
        }
        try {
            return LocalDate.of(
                    Integer.parseInt(v.substring(0, 4)),
                    Integer.parseInt(v.substring(4, 6)),
                    Integer.parseInt(v.substring(6, 8)));
        } catch (java.time.DateTimeException e) {
            problem(at, Kind.INVALID, at + " is not a valid calendar date");
            return null;
        }
    }

    private static int number(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String value(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private DocumentedEncounter.Patient missing(String location, String message) {
        problem(location, Kind.REQUIRED, message);
        return null;
    }

    private void problem(String location, Kind kind, String message) {
        problems.add(new Problem(location, kind, message));
    }
}
