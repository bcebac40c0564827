package io.claimflow.ehr.fhir.adapter;

import static io.claimflow.ehr.fhir.adapter.Fixtures.context;
import static io.claimflow.ehr.fhir.adapter.Fixtures.encounter;
import static io.claimflow.ehr.fhir.adapter.Fixtures.found;
import static io.claimflow.ehr.fhir.adapter.Fixtures.ref;
import static io.claimflow.ehr.fhir.adapter.Fixtures.withId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.claimflow.ehr.intake.DocumentedEncounter;
import io.claimflow.ehr.intake.DocumentedEncounter.EntityType;
import io.claimflow.ehr.intake.DocumentedEncounter.Provider;
import io.claimflow.ehr.intake.Problem;
import io.claimflow.ehr.intake.Problem.Kind;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** Billing, rendering and referring providers, and where the tenant's providers stand in. */
class EncounterProvidersTest {

    static final String VALID_NPI = "1234567893";
    static final String INVALID_NPI = "1234567890";

    static final Provider TENANT_BILLING =
            new Provider("1847362914", EntityType.ORGANIZATION, "Riverside", null, null, "311234567", null, null);
    static final Provider TENANT_RENDERING =
            new Provider("1245319599", EntityType.PERSON, "Tenant", "Tom", null, null, null, null);

    static MappingSettings withTenantProviders() {
        return new MappingSettings("riverside-fm", null, TENANT_BILLING, TENANT_RENDERING, ResourceDirectory.NONE);
    }

    @Test
    void theBillingOrganizationCarriesItsNpiEinAndTheTaxonomyOfItsOwnRole() {
        Organization clinic = organization("o1", VALID_NPI);
        clinic.addIdentifier(new Identifier().setSystem(FhirTerms.EIN).setValue("31-1234567"));
        clinic.addAddress()
                .addLine("1 Main St")
                .setCity("Columbus")
                .setState("OH")
                .setPostalCode("43215");
        PractitionerRole clinicRole = new PractitionerRole().setOrganization(ref(clinic));
        clinicRole.addSpecialty(taxonomy("261QP2300X"));
        Encounter encounter = encounter("e1").setServiceProvider(ref(clinic));
        MappingContext context = context(clinic, clinicRole, encounter);

        Provider billing = new EncounterProviders(context).of(encounter, "E").billing();

        assertThat(context.problems()).isEmpty();
        assertThat(billing.npi()).isEqualTo(VALID_NPI);
        assertThat(billing.entityType()).isEqualTo(EntityType.ORGANIZATION);
        assertThat(billing.taxId()).isEqualTo("311234567");
        assertThat(billing.taxIdType()).isEqualTo(DocumentedEncounter.TaxIdType.EIN);
        assertThat(billing.taxonomyCode()).isEqualTo("261QP2300X");
        assertThat(billing.address().city()).isEqualTo("Columbus");
    }

    @Test
    void anOrganizationWithoutAValidNpiIsBilledUnderTheTenantsProviderOrRefused() {
        Organization clinic = organization("o1", INVALID_NPI);
        Encounter encounter = encounter("e1").setServiceProvider(ref(clinic));

        MappingContext withTenant = context(withTenantProviders(), clinic, encounter);
        assertThat(new EncounterProviders(withTenant).of(encounter, "E").billing())
                .isSameAs(TENANT_BILLING);
        assertThat(withTenant.problems()).isEmpty();
        assertThat(withTenant.notices().list())
                .extracting(Problem::kind, Problem::location)
                .containsExactly(tuple(Kind.DEFAULTED, "Bundle.entry[0].resource.identifier"));

        MappingContext alone = context(clinic, encounter);
        new EncounterProviders(alone).of(encounter, "E");
        assertThat(found(alone.problems())).containsExactly("Bundle.entry[0].resource.identifier INVALID");
    }

    @Test
    void aMissingOrUnresolvedServiceProviderIsTheTenantsOrAProblem() {
        Encounter none = encounter("e1");
        Encounter elsewhere = encounter("e2").setServiceProvider(new Reference("Organization/elsewhere"));

        MappingContext withTenant = context(withTenantProviders(), none, elsewhere);
        EncounterProviders providers = new EncounterProviders(withTenant);
        assertThat(providers.of(none, "A").billing()).isSameAs(TENANT_BILLING);
        assertThat(providers.of(elsewhere, "B").billing()).isSameAs(TENANT_BILLING);
        assertThat(withTenant.problems()).isEmpty();
        assertThat(withTenant.notices().list()).hasSize(2);

        MappingContext alone = context(none, elsewhere);
        new EncounterProviders(alone).of(none, "A");
        new EncounterProviders(alone).of(elsewhere, "B");
        assertThat(found(alone.problems()))
                .containsExactly("A.serviceProvider REQUIRED", "B.serviceProvider UNRESOLVED_REFERENCE");
    }

    @Test
    void thePrimaryPerformerRendersAndTheReferrerRefers() {
        Organization clinic = organization("o1", VALID_NPI);
        Practitioner secondary = practitioner("pr1", "Second", VALID_NPI);
        Practitioner primary = practitioner("pr2", "First", "1245319599");
        Practitioner referrer = practitioner("pr3", "Sender", "1003000126");
        PractitionerRole primaryRole = new PractitionerRole().setPractitioner(ref(primary));
        primaryRole.addSpecialty(taxonomy("207Q00000X"));
        Encounter encounter = encounter("e1").setServiceProvider(ref(clinic));
        participant(encounter, "SPRF", ref(secondary));
        participant(encounter, "PPRF", ref(primary));
        participant(encounter, "REF", ref(referrer));
        MappingContext context = context(clinic, secondary, primary, referrer, primaryRole, encounter);

        DocumentedEncounter.Providers providers = new EncounterProviders(context).of(encounter, "E");

        assertThat(context.problems()).isEmpty();
        assertThat(providers.rendering().lastOrOrganizationName()).isEqualTo("First");
        assertThat(providers.rendering().taxonomyCode()).isEqualTo("207Q00000X");
        assertThat(providers.rendering().entityType()).isEqualTo(EntityType.PERSON);
        assertThat(providers.referring().lastOrOrganizationName()).isEqualTo("Sender");
    }

    @Test
    void aPerformerWithoutAValidNpiIsTheTenantsRenderingProviderAndAReferrerWithoutOneIsLeftOut() {
        Organization clinic = organization("o1", VALID_NPI);
        Practitioner synthetic = practitioner("pr1", "Synthetic", "9999942599");
        Encounter encounter = encounter("e1").setServiceProvider(ref(clinic));
        participant(encounter, "PPRF", ref(synthetic));
        participant(encounter, "REF", new Reference("Practitioner/elsewhere"));

        MappingContext withTenant = context(withTenantProviders(), clinic, synthetic, encounter);
        DocumentedEncounter.Providers providers = new EncounterProviders(withTenant).of(encounter, "E");
        assertThat(providers.rendering()).isSameAs(TENANT_RENDERING);
        assertThat(providers.referring()).isNull();
        assertThat(withTenant.problems()).isEmpty();
        assertThat(withTenant.notices().list())
                .extracting(Problem::location)
                .containsExactly("E.participant[0].individual", "E.participant[1].individual");

        MappingContext alone = context(clinic, synthetic, encounter);
        new EncounterProviders(alone).of(encounter, "E");
        assertThat(found(alone.problems())).containsExactly("Bundle.entry[1].resource.identifier INVALID");
    }

    private static Organization organization(String id, String npi) {
        Organization organization = withId(new Organization().setName("Clinic " + id), id);
        organization.addIdentifier(new Identifier().setSystem(FhirTerms.NPI).setValue(npi));
        return organization;
    }

    private static Practitioner practitioner(String id, String family, String npi) {
        Practitioner practitioner = withId(new Practitioner(), id);
        practitioner.addName().setFamily(family).addGiven("Pat");
        practitioner.addIdentifier(new Identifier().setSystem(FhirTerms.NPI).setValue(npi));
        return practitioner;
    }

    private static CodeableConcept taxonomy(String code) {
        CodeableConcept concept = new CodeableConcept();
        concept.addCoding().setSystem(FhirTerms.NUCC_TAXONOMY).setCode(code);
        return concept;
    }

    private static void participant(Encounter encounter, String type, Reference individual) {
        Encounter.EncounterParticipantComponent participant = encounter.addParticipant();
        participant
                .addType()
                .addCoding()
                .setSystem(FhirTerms.PARTICIPATION_TYPE)
                .setCode(type);
        participant.setIndividual(individual);
    }
}
