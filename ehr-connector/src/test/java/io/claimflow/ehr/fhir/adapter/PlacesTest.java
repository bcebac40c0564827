package io.claimflow.ehr.fhir.adapter;

import static io.claimflow.ehr.fhir.adapter.Fixtures.context;
import static io.claimflow.ehr.fhir.adapter.Fixtures.encounter;
import static io.claimflow.ehr.fhir.adapter.Fixtures.found;
import static io.claimflow.ehr.fhir.adapter.Fixtures.ref;
import static io.claimflow.ehr.fhir.adapter.Fixtures.withId;
import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.ehr.intake.DocumentedEncounter.EncounterClass;
import io.claimflow.ehr.intake.DocumentedEncounter.Facility;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Location;
import org.junit.jupiter.api.Test;

/** The place of service (extension, then Location.type, then the encounter class) and the service facility. */
class PlacesTest {

    @Test
    void theExtensionComesBeforeTheLocationsTypeWhichComesBeforeTheClass() {
        Location urgentCare = withId(new Location().setName("Riverside Urgent Care"), "l1");
        urgentCare.addType().addCoding().setSystem(FhirTerms.PLACE_OF_SERVICE).setCode("20");
        Encounter withExtension = encounter("a");
        withExtension.addExtension(FhirTerms.EXT_PLACE_OF_SERVICE, new CodeType("22"));
        MappingContext context = context(urgentCare);
        Places places = new Places(context);

        assertThat(places.placeOfService(withExtension, urgentCare, EncounterClass.AMBULATORY, "A"))
                .isEqualTo("22");
        assertThat(places.placeOfService(encounter("b"), urgentCare, EncounterClass.AMBULATORY, "B"))
                .isEqualTo("20");
        assertThat(places.placeOfService(encounter("c"), null, EncounterClass.VIRTUAL, "C"))
                .isEqualTo("02");
        assertThat(context.problems()).isEmpty();
    }

    @Test
    void aPlaceOfServiceIsTwoDigitsAndAnEncounterOfNoKnownClassNeedsOne() {
        Encounter wrong = encounter("a");
        wrong.addExtension(FhirTerms.EXT_PLACE_OF_SERVICE, new CodeType("2A"));
        MappingContext context = context();
        Places places = new Places(context);

        assertThat(places.placeOfService(wrong, null, EncounterClass.AMBULATORY, "A"))
                .isNull();
        assertThat(places.placeOfService(encounter("b"), null, EncounterClass.OTHER, "B"))
                .isNull();
        Location threeDigits = withId(new Location().setName("Clinic"), "l1");
        threeDigits.addType().addCoding().setSystem(FhirTerms.PLACE_OF_SERVICE).setCode("111");
        assertThat(places.placeOfService(encounter("c"), threeDigits, EncounterClass.AMBULATORY, "C"))
                .isNull();
        assertThat(found(context.problems()))
                .containsExactly("A.extension INVALID", "B.class REQUIRED", "Location.type INVALID");
    }

    @Test
    void theLocationMustResolveWhenTheEncounterNamesOne() {
        Location clinic = withId(new Location().setName("Clinic"), "l1");
        Encounter at = encounter("a");
        at.addLocation().setLocation(ref(clinic));
        Encounter dangling = encounter("b");
        dangling.addLocation().setLocation(ref(withId(new Location(), "elsewhere")));
        MappingContext context = context(clinic);
        Places places = new Places(context);

        assertThat(places.location(at, "A")).isSameAs(clinic);
        assertThat(places.location(encounter("c"), "C")).isNull();
        assertThat(places.location(dangling, "B")).isNull();
        assertThat(found(context.problems())).containsExactly("B.location[0].location UNRESOLVED_REFERENCE");
    }

    @Test
    void aFacilityHasANameAndAnAddressAndIsNamedByItsIdElseItsIdentifier() {
        Location withoutId = new Location().setName("Riverside Imaging");
        withoutId.addIdentifier(new Identifier().setSystem(FhirTerms.NPI).setValue("1234567893"));
        withoutId
                .getAddress()
                .addLine("2 River Rd")
                .setCity("Columbus")
                .setState("OH")
                .setPostalCode("43215");
        Location noAddress = withId(new Location().setName("Somewhere"), "l2");
        Location badAddress = withId(new Location().setName("Half an address"), "l3");
        badAddress.getAddress().addLine("3 River Rd").setCity("Columbus");
        MappingContext context = context(withoutId, noAddress, badAddress);
        Places places = new Places(context);

        Facility facility = places.facility(withoutId);
        assertThat(facility.facilityId()).isEqualTo("1234567893");
        assertThat(facility.npi()).isEqualTo("1234567893");
        assertThat(facility.address().postalCode()).isEqualTo("43215");
        assertThat(places.facility(noAddress)).isNull();
        assertThat(places.facility(badAddress)).isNull();
        assertThat(found(context.problems())).containsExactly("Bundle.entry[2].resource.address REQUIRED");
    }
}
