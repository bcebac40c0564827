package io.claimflow.ehr.fhir.adapter;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The resources of one bundle and their references resolved inside it: by {@code fullUrl} (for example
 * {@code urn:uuid:...}), by relative {@code Type/id}, by an absolute URL ending in {@code Type/id}, and by business
 * identifier: a conditional reference {@code Type?identifier=system|value} (as Synthea and transaction bundles write
 * them) or a logical reference ({@code Reference.identifier}). A conditional or logical reference that matches nothing
 * in the bundle is looked up in the {@link ResourceDirectory} (provider bundles received before); nothing is fetched
 * from anywhere else. Every resource a reference reaches, and every one the mapper reads, is marked used, so that
 * what was not read can be reported.
 */
final class BundleReferences {

    private final Map<String, Resource> byKey = new LinkedHashMap<>();
    private final Map<String, Resource> byIdentifier = new HashMap<>();
    private final Map<Resource, Integer> entryIndex = new IdentityHashMap<>();
    private final List<Resource> resources = new ArrayList<>();
    private final Map<Class<?>, List<?>> byType = new HashMap<>();
    private final Set<Resource> used = Collections.newSetFromMap(new IdentityHashMap<>());
    private final ResourceDirectory directory;
    private final Map<String, Optional<Resource>> fromDirectory = new HashMap<>();

    BundleReferences(Bundle bundle) {
        this(bundle, ResourceDirectory.NONE);
    }

    BundleReferences(Bundle bundle, ResourceDirectory directory) {
        this.directory = directory;
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
            for (Identifier identifier : identifiers(resource)) {
                if (identifier.hasSystem() && identifier.hasValue()) {
                    byIdentifier.putIfAbsent(
                            identifierKey(resource.fhirType(), identifier.getSystem(), identifier.getValue()),
                            resource);
                }
            }
        }
    }

    /** The business identifiers of the resource types a conditional reference names in practice. */
    static List<Identifier> identifiers(Resource resource) {
        if (resource instanceof org.hl7.fhir.r4.model.DomainResource) {
            var property = resource.getNamedProperty("identifier");
            if (property != null) {
                return property.getValues().stream()
                        .filter(Identifier.class::isInstance)
                        .map(Identifier.class::cast)
                        .toList();
            }
        }
        return List.of();
    }

    private static String identifierKey(String type, String system, String value) {
        return type + "|" + system + "|" + value;
    }

    /**
     * A conditional reference's parts {type, system, value}: {@code Type?identifier=system|value} (URL-encoded or
     * not); empty when the reference is no such search on identifier.
     */
    static Optional<String[]> conditional(String reference) {
        if (reference == null) {
            return Optional.empty();
        }
        int question = reference.indexOf('?');
        if (question <= 0) {
            return Optional.empty();
        }
        String type = reference.substring(reference.lastIndexOf('/', question) + 1, question);
        String query = reference.substring(question + 1);
        if (!query.startsWith("identifier=") || query.contains("&")) {
            return Optional.empty();
        }
        String token = URLDecoder.decode(query.substring("identifier=".length()), StandardCharsets.UTF_8);
        int bar = token.indexOf('|');
        if (bar <= 0 || bar == token.length() - 1 || type.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new String[] {type, token.substring(0, bar), token.substring(bar + 1)});
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

    @SuppressWarnings("unchecked")
    <T extends Resource> List<T> all(Class<T> type) {
        return (List<T>) byType.computeIfAbsent(
                type,
                t -> resources.stream().filter(type::isInstance).map(type::cast).toList());
    }

    /** Marks a resource as read by the mapper. */
    void use(Resource resource) {
        if (resource != null) {
            used.add(resource);
        }
    }

    boolean isUsed(Resource resource) {
        return used.contains(resource);
    }

    /** Whether the resource is an entry of this bundle (not one found in the directory). */
    boolean isEntry(Resource resource) {
        return entryIndex.containsKey(resource);
    }

    /** FHIRPath of a resource in the bundle, for error locations. */
    String path(Resource resource) {
        Integer index = entryIndex.get(resource);
        return index == null ? resource.fhirType() : "Bundle.entry[" + index + "].resource";
    }

    /** The resource a reference points to inside the bundle; empty when it points outside or to nothing. */
    Optional<Resource> resolve(Reference reference) {
        Optional<Resource> found = find(reference);
        found.ifPresent(used::add);
        return found;
    }

    private Optional<Resource> find(Reference reference) {
        if (reference == null) {
            return Optional.empty();
        }
        if (!reference.hasReference()) {
            // a logical reference: Reference.identifier (with Reference.type when given)
            Identifier identifier = reference.getIdentifier();
            if (reference.hasType() && identifier.hasSystem() && identifier.hasValue()) {
                return byIdentifier(reference.getType(), identifier.getSystem(), identifier.getValue());
            }
            return Optional.empty();
        }
        String value = reference.getReference();
        Resource found = byKey.get(value);
        if (found == null) {
            Optional<String[]> conditional = conditional(value);
            if (conditional.isPresent()) {
                String[] parts = conditional.get();
                return byIdentifier(parts[0], parts[1], parts[2]);
            }
            found = relative(value).map(byKey::get).orElse(null);
        }
        return Optional.ofNullable(found);
    }

    /** The resource of {@code type} with the identifier: in the bundle, else in the directory. */
    Optional<Resource> byIdentifier(String type, String system, String value) {
        Resource inBundle = byIdentifier.get(identifierKey(type, system, value));
        if (inBundle != null) {
            return Optional.of(inBundle);
        }
        return fromDirectory.computeIfAbsent(
                identifierKey(type, system, value), key -> directory.find(type, system, value));
    }

    /** Whether {@code reference} points at {@code target}. */
    boolean pointsTo(Reference reference, Resource target) {
        return find(reference).map(r -> r == target).orElse(false);
    }

    /** {@code Type/id} from a relative or absolute URL ({@code .../Patient/123/_history/2} gives Patient/123). */
    private static Optional<String> relative(String url) {
        if (url == null || url.startsWith("urn:") || url.startsWith("#") || url.contains("?")) {
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
