/**
 * The provider directory's store: Organizations, Locations, Practitioners and PractitionerRoles received in bundles
 * of their own, kept as FHIR JSON by tenant, type and business identifier ({@link
 * io.claimflow.ehr.directory.DirectoryEntries}, a port; JDBC in {@code directory.adapter}). Reading and writing the
 * FHIR resources is the FHIR door's ({@code fhir.adapter.ProviderDirectory}).
 */
package io.claimflow.ehr.directory;
