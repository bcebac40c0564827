package io.claimflow.ehr.fhir.adapter;

import static io.claimflow.ehr.fhir.adapter.FhirValues.given;
import static io.claimflow.ehr.fhir.adapter.FhirValues.mrn;
import static io.claimflow.ehr.fhir.adapter.FhirValues.name;
import static io.claimflow.ehr.fhir.adapter.FhirValues.sex;

import io.claimflow.ehr.intake.DocumentedEncounter;
import io.claimflow.ehr.intake.DocumentedEncounter.Address;
import io.claimflow.ehr.intake.Problem.Kind;
import java.time.LocalDate;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;

/** The patient of an encounter: medical record number, name, birth date, sex and home address, all required. */
final class Patients {

    private final MappingContext context;

    Patients(MappingContext context) {
        this.context = context;
    }

    DocumentedEncounter.Patient patient(Patient patient) {
        String at = context.refs().path(patient);
        String mrn = mrn(patient.getIdentifier());
        if (mrn == null) {
            context.problem(
                    at + ".identifier", Kind.REQUIRED, "Patient.identifier (the medical record number) is required");
        }
        HumanName name = name(patient.getName());
        if (name == null || !name.hasFamily() || !name.hasGiven()) {
            context.problem(at + ".name", Kind.REQUIRED, "Patient.name with family and given is required");
            name = new HumanName();
        }
        LocalDate birthDate = null;
        if (!patient.hasBirthDate()) {
            context.problem(at + ".birthDate", Kind.REQUIRED, "Patient.birthDate is required");
        } else {
            birthDate = context.localDate(patient.getBirthDateElement(), at + ".birthDate");
        }
        Address address = null;
        if (!patient.hasAddress()) {
            context.problem(
                    at + ".address", Kind.REQUIRED, "Patient.address (for statements and the claim) is required");
        } else {
            org.hl7.fhir.r4.model.Address home = patient.getAddress().stream()
                    .filter(a -> a.getUse() == org.hl7.fhir.r4.model.Address.AddressUse.HOME)
                    .findFirst()
                    .orElse(patient.getAddressFirstRep());
            address = context.address(home, at + ".address");
        }
        return new DocumentedEncounter.Patient(
                mrn,
                name.getFamily(),
                given(name, 0),
                given(name, 1),
                name.hasSuffix() ? name.getSuffix().get(0).getValue() : null,
                birthDate,
                sex(patient.getGender()),
                address);
    }

    /** The patient as the subscriber of a coverage (the patient is the insured): no address, as the claim wants. */
    DocumentedEncounter.Subscriber asSubscriber(String memberId, Patient patient) {
        HumanName name = name(patient.getName());
        return new DocumentedEncounter.Subscriber(
                memberId,
                name == null ? null : name.getFamily(),
                given(name, 0),
                given(name, 1),
                patient.hasBirthDate()
                        ? context.localDate(
                                patient.getBirthDateElement(), context.refs().path(patient) + ".birthDate")
                        : null,
                sex(patient.getGender()),
                null);
    }
}
