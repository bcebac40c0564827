package io.claimflow.ehr.fhir.adapter;

import static io.claimflow.ehr.fhir.adapter.FhirTerms.NPI;
import static io.claimflow.ehr.fhir.adapter.FhirValues.codeValue;
import static io.claimflow.ehr.fhir.adapter.FhirValues.identifier;

import io.claimflow.ehr.intake.DocumentedEncounter;
import io.claimflow.ehr.intake.DocumentedEncounter.Address;
import io.claimflow.ehr.intake.DocumentedEncounter.EncounterClass;
import io.claimflow.ehr.intake.Problem.Kind;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Location;

/** Where the visit took place: the Encounter's Location, the CMS place of service, the service facility. */
final class Places {

    private final MappingContext context;

    Places(MappingContext context) {
        this.context = context;
    }

    /** The first Encounter.location, which must resolve to a Location; null when the Encounter names none. */
    Location location(Encounter encounter, String at) {
        if (!encounter.hasLocation()) {
            return null;
        }
        return context.resolveRequired(
                encounter.getLocationFirstRep().getLocation(),
                Location.class,
                at + ".location[0].location",
                "a Location in the bundle");
    }

    /** CMS place of service: extension, Location.type, else derived from the encounter class. */
    String placeOfService(Encounter encounter, Location location, EncounterClass encounterClass, String at) {
        Extension extension = encounter.getExtensionByUrl(FhirTerms.EXT_PLACE_OF_SERVICE);
        if (extension != null && extension.getValue() != null) {
            return checked(codeValue(extension.getValue()), at + ".extension");
        }
        if (location != null) {
            for (CodeableConcept type : location.getType()) {
                for (Coding coding : type.getCoding()) {
                    if (FhirTerms.PLACE_OF_SERVICE.equals(coding.getSystem())) {
                        return checked(coding.getCode(), context.refs().path(location) + ".type");
                    }
                }
            }
        }
        String derived = encounterClass.placeOfService();
        if (derived == null) {
            context.problem(
                    at + ".class",
                    Kind.REQUIRED,
                    "no place of service: give Location.type with a CMS place of "
                            + "service code, or an Encounter.class of AMB, VR, EMER, IMP or HH");
        }
        return derived;
    }

    private String checked(String code, String at) {
        if (code == null || !code.matches("\\d{2}")) {
            context.problem(at, Kind.INVALID, "a place of service is a two-digit CMS code");
            return null;
        }
        return code;
    }

    /** The service facility: a Location with a name and an address; its id, else an identifier, else its name. */
    DocumentedEncounter.Facility facility(Location location) {
        if (location == null || !location.hasAddress() || !location.hasName()) {
            return null;
        }
        String at = context.refs().path(location);
        Address address = context.address(location.getAddress(), at + ".address");
        String id = BundleReferences.logicalId(location);
        if (id == null) {
            id = location.getIdentifier().stream()
                    .filter(Identifier::hasValue)
                    .map(Identifier::getValue)
                    .findFirst()
                    .orElse(location.getName());
        }
        return address == null
                ? null
                : new DocumentedEncounter.Facility(
                        id, location.getName(), identifier(location.getIdentifier(), NPI), address);
    }
}
