package io.claimflow.ehr.config;

import io.claimflow.ehr.intake.DocumentedEncounter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of ehr-connector ({@code claimflow.ehr.*}).
 *
 * @param tenantId billing organisation every encounter received here belongs to (one connector per tenant until EHR
 *        interface credentials carry the tenant)
 * @param mllp the HL7 v2 MLLP listener
 * @param hl7 what an HL7 v2 DFT^P03 does not carry itself
 * @param maxEventBytes an encounter whose EncounterDocumented would be larger (Avro binary) is refused at the door,
 *        well below Kafka's default message limit of 1 MiB
 * @param maxBundleBytes a FHIR request body larger than this is answered 413 without being parsed
 * @param fhir how FHIR bundles are sliced into encounters
 * @param billingProvider the tenant's billing provider, used for a FHIR encounter whose serviceProvider has no valid
 *        NPI (or cannot be resolved); null: such an encounter is refused
 * @param renderingProvider the tenant's rendering provider, used for a FHIR encounter whose participant has no valid
 *        NPI (or cannot be resolved); null: the claim goes without a rendering provider (the billing provider renders)
 */
@ConfigurationProperties("claimflow.ehr")
public record EhrProperties(
        @DefaultValue("default") String tenantId,
        @DefaultValue Mllp mllp,
        @DefaultValue Hl7 hl7,
        @DefaultValue("524288") int maxEventBytes,
        @DefaultValue("67108864") int maxBundleBytes,
        @DefaultValue Fhir fhir,
        BillingProvider billingProvider,
        RenderingProvider renderingProvider) {

    /**
     * @param lookBackDays an Encounter whose date of service is more than this many days before the day a bundle is
     *        received is not published (whole-history bundles carry years of visits); it is counted in the answer
     */
    public record Fhir(
            @DefaultValue("365") int lookBackDays,
            @DefaultValue Payers payers) {

        public Fhir {
            if (lookBackDays < 0) {
                throw new IllegalArgumentException("claimflow.ehr.fhir.look-back-days must not be negative");
            }
            payers = payers == null ? Payers.NONE : payers;
        }
    }

    /**
     * Coverage named only by a payer's name (the Coverage Synthea puts inside an ExplanationOfBenefit): how names
     * become the tenant's payer ids.
     *
     * @param ids payer name (as the EHR writes it, e.g. {@code Medicare}) to electronic payer id
     * @param defaultPayerId payer id for a name not in {@code ids}; null: such a coverage is not used (information)
     * @param selfPayNames names that mean no insurance: the encounter is self-pay
     * @param mrnAsMemberId when the coverage carries no member id, send the patient's MRN as member id (a warning;
     *        for test data such as Synthea's, which has none); false: such a coverage is not used (a warning)
     */
    public record Payers(
            Map<String, String> ids,
            String defaultPayerId,
            @DefaultValue("NO_INSURANCE") List<String> selfPayNames,
            boolean mrnAsMemberId) {

        /** No payer names mapped; {@code NO_INSURANCE} is self-pay. */
        public static final Payers NONE = new Payers(Map.of(), null, List.of("NO_INSURANCE"), false);

        public Payers {
            ids = ids == null ? Map.of() : Map.copyOf(ids);
            selfPayNames = selfPayNames == null ? List.of("NO_INSURANCE") : List.copyOf(selfPayNames);
        }
    }

    /**
     * Rendering provider (837P loop 2310B), a person.
     *
     * @param npi 10-digit NPI
     * @param lastName last name
     * @param firstName first name
     * @param taxonomyCode NUCC taxonomy code
     */
    public record RenderingProvider(String npi, String lastName, String firstName, String taxonomyCode) {

        /** This provider in the encounter's terms: a person. */
        public DocumentedEncounter.Provider provider() {
            return new DocumentedEncounter.Provider(
                    npi, DocumentedEncounter.EntityType.PERSON, lastName, firstName, taxonomyCode, null, null, null);
        }
    }

    /**
     * @param enabled whether the MLLP listener runs
     * @param port TCP port (0 picks a free one, for tests)
     * @param bindAddress address to listen on: loopback unless the EHR's interface engine connects from elsewhere
     *        (containers set {@code 0.0.0.0})
     * @param charset character set of the HL7 messages on the wire
     * @param maxConnections connections served at once, each by its own worker; a connection beyond it is closed at
     *        once (never queued), so the sender reconnects later
     * @param maxConnectionsPerAddress connections served at once from one remote address; beyond it, closed at once
     * @param idleTimeout a connection that sends nothing this long (before its first message or between messages)
     *        is closed, so idle connections give their worker back
     * @param readTimeout the longest one frame may take to arrive once its first byte came (a sender trickling
     *        bytes is cut off)
     * @param maxMessageBytes a frame longer than this is refused and the connection closed
     */
    public record Mllp(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("2575") int port,
            @DefaultValue("127.0.0.1") String bindAddress,
            @DefaultValue("UTF-8") Charset charset,
            @DefaultValue("64") int maxConnections,
            @DefaultValue("32") int maxConnectionsPerAddress,
            @DefaultValue("10s") Duration idleTimeout,
            @DefaultValue("30s") Duration readTimeout,
            @DefaultValue("1048576") int maxMessageBytes) {

        public Mllp {
            charset = charset == null ? StandardCharsets.UTF_8 : charset;
            if (maxConnections < 1 || maxConnectionsPerAddress < 1) {
                throw new IllegalArgumentException(
                        "claimflow.ehr.mllp.max-connections and " + "max-connections-per-address must be at least 1");
            }
        }
    }

    /**
     * @param billingProvider the billing provider of every DFT^P03 (the message names rendering and referring
     *        providers but not the billing organisation with its tax id)
     */
    public record Hl7(BillingProvider billingProvider) {}

    /**
     * Billing provider (837P loop 2010AA).
     *
     * @param npi 10-digit NPI
     * @param name organisation name
     * @param taxId EIN, digits only
     * @param taxonomyCode NUCC taxonomy code
     * @param line1 street address
     * @param line2 second address line
     * @param city city
     * @param state two-letter state
     * @param postalCode 9-digit ZIP
     */
    public record BillingProvider(
            String npi,
            String name,
            String taxId,
            String taxonomyCode,
            String line1,
            String line2,
            String city,
            String state,
            String postalCode) {

        /** This provider in the encounter's terms: an organization, its tax id an EIN, its address in the US. */
        public DocumentedEncounter.Provider provider() {
            DocumentedEncounter.Address address =
                    line1 == null ? null : new DocumentedEncounter.Address(line1, line2, city, state, postalCode, "US");
            return new DocumentedEncounter.Provider(
                    npi,
                    DocumentedEncounter.EntityType.ORGANIZATION,
                    name,
                    null,
                    taxonomyCode,
                    taxId,
                    taxId == null ? null : DocumentedEncounter.TaxIdType.EIN,
                    address);
        }
    }
}
