package io.claimflow.ehr.fhir.adapter;

import io.claimflow.ehr.intake.Problem;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/** FHIR resources built in code for the tests of the mapper's parts, and the context they are read in. */
final class Fixtures {

    private Fixtures() {}

    /** A collection bundle holding the resources as its entries (each found by {@code Type/id}). */
    static Bundle bundle(Resource... resources) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        for (Resource resource : resources) {
            bundle.addEntry().setResource(resource);
        }
        return bundle;
    }

    static MappingContext context(Resource... resources) {
        return context(MappingSettings.of("riverside-fm"), resources);
    }

    static MappingContext context(MappingSettings settings, Resource... resources) {
        return new MappingContext(settings, bundle(resources));
    }

    static <T extends Resource> T withId(T resource, String id) {
        resource.setId(id);
        return resource;
    }

    static Reference ref(Resource resource) {
        return new Reference(resource.fhirType() + "/" + resource.getIdElement().getIdPart());
    }

    static Encounter encounter(String id) {
        return withId(new Encounter().setStatus(Encounter.EncounterStatus.FINISHED), id);
    }

    /** A patient with everything required: MRN, name, birth date, sex and a home address. */
    static Patient patient(String id) {
        Patient patient = withId(new Patient(), id);
        patient.addIdentifier(new Identifier().setSystem("urn:mrn").setValue("MRN-" + id));
        patient.addName().setFamily("Doe").addGiven("Jane").addGiven("Q");
        patient.setBirthDateElement(new DateType("1970-01-02"));
        patient.setGender(Enumerations.AdministrativeGender.FEMALE);
        patient.addAddress()
                .addLine("1 Main St")
                .setCity("Columbus")
                .setState("OH")
                .setPostalCode("43215-1234");
        return patient;
    }

    static HumanName name(String family, String given) {
        return new HumanName().setFamily(family).addGiven(given);
    }

    /** The problems as "location kind", for assertions that name both. */
    static List<String> found(List<Problem> problems) {
        return problems.stream().map(p -> p.location() + " " + p.kind()).toList();
    }
}
