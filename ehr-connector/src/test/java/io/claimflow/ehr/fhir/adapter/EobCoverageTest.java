package io.claimflow.ehr.fhir.adapter;

import static io.claimflow.ehr.fhir.adapter.Fixtures.context;
import static io.claimflow.ehr.fhir.adapter.Fixtures.encounter;
import static io.claimflow.ehr.fhir.adapter.Fixtures.patient;
import static io.claimflow.ehr.fhir.adapter.Fixtures.ref;
import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.ehr.config.EhrProperties;
import io.claimflow.ehr.intake.DocumentedEncounter;
import io.claimflow.ehr.intake.DocumentedEncounter.Responsibility;
import io.claimflow.ehr.intake.Problem;
import io.claimflow.ehr.intake.Problem.Kind;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.ExplanationOfBenefit;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** Coverage named only by its payer inside the encounter's ExplanationOfBenefit, and the tenant's payer mapping. */
class EobCoverageTest {

    final Patient patient = patient("p1");
    final Encounter encounter = encounter("e1");

    static MappingSettings payers(Map<String, String> ids, String defaultPayerId, boolean mrnAsMemberId) {
        return new MappingSettings(
                "riverside-fm",
                null,
                null,
                null,
                ResourceDirectory.NONE,
                new EhrProperties.Payers(ids, defaultPayerId, List.of("NO_INSURANCE"), mrnAsMemberId));
    }

    @Test
    void aMappedPayerNameWithTheContainedSubscriberIdIsThePrimaryCoverage() {
        ExplanationOfBenefit eob = eob(encounter, "Humana", "H-123");
        MappingContext context = context(payers(Map.of("Humana", "61101"), null, false), patient, encounter, eob);

        List<DocumentedEncounter.Coverage> coverages = eobCoverage(context).of(encounter, patient, "MRN-p1");

        assertThat(coverages).singleElement().satisfies(c -> {
            assertThat(c.responsibility()).isEqualTo(Responsibility.PRIMARY);
            assertThat(c.payer()).isEqualTo(new DocumentedEncounter.Payer("61101", "Humana"));
            assertThat(c.subscriber().memberId()).isEqualTo("H-123");
            assertThat(c.subscriber().lastName()).isEqualTo("Doe");
        });
        assertThat(context.notices().list()).isEmpty();
        assertThat(context.refs().isUsed(eob)).isTrue();
    }

    @Test
    void withoutAMemberIdTheMrnStandsInOnlyWhenConfigured() {
        ExplanationOfBenefit eob = eob(encounter, "Medicare", null);

        MappingContext mrn = context(payers(Map.of(), "00000", true), patient, encounter, eob);
        assertThat(eobCoverage(mrn).of(encounter, patient, "MRN-p1"))
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.subscriber().memberId()).isEqualTo("MRN-p1");
                    assertThat(c.payer().payerId()).isEqualTo("00000");
                });
        assertThat(mrn.notices().list()).extracting(Problem::kind).containsExactly(Kind.DEFAULTED);

        MappingContext no = context(payers(Map.of(), "00000", false), patient, encounter, eob);
        assertThat(eobCoverage(no).of(encounter, patient, "MRN-p1")).isEmpty();
        assertThat(no.notices().list()).extracting(Problem::kind).containsExactly(Kind.DEFAULTED);
        assertThat(no.problems()).isEmpty();
    }

    @Test
    void aSelfPayOrUnmappedNameIsNoCoverageAndAnotherEncountersEobIsNotRead() {
        MappingContext selfPay =
                context(payers(Map.of(), "00000", true), patient, encounter, eob(encounter, "no_insurance", "X"));
        assertThat(eobCoverage(selfPay).of(encounter, patient, "MRN-p1")).isEmpty();
        assertThat(selfPay.notices().list())
                .singleElement()
                .satisfies(n -> assertThat(n.message()).contains("self-pay"));

        MappingContext unmapped =
                context(payers(Map.of("Humana", "61101"), null, true), patient, encounter, eob(encounter, "Acme", "X"));
        assertThat(eobCoverage(unmapped).of(encounter, patient, "MRN-p1")).isEmpty();
        assertThat(unmapped.notices().list())
                .singleElement()
                .satisfies(n -> assertThat(n.kind()).isEqualTo(Kind.NOT_USED));

        Encounter other = encounter("e2");
        ExplanationOfBenefit aboutOther = eob(other, "Humana", "H-1");
        MappingContext elsewhere =
                context(payers(Map.of("Humana", "61101"), null, false), patient, encounter, other, aboutOther);
        assertThat(eobCoverage(elsewhere).of(encounter, patient, "MRN-p1")).isEmpty();
        assertThat(elsewhere.refs().isUsed(aboutOther)).isFalse();
    }

    static EobCoverage eobCoverage(MappingContext context) {
        return new EobCoverage(context, new Patients(context));
    }

    /** As Synthea writes it: a contained Coverage whose payor is only a display name. */
    static ExplanationOfBenefit eob(Encounter about, String payerName, String subscriberId) {
        ExplanationOfBenefit eob = new ExplanationOfBenefit();
        Coverage contained = new Coverage();
        contained.setId("coverage");
        contained.addPayor(new Reference().setDisplay(payerName));
        if (subscriberId != null) {
            contained.setSubscriberId(subscriberId);
        }
        eob.addContained(contained);
        eob.addInsurance().setCoverage(new Reference("#coverage"));
        eob.addItem().addEncounter(ref(about));
        return eob;
    }
}
