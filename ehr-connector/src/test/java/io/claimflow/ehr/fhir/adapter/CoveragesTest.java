package io.claimflow.ehr.fhir.adapter;

import static io.claimflow.ehr.fhir.adapter.Fixtures.context;
import static io.claimflow.ehr.fhir.adapter.Fixtures.found;
import static io.claimflow.ehr.fhir.adapter.Fixtures.patient;
import static io.claimflow.ehr.fhir.adapter.Fixtures.ref;
import static io.claimflow.ehr.fhir.adapter.Fixtures.withId;
import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.ehr.intake.DocumentedEncounter;
import io.claimflow.ehr.intake.DocumentedEncounter.Relationship;
import io.claimflow.ehr.intake.DocumentedEncounter.Responsibility;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.junit.jupiter.api.Test;

/** The patient's active Coverages in order: payer, member id, subscriber, group and claim filing indicator. */
class CoveragesTest {

    @Test
    void coveragesAreInTheirOrderWithThePayerIdTheMemberIdGroupAndFilingIndicator() {
        Patient patient = patient("p1");
        Organization medicare = payer("o1", "Medicare Part B", "MCR01");
        medicare.getIdentifier().add(0, new Identifier().setValue("internal-7"));
        Organization aetna = payer("o2", "Aetna", "60054");
        Coverage secondary = coverage(patient, aetna, 2).setSubscriberId("W123");
        secondary
                .addClass_()
                .setType(new CodeableConcept(new Coding().setCode("group")))
                .setValue("G-77")
                .setName("Acme Corp");
        Coverage primary = coverage(patient, medicare, 1);
        primary.addIdentifier().setValue("1EG4-TE5-MK73").setType(new CodeableConcept(new Coding().setCode("MB")));
        primary.getType()
                .addCoding()
                .setSystem(FhirTerms.CLAIM_FILING_INDICATOR)
                .setCode("MB");
        Coverage cancelled = coverage(patient, aetna, 3).setStatus(Coverage.CoverageStatus.CANCELLED);
        Coverage selfPay = coverage(patient, medicare, 4);
        selfPay.getPayor().set(0, ref(patient));
        Coverage someoneElses = coverage(patient("p2"), aetna, 5);
        MappingContext context =
                context(patient, medicare, aetna, secondary, primary, cancelled, selfPay, someoneElses);

        List<DocumentedEncounter.Coverage> coverages = coverages(context).of(patient);

        assertThat(context.problems()).isEmpty();
        assertThat(coverages)
                .extracting(DocumentedEncounter.Coverage::responsibility)
                .containsExactly(Responsibility.PRIMARY, Responsibility.SECONDARY);
        DocumentedEncounter.Coverage first = coverages.get(0);
        assertThat(first.payer()).isEqualTo(new DocumentedEncounter.Payer("MCR01", "Medicare Part B"));
        assertThat(first.subscriber().memberId()).isEqualTo("1EG4-TE5-MK73");
        assertThat(first.subscriber().lastName()).isEqualTo("Doe");
        assertThat(first.relationshipToSubscriber()).isEqualTo(Relationship.SELF);
        assertThat(first.claimFilingIndicator()).isEqualTo("MB");
        DocumentedEncounter.Coverage second = coverages.get(1);
        assertThat(second.subscriber().memberId()).isEqualTo("W123");
        assertThat(second.groupNumber()).isEqualTo("G-77");
        assertThat(second.groupName()).isEqualTo("Acme Corp");
    }

    @Test
    void twoCoveragesNeedAnOrderAndNotTheSameOne() {
        Patient patient = patient("p1");
        Organization aetna = payer("o1", "Aetna", "60054");
        Coverage a = coverage(patient, aetna, 1).setSubscriberId("A");
        Coverage b = coverage(patient, aetna, 1).setSubscriberId("B");
        Coverage unordered = coverage(patient, aetna, 1).setSubscriberId("C");
        unordered.setOrderElement(null);
        MappingContext context = context(patient, aetna, a, b, unordered);

        coverages(context).of(patient);

        assertThat(found(context.problems()))
                .containsExactly("Bundle.entry[4].resource.order REQUIRED", "Bundle.entry[3].resource.order INVALID");
    }

    @Test
    void aRelatedPersonSubscribesForAChildAndOtherwiseTheSubscriberIsRequired() {
        Patient child = patient("p1");
        Organization aetna = payer("o1", "Aetna", "60054");
        RelatedPerson mother = withId(new RelatedPerson(), "rp1");
        mother.addName().setFamily("Doe").addGiven("Mary");
        mother.setBirthDateElement(new DateType("1975-05-06"));
        mother.addAddress()
                .addLine("1 Main St")
                .setCity("Columbus")
                .setState("OH")
                .setPostalCode("43215");
        Coverage throughMother =
                coverage(child, aetna, 1).setSubscriberId("F-1").setSubscriber(ref(mother));
        throughMother
                .getRelationship()
                .addCoding()
                .setSystem(FhirTerms.SUBSCRIBER_RELATIONSHIP)
                .setCode("child");
        MappingContext context = context(child, aetna, mother, throughMother);

        DocumentedEncounter.Coverage coverage = coverages(context).of(child).get(0);

        assertThat(coverage.relationshipToSubscriber()).isEqualTo(Relationship.CHILD);
        assertThat(coverage.subscriber().firstName()).isEqualTo("Mary");
        assertThat(coverage.subscriber().address().line1()).isEqualTo("1 Main St");

        Coverage nobody = coverage(child, aetna, 1).setSubscriberId("F-2");
        nobody.getRelationship().addCoding().setCode("spouse");
        MappingContext without = context(child, aetna, nobody);
        coverages(without).of(child);
        assertThat(found(without.problems())).containsExactly("Bundle.entry[2].resource.subscriber REQUIRED");
    }

    @Test
    void aPayerNeedsAnIdentifierAndANameAndACoverageAMemberId() {
        Patient patient = patient("p1");
        Organization anonymous = withId(new Organization(), "o1");
        Coverage coverage = coverage(patient, anonymous, 1);
        MappingContext context = context(patient, anonymous, coverage);

        coverages(context).of(patient);

        assertThat(found(context.problems()))
                .containsExactly(
                        "Bundle.entry[1].resource.identifier REQUIRED",
                        "Bundle.entry[1].resource.name REQUIRED",
                        "Bundle.entry[2].resource.subscriberId REQUIRED");
    }

    static Coverages coverages(MappingContext context) {
        return new Coverages(context, new Patients(context));
    }

    static Organization payer(String id, String name, String payerId) {
        Organization organization = withId(new Organization().setName(name), id);
        organization.addIdentifier().setValue(payerId).setType(new CodeableConcept(new Coding().setCode("NIIP")));
        return organization;
    }

    static Coverage coverage(Patient beneficiary, Organization payer, int order) {
        Coverage coverage = new Coverage().setStatus(Coverage.CoverageStatus.ACTIVE);
        coverage.setBeneficiary(ref(beneficiary));
        coverage.addPayor(ref(payer));
        coverage.setOrder(order);
        return coverage;
    }
}
