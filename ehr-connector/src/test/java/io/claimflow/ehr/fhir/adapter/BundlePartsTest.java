package io.claimflow.ehr.fhir.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.ehr.intake.Problem;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** The parts BundleMapper is built from, one by one: references, the window, the notices, the pure readings. */
class BundlePartsTest {

    @Test
    void conditionalReferencesAreParsedEncodedOrNot() {
        assertThat(BundleReferences.conditional(
                        "Organization?identifier=https://github.com/synthetichealth/synthea|" + "1e3ca321"))
                .hasValueSatisfying(p -> assertThat(p)
                        .containsExactly("Organization", "https://github.com/synthetichealth/synthea", "1e3ca321"));
        assertThat(BundleReferences.conditional(
                        "Practitioner?identifier=http%3A%2F%2Fhl7.org%2Ffhir%2Fsid%2Fus-npi" + "%7C9999942599"))
                .hasValueSatisfying(p ->
                        assertThat(p).containsExactly("Practitioner", "http://hl7.org/fhir/sid/us-npi", "9999942599"));
        assertThat(BundleReferences.conditional("Patient/123")).isEmpty();
        assertThat(BundleReferences.conditional("Patient?name=smith")).isEmpty();
        assertThat(BundleReferences.conditional("Patient?identifier=|123")).isEmpty();
        assertThat(BundleReferences.conditional("Patient?identifier=sys|1&active=true"))
                .isEmpty();
    }

    @Test
    void aConditionalReferenceIsResolvedInTheBundleBeforeTheDirectoryAndMarksItsTargetUsed() {
        Organization inBundle = new Organization().setName("In the bundle");
        inBundle.addIdentifier(new Identifier().setSystem("urn:sys").setValue("1"));
        Bundle bundle = new Bundle();
        bundle.addEntry().setFullUrl("urn:uuid:a").setResource(inBundle);
        Organization fromDirectory = new Organization().setName("From the directory");
        BundleReferences refs = new BundleReferences(
                bundle, (type, system, value) -> "2".equals(value) ? Optional.of(fromDirectory) : Optional.empty());

        assertThat(refs.resolve(new Reference("Organization?identifier=urn:sys|1")))
                .containsSame(inBundle);
        assertThat(refs.resolve(new Reference("Organization?identifier=urn:sys|2")))
                .containsSame(fromDirectory);
        assertThat(refs.resolve(new Reference("Organization?identifier=urn:sys|3")))
                .isEmpty();
        assertThat(refs.resolve(new Reference()
                        .setType("Organization")
                        .setIdentifier(new Identifier().setSystem("urn:sys").setValue("1"))))
                .containsSame(inBundle);
        assertThat(refs.isUsed(inBundle)).isTrue();
        assertThat(refs.isEntry(fromDirectory)).isFalse();
    }

    @Test
    void theWindowKeepsEncountersFromItsFirstDayAndCountsTheOthersByClass() {
        Encounter before = encounter("2025-12-05", "AMB", Encounter.EncounterStatus.FINISHED);
        Encounter firstDay = encounter("2025-12-06", "AMB", Encounter.EncounterStatus.FINISHED);
        Encounter emergencyBefore = encounter("2020-01-01", "EMER", Encounter.EncounterStatus.FINISHED);
        Encounter inProgress = encounter("2026-12-01", "AMB", Encounter.EncounterStatus.INPROGRESS);
        Encounter noDate = new Encounter().setStatus(Encounter.EncounterStatus.FINISHED);

        EncounterWindow.Slice slice = new EncounterWindow(LocalDate.of(2025, 12, 6))
                .slice(List.of(before, firstDay, emergencyBefore, inProgress, noDate));

        assertThat(slice.finished()).containsExactly(firstDay, noDate);
        assertThat(slice.outside()).containsExactly(before, emergencyBefore);
        assertThat(slice.unfinished()).containsExactly(inProgress);
        assertThat(slice.notices())
                .extracting(Problem::message)
                .containsExactly(
                        "2 Encounter(s) dated before 2025-12-06, the start of the look-back window "
                                + "(claimflow.ehr.fhir.look-back-days), were not published (AMB 1, EMER 1)",
                        "1 Encounter(s) in the window were not published: only finished encounters are documented for "
                                + "billing (AMB 1)");
    }

    @Test
    void withoutAWindowEveryEncounterIsIn() {
        Encounter old = encounter("1999-01-01", "AMB", Encounter.EncounterStatus.FINISHED);

        assertThat(new EncounterWindow(null).slice(List.of(old)).finished()).containsExactly(old);
    }

    @Test
    void noticesAreGivenOnceWithACountAndResourcesNotReadByType() {
        Notices notices = new Notices();
        Problem warning = new Problem("Bundle.entry[1].resource", Problem.Kind.DEFAULTED, "the same warning");
        notices.add(warning);
        notices.add(new Problem("Bundle.entry[9].resource", Problem.Kind.DEFAULTED, "the same warning"));
        Bundle bundle = new Bundle();
        bundle.addEntry().setResource(new Observation());
        bundle.addEntry().setResource(new Observation());
        bundle.addEntry().setResource(new Organization());
        BundleReferences refs = new BundleReferences(bundle);
        refs.use(bundle.getEntry().get(2).getResource());

        notices.notRead(refs);

        assertThat(notices.list())
                .extracting(Problem::message)
                .containsExactly(
                        "the same warning (and 1 more time(s) in this bundle)",
                        "2 Observation resource(s) not read (what is read: EHR integration guide; nothing of encounters not "
                                + "published)");
    }

    @Test
    void pureReadings() {
        assertThat(FhirValues.ndc11("0409-4888-02")).isEqualTo("00409488802");
        assertThat(FhirValues.firstNonNull(null, " ", "x")).isEqualTo("x");
        assertThat(FhirValues.identifier(
                        List.of(
                                new Identifier().setSystem("a").setValue("1"),
                                new Identifier().setSystem("b").setValue("2")),
                        "b"))
                .isEqualTo("2");
    }

    private static Encounter encounter(String date, String cls, Encounter.EncounterStatus status) {
        Encounter encounter = new Encounter()
                .setStatus(status)
                .setPeriod(new Period().setStartElement(new DateTimeType(date + "T10:00:00+00:00")));
        encounter.getClass_().setCode(cls);
        return encounter;
    }
}
