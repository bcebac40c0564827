package io.claimflow.ehr.fhir.adapter;

import static io.claimflow.ehr.fhir.adapter.FhirValues.given;
import static io.claimflow.ehr.fhir.adapter.FhirValues.name;
import static io.claimflow.ehr.fhir.adapter.FhirValues.relationship;
import static io.claimflow.ehr.fhir.adapter.FhirValues.sex;

import io.claimflow.ehr.intake.DocumentedEncounter;
import io.claimflow.ehr.intake.Problem.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Resource;

/**
 * The patient's insurance from its active Coverage resources, in Coverage.order (required when there is more than
 * one): the payer Organization (its NIIP identifier, else its first, as the payer id), the member id, the subscriber
 * (the patient, a RelatedPerson or another Patient), group and claim filing indicator. A Patient or RelatedPerson as
 * payor is self-pay, no coverage to bill.
 */
final class Coverages {

    private final MappingContext context;
    private final BundleReferences refs;
    private final Patients patients;

    Coverages(MappingContext context, Patients patients) {
        this.context = context;
        this.refs = context.refs();
        this.patients = patients;
    }

    List<DocumentedEncounter.Coverage> of(Patient patient) {
        record Ordered(int order, Coverage resource) {}
        List<Ordered> ordered = new ArrayList<>();
        List<Coverage> all = refs.all(Coverage.class).stream()
                .filter(c -> refs.pointsTo(c.getBeneficiary(), patient))
                .filter(c -> !c.hasStatus() || c.getStatus() == Coverage.CoverageStatus.ACTIVE)
                // self-pay: a Patient or RelatedPerson (guarantor) as payor is no insurance coverage to bill
                .filter(c -> c.getPayor().stream()
                        .map(p -> refs.resolve(p).orElse(null))
                        .noneMatch(p -> p instanceof Patient || p instanceof RelatedPerson))
                .toList();
        all.forEach(refs::use);
        for (Coverage coverage : all) {
            if (!coverage.hasOrder() && all.size() > 1) {
                context.problem(
                        refs.path(coverage) + ".order",
                        Kind.REQUIRED,
                        "Coverage.order is required when the patient has more than one coverage");
                continue;
            }
            ordered.add(new Ordered(coverage.hasOrder() ? coverage.getOrder() : 1, coverage));
        }
        ordered.sort(Comparator.comparingInt(Ordered::order));
        List<DocumentedEncounter.Coverage> coverages = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            if (i > 0 && ordered.get(i).order() == ordered.get(i - 1).order()) {
                context.problem(
                        refs.path(ordered.get(i).resource()) + ".order",
                        Kind.INVALID,
                        "two coverages of the patient have the same Coverage.order");
            }
            DocumentedEncounter.Coverage coverage = coverage(ordered.get(i).resource(), patient, i + 1);
            if (coverage != null) {
                coverages.add(coverage);
            }
        }
        return coverages;
    }

    private DocumentedEncounter.Coverage coverage(Coverage coverage, Patient patient, int position) {
        String at = refs.path(coverage);
        Organization payor = coverage.hasPayor()
                ? context.resolveRequired(
                        coverage.getPayorFirstRep(),
                        Organization.class,
                        at + ".payor[0]",
                        "an Organization in the bundle")
                : null;
        if (!coverage.hasPayor()) {
            context.problem(at + ".payor", Kind.REQUIRED, "Coverage.payor is required");
        }
        DocumentedEncounter.Payer payer = null;
        if (payor != null) {
            String payerId = payor.getIdentifier().stream()
                    .filter(Identifier::hasValue)
                    .filter(i -> i.getType().getCoding().stream().anyMatch(c -> "NIIP".equals(c.getCode())))
                    .map(Identifier::getValue)
                    .findFirst()
                    .orElse(payor.getIdentifier().stream()
                            .filter(Identifier::hasValue)
                            .map(Identifier::getValue)
                            .findFirst()
                            .orElse(null));
            if (payerId == null) {
                context.problem(
                        refs.path(payor) + ".identifier",
                        Kind.REQUIRED,
                        "the payer Organization needs an identifier (its electronic payer id)");
            }
            if (!payor.hasName()) {
                context.problem(refs.path(payor) + ".name", Kind.REQUIRED, "the payer Organization needs a name");
            }
            payer = new DocumentedEncounter.Payer(payerId, payor.getName());
        }
        DocumentedEncounter.Relationship relationship = relationship(coverage.getRelationship());
        String memberId = memberId(coverage);
        if (memberId == null) {
            context.problem(
                    at + ".subscriberId",
                    Kind.REQUIRED,
                    "Coverage.subscriberId (or an identifier of type MB) is required");
        }
        DocumentedEncounter.Subscriber subscriber = null;
        Resource holder = coverage.hasSubscriber()
                ? refs.resolve(coverage.getSubscriber()).orElse(null)
                : null;
        if (coverage.hasSubscriber() && holder == null) {
            context.problem(
                    at + ".subscriber",
                    Kind.UNRESOLVED_REFERENCE,
                    "Coverage.subscriber does not point to a resource in the bundle");
        } else if (holder == null && relationship != DocumentedEncounter.Relationship.SELF) {
            context.problem(
                    at + ".subscriber",
                    Kind.REQUIRED,
                    "Coverage.subscriber is required when the patient is not the subscriber");
        } else if (holder == null || holder == patient) {
            subscriber = patients.asSubscriber(memberId, patient);
        } else if (holder instanceof RelatedPerson person) {
            subscriber = subscriber(
                    memberId,
                    person.getName(),
                    person.getBirthDateElement(),
                    person.getGender(),
                    person.getAddress(),
                    refs.path(person));
        } else if (holder instanceof Patient other) {
            subscriber = subscriber(
                    memberId,
                    other.getName(),
                    other.getBirthDateElement(),
                    other.getGender(),
                    other.getAddress(),
                    refs.path(other));
        } else {
            context.problem(at + ".subscriber", Kind.INVALID, "Coverage.subscriber must be a Patient or RelatedPerson");
        }
        String groupNumber = null;
        String groupName = null;
        for (Coverage.ClassComponent cls : coverage.getClass_()) {
            if (cls.getType().getCoding().stream().anyMatch(c -> "group".equals(c.getCode()))) {
                groupNumber = cls.getValue();
                groupName = cls.getName();
            }
        }
        String filing = coverage.getType().getCoding().stream()
                .filter(c -> FhirTerms.CLAIM_FILING_INDICATOR.equals(c.getSystem()))
                .map(Coding::getCode)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null); // a coding without a code: none
        return new DocumentedEncounter.Coverage(
                DocumentedEncounter.Responsibility.atPosition(position),
                payer,
                subscriber,
                relationship,
                groupNumber,
                groupName,
                filing);
    }

    private DocumentedEncounter.Subscriber subscriber(
            String memberId,
            List<HumanName> names,
            org.hl7.fhir.r4.model.DateType birthDate,
            Enumerations.AdministrativeGender gender,
            List<org.hl7.fhir.r4.model.Address> addresses,
            String at) {
        HumanName name = name(names);
        if (name == null || !name.hasFamily() || !name.hasGiven()) {
            context.problem(at + ".name", Kind.REQUIRED, "the subscriber needs a name with family and given");
            name = new HumanName();
        }
        return new DocumentedEncounter.Subscriber(
                memberId,
                name.getFamily(),
                given(name, 0),
                given(name, 1),
                birthDate != null && birthDate.hasValue() ? context.localDate(birthDate, at + ".birthDate") : null,
                sex(gender),
                addresses.isEmpty() ? null : context.address(addresses.get(0), at + ".address"));
    }

    /** The member id: Coverage.subscriberId, else an identifier of type MB; null without either. */
    static String memberId(Coverage coverage) {
        return coverage.hasSubscriberId()
                ? coverage.getSubscriberId()
                : coverage.getIdentifier().stream()
                        .filter(Identifier::hasValue)
                        .filter(i -> i.getType().getCoding().stream().anyMatch(c -> "MB".equals(c.getCode())))
                        .map(Identifier::getValue)
                        .findFirst()
                        .orElse(null);
    }
}
