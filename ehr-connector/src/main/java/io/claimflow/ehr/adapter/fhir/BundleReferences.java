package io.claimflow.ehr.adapter.fhir;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The resources of one bundle and their references resolved inside it: by {@code fullUrl} (for example
 * {@code urn:uuid:...}), by relative {@code Type/id}, and by an absolute URL ending in {@code Type/id}. Nothing is
 * fetched from outside the bundle.
 */
final class BundleReferences {

    private final Map<String, Resource> byKey = new LinkedHashMap<>();
    private final Map<Resource, Integer> entryIndex = new IdentityHashMap<>();
    private final List<Resource> resources = new ArrayList<>();

    BundleReferences(Bundle bundle) {
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            Bundle.BundleEntryComponent entry = bundle.getEntry().get(i);
            Resource resource = entry.getResource();
            if (resource == null) {
                continue;
            }
            resources.add(resource);
            entryIndex.put(resource, i);
            if (entry.hasFullUrl()) {
                byKey.putIfAbsent(entry.getFullUrl(), resource);
                relative(entry.getFullUrl()).ifPresent(key -> byKey.putIfAbsent(key, resource));
            }
            String id = logicalId(resource);
            if (id != null) {
                byKey.putIfAbsent(resource.fhirType() + "/" + id, resource);
            }
        }
    }

    /** The resource's logical id, or null when it has none (or only a {@code urn:} one). */
    static String logicalId(Resource resource) {
        if (!resource.hasIdElement() || resource.getIdElement().isEmpty()) {
            return null;
        }
        String value = resource.getIdElement().getValue();
        if (value != null && value.startsWith("urn:")) {
            return null;
        }
        String idPart = resource.getIdElement().getIdPart();
        return idPart == null || idPart.isBlank() ? null : idPart;
    }

    List<Resource> all() {
        return resources;
    }

    <T extends Resource> List<T> all(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** FHIRPath of a resource in the bundle, for error locations. */
    String path(Resource resource) {
        Integer index = entryIndex.get(resource);
        return index == null ? resource.fhirType() : "Bundle.entry[" + index + "].resource";
    }

    /** The resource a reference points to inside the bundle; empty when it points outside or to nothing. */
    Optional<Resource> resolve(Reference reference) {
        if (reference == null || !reference.hasReference()) {
            return Optional.empty();
        }
        String value = reference.getReference();
        Resource found = byKey.get(value);
        if (found == null) {
            found = relative(value).map(byKey::get).orElse(null);
        }
        return Optional.ofNullable(found);
    }

    /** Whether {@code reference} points at {@code target}. */
    boolean pointsTo(Reference reference, Resource target) {
        return resolve(reference).map(r -> r == target).orElse(false);
    }

    /** {@code Type/id} from a relative or absolute URL ({@code .../Patient/123/_history/2} gives Patient/123). */
    private static Optional<String> relative(String url) {
        if (url == null || url.startsWith("urn:") || url.startsWith("#")) {
            return Optional.empty();
        }
        String path = url;
        int history = path.indexOf("/_history");
        if (history >= 0) {
            path = path.substring(0, history);
        }
        String[] parts = path.split("/");
        if (parts.length < 2) {
            return Optional.empty();
        }
        return Optional.of(parts[parts.length - 2] + "/" + parts[parts.length - 1]);
    }
}
