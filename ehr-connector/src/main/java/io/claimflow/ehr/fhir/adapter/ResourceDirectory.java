package io.claimflow.ehr.fhir.adapter;

import java.util.Optional;
import org.hl7.fhir.r4.model.Resource;

/**
 * Organizations, Practitioners, PractitionerRoles and Locations received before in bundles of their own (as Synthea's
 * hospital and practitioner files, or an EHR's provider directory export), found by a business identifier: what a
 * conditional reference such as {@code Organization?identifier=system|value} in a later patient bundle points to.
 */
interface ResourceDirectory {

    /** No directory: conditional references resolve inside the bundle only. */
    ResourceDirectory NONE = (type, system, value) -> Optional.empty();

    /** The resource of {@code type} with identifier {@code system|value}; empty when none was received. */
    Optional<Resource> find(String type, String system, String value);
}
