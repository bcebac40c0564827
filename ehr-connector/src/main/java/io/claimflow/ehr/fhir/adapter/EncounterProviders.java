package io.claimflow.ehr.fhir.adapter;

import static io.claimflow.ehr.fhir.adapter.FhirTerms.EIN;
import static io.claimflow.ehr.fhir.adapter.FhirTerms.NPI;
import static io.claimflow.ehr.fhir.adapter.FhirValues.given;
import static io.claimflow.ehr.fhir.adapter.FhirValues.identifier;
import static io.claimflow.ehr.fhir.adapter.FhirValues.name;
import static io.claimflow.ehr.fhir.adapter.FhirValues.taxonomy;

import io.claimflow.codes.Npi;
import io.claimflow.ehr.intake.DocumentedEncounter;
import io.claimflow.ehr.intake.DocumentedEncounter.Address;
import io.claimflow.ehr.intake.DocumentedEncounter.EntityType;
import io.claimflow.ehr.intake.DocumentedEncounter.Provider;
import io.claimflow.ehr.intake.Problem.Kind;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The encounter's providers: billing (Encounter.serviceProvider, an Organization with its NPI, EIN and the NUCC
 * taxonomy of a PractitionerRole of it), rendering (the primary performer, PPRF or ATND before SPRF) and referring
 * (REF) participants, each a Practitioner directly or through a PractitionerRole, resolved in the bundle or the
 * directory. Where the tenant configured its own billing or rendering provider, it stands in for one that cannot be
 * resolved or has no valid NPI (a warning); a referring one without is left out (a warning).
 */
final class EncounterProviders {

    private final MappingContext context;
    private final BundleReferences refs;

    EncounterProviders(MappingContext context) {
        this.context = context;
        this.refs = context.refs();
    }

    DocumentedEncounter.Providers of(Encounter encounter, String at) {
        Provider billing = null;
        Provider configured = context.settings().billingProvider();
        if (!encounter.hasServiceProvider()) {
            if (configured != null) {
                context.notice(
                        at + ".serviceProvider",
                        Kind.DEFAULTED,
                        "the Encounter has no serviceProvider: billed under "
                                + "the tenant's billing provider (claimflow.ehr.billing-provider)");
                billing = configured;
            } else {
                context.problem(
                        at + ".serviceProvider",
                        Kind.REQUIRED,
                        "Encounter.serviceProvider (the billing Organization, with its NPI) is required");
            }
        } else {
            Resource resolved = refs.resolve(encounter.getServiceProvider()).orElse(null);
            if (resolved == null && configured != null) {
                context.notice(
                        at + ".serviceProvider",
                        Kind.DEFAULTED,
                        "the serviceProvider is neither in the bundle nor in "
                                + "the directory of organizations received before: billed under the tenant's billing "
                                + "provider (claimflow.ehr.billing-provider)");
                billing = configured;
            } else {
                Organization organization = context.resolveRequired(
                        encounter.getServiceProvider(),
                        Organization.class,
                        at + ".serviceProvider",
                        "an Organization in the bundle");
                if (organization != null) {
                    billing = organization(organization);
                }
            }
        }
        Provider rendering = null;
        Provider referring = null;
        for (int i = 0; i < encounter.getParticipant().size(); i++) {
            Encounter.EncounterParticipantComponent participant =
                    encounter.getParticipant().get(i);
            Set<String> types = new LinkedHashSet<>();
            participant.getType().forEach(t -> t.getCoding().forEach(c -> types.add(c.getCode())));
            String where = at + ".participant[" + i + "].individual";
            if (types.contains("REF")) {
                if (referring == null) {
                    referring = practitioner(participant.getIndividual(), where, false);
                }
            } else if (types.isEmpty() || types.contains("PPRF") || types.contains("ATND") || types.contains("SPRF")) {
                boolean primary = types.contains("PPRF") || types.contains("ATND");
                if (rendering == null || primary && !types.contains("SPRF")) {
                    Provider candidate = practitioner(participant.getIndividual(), where, true);
                    if (rendering == null || primary) {
                        rendering = candidate;
                    }
                }
            }
        }
        return new DocumentedEncounter.Providers(billing, rendering, referring);
    }

    private Provider organization(Organization organization) {
        String at = refs.path(organization);
        String npi = identifier(organization.getIdentifier(), NPI);
        if ((npi == null || !Npi.isValid(npi)) && context.settings().billingProvider() != null) {
            context.notice(
                    at + ".identifier",
                    Kind.DEFAULTED,
                    (npi == null
                                    ? "the billing Organization has no NPI"
                                    : "the billing Organization's NPI is not valid (" + Npi.RULE + ")")
                            + ": billed under the tenant's billing provider (claimflow.ehr.billing-provider)");
            return context.settings().billingProvider();
        }
        if (npi == null) {
            context.problem(
                    at + ".identifier",
                    Kind.REQUIRED,
                    "the billing Organization needs an NPI (identifier system " + NPI + ")");
        } else if (!Npi.isValid(npi)) {
            context.problem(
                    at + ".identifier",
                    Kind.INVALID,
                    "the billing Organization's NPI is not valid: " + Npi.RULE
                            + " (or configure the tenant's billing provider, claimflow.ehr.billing-provider)");
        }
        if (!organization.hasName()) {
            context.problem(at + ".name", Kind.REQUIRED, "the billing Organization needs a name");
        }
        String taxId = identifier(organization.getIdentifier(), EIN);
        Address address =
                organization.hasAddress() ? context.address(organization.getAddressFirstRep(), at + ".address") : null;
        String taxonomy = refs.all(PractitionerRole.class).stream()
                .filter(r -> refs.pointsTo(r.getOrganization(), organization) && !r.hasPractitioner())
                .map(r -> taxonomy(r.getSpecialty()))
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
        return new Provider(
                npi,
                EntityType.ORGANIZATION,
                organization.getName(),
                null,
                taxonomy,
                taxId == null ? null : taxId.replace("-", ""),
                taxId == null ? null : DocumentedEncounter.TaxIdType.EIN,
                address);
    }

    /**
     * A Practitioner, directly or through a PractitionerRole; taxonomy from the role's NUCC specialty. A rendering
     * performer that cannot be found or has no valid NPI is replaced by the tenant's rendering provider when one is
     * configured (a warning); a referring one is left out (a warning). Otherwise it refuses the encounter.
     */
    private Provider practitioner(Reference reference, String at, boolean rendering) {
        Resource resource = refs.resolve(reference).orElse(null);
        if (resource == null) {
            if (substitute(
                    at,
                    "the participant is neither in the bundle nor in the directory of practitioners "
                            + "received before",
                    rendering)) {
                return rendering ? context.settings().renderingProvider() : null;
            }
            context.problem(
                    at, Kind.UNRESOLVED_REFERENCE, "the participant does not point to a resource in the bundle");
            return null;
        }
        Practitioner practitioner;
        String taxonomy = null;
        if (resource instanceof PractitionerRole role) {
            taxonomy = taxonomy(role.getSpecialty());
            practitioner = context.resolveRequired(
                    role.getPractitioner(),
                    Practitioner.class,
                    refs.path(role) + ".practitioner",
                    "a Practitioner in the bundle");
            if (practitioner == null) {
                return null;
            }
        } else if (resource instanceof Practitioner p) {
            practitioner = p;
            taxonomy = refs.all(PractitionerRole.class).stream()
                    .filter(r -> refs.pointsTo(r.getPractitioner(), p))
                    .peek(refs::use)
                    .map(r -> taxonomy(r.getSpecialty()))
                    .filter(Objects::nonNull)
                    .findFirst()
                    .orElse(p.getQualification().stream()
                            .map(q -> taxonomy(List.of(q.getCode())))
                            .filter(Objects::nonNull)
                            .findFirst()
                            .orElse(null));
        } else {
            context.problem(at, Kind.INVALID, "a participant must be a Practitioner or PractitionerRole");
            return null;
        }
        String where = refs.path(practitioner);
        String npi = identifier(practitioner.getIdentifier(), NPI);
        if ((npi == null || !Npi.isValid(npi))
                && substitute(
                        at,
                        npi == null
                                ? "the Practitioner has no NPI"
                                : "the Practitioner's NPI is not valid (" + Npi.RULE + ")",
                        rendering)) {
            return rendering ? context.settings().renderingProvider() : null;
        }
        if (npi == null) {
            context.problem(
                    where + ".identifier",
                    Kind.REQUIRED,
                    "the Practitioner needs an NPI (identifier system " + NPI + ")");
        } else if (!Npi.isValid(npi)) {
            context.problem(
                    where + ".identifier",
                    Kind.INVALID,
                    "the Practitioner's NPI is not valid: " + Npi.RULE
                            + " (or configure the tenant's rendering provider, claimflow.ehr.rendering-provider)");
        }
        HumanName name = name(practitioner.getName());
        if (name == null || !name.hasFamily()) {
            context.problem(where + ".name", Kind.REQUIRED, "the Practitioner needs a family name");
            name = new HumanName();
        }
        return new Provider(npi, EntityType.PERSON, name.getFamily(), given(name, 0), taxonomy, null, null, null);
    }

    /**
     * Whether a performer without a usable NPI is stood in for: a rendering one by the tenant's rendering provider
     * (when configured), a referring one by nobody (it is optional on a claim). Says so in a warning.
     */
    private boolean substitute(String at, String why, boolean rendering) {
        if (rendering && context.settings().renderingProvider() != null) {
            context.notice(
                    at,
                    Kind.DEFAULTED,
                    why + ": the tenant's rendering provider (claimflow.ehr.rendering-provider) renders");
            return true;
        }
        if (!rendering) {
            context.notice(at, Kind.DEFAULTED, why + ": the claim goes without a referring provider");
            return true;
        }
        return false;
    }
}
