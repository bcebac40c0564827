package io.claimflow.ehr.intake.adapter;

import io.claimflow.ehr.intake.DocumentedEncounter;
import io.claimflow.events.Address;
import io.claimflow.events.AdministeredItem;
import io.claimflow.events.AdministeredItemKind;
import io.claimflow.events.AdministrativeSex;
import io.claimflow.events.AnnualWellnessVisit;
import io.claimflow.events.CodeSystem;
import io.claimflow.events.Coverage;
import io.claimflow.events.DocumentedCode;
import io.claimflow.events.EncounterClass;
import io.claimflow.events.EncounterDocumented;
import io.claimflow.events.EpisodeOfCare;
import io.claimflow.events.Facility;
import io.claimflow.events.MedicalDecisionMaking;
import io.claimflow.events.NewOrEstablished;
import io.claimflow.events.Patient;
import io.claimflow.events.Payer;
import io.claimflow.events.PayerResponsibility;
import io.claimflow.events.Provider;
import io.claimflow.events.ProviderEntityType;
import io.claimflow.events.Providers;
import io.claimflow.events.Subscriber;
import io.claimflow.events.SubscriberRelationship;
import io.claimflow.events.TaxIdType;
import io.claimflow.events.UnitOfMeasure;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Domain {@link DocumentedEncounter} to the Avro {@link EncounterDocumented}; enum constants share their names. */
final class EncounterDocumentedMapper {

    private EncounterDocumentedMapper() {}

    static EncounterDocumented toEvent(DocumentedEncounter e, UUID eventId, UUID causationId, Instant occurredAt) {
        return EncounterDocumented.newBuilder()
                .setEventId(eventId.toString())
                .setOccurredAt(occurredAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS))
                .setEncounterId(e.encounterId())
                .setCausationId(causationId == null ? null : causationId.toString())
                .setTenantId(e.tenantId())
                .setPatient(patient(e.patient()))
                .setCoverages(e.coverages().stream()
                        .map(EncounterDocumentedMapper::coverage)
                        .toList())
                .setProviders(Providers.newBuilder()
                        .setBilling(provider(e.providers().billing()))
                        .setRendering(provider(e.providers().rendering()))
                        .setReferring(provider(e.providers().referring()))
                        .build())
                .setFacility(facility(e.facility()))
                .setPlaceOfService(e.placeOfService())
                .setDateOfService(e.dateOfService())
                .setEncounterClass(EncounterClass.valueOf(e.encounterClass().name()))
                .setEncounterType(code(e.encounterType()))
                .setPatientStatus(NewOrEstablished.valueOf(e.patientStatus().name()))
                .setTotalTimeMinutes(e.totalTimeMinutes())
                .setMedicalDecisionMaking(
                        e.medicalDecisionMaking() == null
                                ? null
                                : MedicalDecisionMaking.valueOf(
                                        e.medicalDecisionMaking().name()))
                .setDiagnoses(codes(e.diagnoses()))
                .setProcedures(codes(e.procedures()))
                .setAdministeredItems(e.administeredItems().stream()
                        .map(EncounterDocumentedMapper::item)
                        .toList())
                .setPriorAuthorizationNumber(e.priorAuthorizationNumber())
                .setReferralNumber(e.referralNumber())
                .setClinicalNote(e.clinicalNote())
                .setAnnualWellnessVisit(
                        e.annualWellnessVisit() == null
                                ? null
                                : AnnualWellnessVisit.valueOf(
                                        e.annualWellnessVisit().name()))
                .setAbnormalFindings(e.abnormalFindings())
                .build();
    }

    private static Patient patient(DocumentedEncounter.Patient p) {
        return Patient.newBuilder()
                .setMrn(p.mrn())
                .setLastName(p.lastName())
                .setFirstName(p.firstName())
                .setMiddleName(p.middleName())
                .setNameSuffix(p.nameSuffix())
                .setBirthDate(p.birthDate())
                .setSex(AdministrativeSex.valueOf(p.sex().name()))
                .setAddress(address(p.address()))
                .build();
    }

    private static Coverage coverage(DocumentedEncounter.Coverage c) {
        DocumentedEncounter.Subscriber s = c.subscriber();
        return Coverage.newBuilder()
                .setResponsibility(
                        PayerResponsibility.valueOf(c.responsibility().name()))
                .setPayer(Payer.newBuilder()
                        .setPayerId(c.payer().payerId())
                        .setName(c.payer().name())
                        .setAddress(null)
                        .build())
                .setSubscriber(Subscriber.newBuilder()
                        .setMemberId(s.memberId())
                        .setLastName(s.lastName())
                        .setFirstName(s.firstName())
                        .setMiddleName(s.middleName())
                        .setBirthDate(s.birthDate())
                        .setSex(AdministrativeSex.valueOf(s.sex().name()))
                        .setAddress(address(s.address()))
                        .build())
                .setRelationshipToSubscriber(SubscriberRelationship.valueOf(
                        c.relationshipToSubscriber().name()))
                .setGroupNumber(c.groupNumber())
                .setGroupName(c.groupName())
                .setClaimFilingIndicator(c.claimFilingIndicator())
                .build();
    }

    private static Provider provider(DocumentedEncounter.Provider p) {
        if (p == null) {
            return null;
        }
        return Provider.newBuilder()
                .setNpi(p.npi())
                .setEntityType(ProviderEntityType.valueOf(p.entityType().name()))
                .setLastOrOrganizationName(p.lastOrOrganizationName())
                .setFirstName(p.firstName())
                .setTaxonomyCode(p.taxonomyCode())
                .setTaxId(p.taxId())
                .setTaxIdType(
                        p.taxIdType() == null
                                ? null
                                : TaxIdType.valueOf(p.taxIdType().name()))
                .setAddress(address(p.address()))
                .build();
    }

    private static Facility facility(DocumentedEncounter.Facility f) {
        if (f == null) {
            return null;
        }
        return Facility.newBuilder()
                .setFacilityId(f.facilityId())
                .setName(f.name())
                .setNpi(f.npi())
                .setAddress(address(f.address()))
                .build();
    }

    private static AdministeredItem item(DocumentedEncounter.AdministeredItem i) {
        return AdministeredItem.newBuilder()
                .setKind(AdministeredItemKind.valueOf(i.kind().name()))
                .setCode(code(i.code()))
                .setNdc(i.ndc())
                .setQuantity(i.quantity().setScale(3, RoundingMode.UNNECESSARY))
                .setUnit(UnitOfMeasure.valueOf(i.unit().name()))
                .build();
    }

    private static List<DocumentedCode> codes(List<DocumentedEncounter.Code> codes) {
        return codes.stream().map(EncounterDocumentedMapper::code).toList();
    }

    private static DocumentedCode code(DocumentedEncounter.Code c) {
        return DocumentedCode.newBuilder()
                .setSystem(CodeSystem.valueOf(c.system().name()))
                .setCode(c.code())
                .setText(c.text())
                .setModifiers(c.modifiers())
                .setQuantity(c.quantity() == null ? null : c.quantity().setScale(3, RoundingMode.UNNECESSARY))
                .setEpisodeOfCare(
                        c.episodeOfCare() == null
                                ? null
                                : EpisodeOfCare.valueOf(c.episodeOfCare().name()))
                .build();
    }

    private static Address address(DocumentedEncounter.Address a) {
        if (a == null) {
            return null;
        }
        return Address.newBuilder()
                .setLine1(a.line1())
                .setLine2(a.line2())
                .setCity(a.city())
                .setState(a.state())
                .setPostalCode(a.postalCode())
                .setCountry(a.country() == null ? "US" : a.country())
                .build();
    }
}
