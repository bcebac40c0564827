package io.claimflow.ehr.fhir.adapter;

import ca.uhn.fhir.context.FhirContext;
import io.claimflow.ehr.directory.DirectoryEntries;
import io.claimflow.ehr.intake.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The provider directory: Organizations, Locations, Practitioners and PractitionerRoles received in a bundle of their
 * own (transaction, batch or collection holding only these types, as Synthea's hospitalInformation and
 * practitionerInformation files), kept by business identifier so that later patient bundles' conditional references
 * resolve. A PractitionerRole is kept under its practitioner's identifier (Synthea's roles have none of their own).
 */
@Component
class ProviderDirectory {

    static final Set<String> TYPES = Set.of("Organization", "Location", "Practitioner", "PractitionerRole");

    private final FhirContext fhir;
    private final DirectoryEntries entries;

    ProviderDirectory(FhirContext fhir, DirectoryEntries entries) {
        this.fhir = fhir;
        this.entries = entries;
    }

    /** Whether the bundle is a directory bundle: at least one entry, and only the directory's types. */
    static boolean isDirectoryBundle(Bundle bundle) {
        return bundle.hasEntry()
                && bundle.getEntry().stream()
                        .allMatch(e -> e.getResource() != null
                                && TYPES.contains(e.getResource().fhirType()));
    }

    /** What a directory bundle gave: resources kept by type, and what was not kept (no identifier). */
    record Stored(Map<String, Integer> byType, List<Problem> notices) {}

    @Transactional
    Stored store(String tenantId, Bundle bundle) {
        Map<String, Integer> byType = new TreeMap<>();
        List<Problem> notices = new ArrayList<>();
        var parser = fhir.newJsonParser();
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            Resource resource = bundle.getEntry().get(i).getResource();
            List<DirectoryEntries.Key> keys = keys(resource);
            if (keys.isEmpty()) {
                notices.add(new Problem(
                        "Bundle.entry[" + i + "].resource.identifier",
                        Problem.Kind.NOT_USED,
                        "a " + resource.fhirType() + " without an identifier (system and value) cannot be "
                                + "referenced later; not kept"));
                continue;
            }
            String json = parser.encodeResourceToString(resource);
            for (DirectoryEntries.Key key : keys) {
                entries.put(tenantId, key, json);
            }
            byType.merge(resource.fhirType(), 1, Integer::sum);
        }
        return new Stored(byType, notices);
    }

    private static List<DirectoryEntries.Key> keys(Resource resource) {
        List<Identifier> identifiers = resource instanceof PractitionerRole role
                ? List.of(role.getPractitioner().getIdentifier())
                : BundleReferences.identifiers(resource);
        String type = resource.fhirType();
        return identifiers.stream()
                .filter(i -> i.hasSystem() && i.hasValue())
                .map(i -> new DirectoryEntries.Key(type, i.getSystem(), i.getValue()))
                .toList();
    }

    /** The directory of one tenant, as the mapper looks resources up. */
    ResourceDirectory of(String tenantId) {
        var parser = fhir.newJsonParser();
        return (type, system, value) -> {
            Optional<String> json = entries.find(tenantId, new DirectoryEntries.Key(type, system, value));
            return json.map(j -> (Resource) parser.parseResource(j));
        };
    }
}
