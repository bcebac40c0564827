package io.claimflow.adjudication.claim.adapter;

import io.claimflow.adjudication.claim.Notices;
import io.claimflow.adjudication.claim.OutboundClaim;
import io.claimflow.codes.Frequency;
import io.claimflow.events.Adjustment;
import io.claimflow.events.AdministrativeSex;
import io.claimflow.events.ClaimLine;
import io.claimflow.events.ClaimSubmitted;
import io.claimflow.events.Coverage;
import io.claimflow.events.Diagnosis;
import io.claimflow.events.PriorPayerAdjudication;
import io.claimflow.events.Provider;
import io.claimflow.events.ServiceLine;
import io.claimflow.events.Subscriber;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps the Avro {@link ClaimSubmitted} to the gateway's {@link OutboundClaim}. A record that cannot be billed as
 * an 837P (missing billing tax id or address, too many lines) is refused with an {@link IllegalArgumentException},
 * which the platform sends to the dead-letter topic without retrying.
 */
public final class ClaimSubmittedMapper {

    private ClaimSubmittedMapper() {}

    public static OutboundClaim toClaim(ClaimSubmitted event) {
        try {
            return map(event);
        } catch (NullPointerException e) {
            throw new IllegalArgumentException(
                    "ClaimSubmitted " + event.getEventId() + " (claim " + event.getClaimId()
                            + ") lacks a required value: " + e.getMessage(),
                    e);
        }
    }

    private static OutboundClaim map(ClaimSubmitted event) {
        Provider billing = event.getProviders().getBilling();
        if (billing.getTaxId() == null || billing.getAddress() == null) {
            throw new IllegalArgumentException("claim " + event.getClaimId()
                    + ": the billing provider needs a tax id and a street address on an 837P");
        }
        var patient = event.getPatient();
        OutboundClaim.Person patientPerson = new OutboundClaim.Person(
                patient.getLastName(),
                patient.getFirstName(),
                patient.getMiddleName(),
                patient.getNameSuffix(),
                patient.getBirthDate(),
                sex(patient.getSex()),
                address(patient.getAddress()));
        OutboundClaim.Coverage outboundCoverage = coverage(event.getCoverage());
        var facility = event.getFacility();
        return new OutboundClaim(
                event.getClaimId(),
                event.getEncounterId(),
                event.getTenantId(),
                event.getEventId(),
                event.getPatientControlNumber(),
                Frequency.valueOf(event.getFrequency().name()),
                event.getReplacedPayerClaimNumber(),
                provider(billing),
                provider(event.getProviders().getRendering()),
                provider(event.getProviders().getReferring()),
                facility == null
                        ? null
                        : new OutboundClaim.ServiceFacility(
                                facility.getName(), facility.getNpi(), address(facility.getAddress())),
                event.getPlaceOfService(),
                patientPerson,
                outboundCoverage,
                otherPayers(event),
                event.getPriorAuthorizationNumber(),
                event.getReferralNumber(),
                event.getDiagnoses().stream().map(Diagnosis::getCode).toList(),
                event.getLines().stream().map(ClaimSubmittedMapper::line).toList(),
                event.getTotalCharge(),
                event.getDelayReasonCode(),
                event.getClaimNote());
    }

    private static OutboundClaim.Coverage coverage(Coverage coverage) {
        Subscriber subscriber = coverage.getSubscriber();
        OutboundClaim.Person subscriberPerson = new OutboundClaim.Person(
                subscriber.getLastName(),
                subscriber.getFirstName(),
                subscriber.getMiddleName(),
                null,
                subscriber.getBirthDate(),
                sex(subscriber.getSex()),
                address(subscriber.getAddress()));
        return new OutboundClaim.Coverage(
                switch (coverage.getResponsibility()) {
                    case PRIMARY -> "P";
                    case SECONDARY -> "S";
                    case TERTIARY -> "T";
                    case OTHER -> "U";
                },
                coverage.getPayer().getPayerId(),
                coverage.getPayer().getName(),
                subscriber.getMemberId(),
                subscriberPerson,
                relationship(coverage.getRelationshipToSubscriber().name()),
                coverage.getGroupNumber(),
                coverage.getGroupName(),
                coverage.getClaimFilingIndicator());
    }

    /**
     * The other coverages in payment order, each with its payer's earlier adjudication when there is one; an
     * adjudication by a payer that is not one of the other coverages is refused.
     */
    private static List<OutboundClaim.OtherPayer> otherPayers(ClaimSubmitted event) {
        List<OutboundClaim.OtherPayer> others = new ArrayList<>();
        for (Coverage other : event.getOtherCoverages()) {
            String payerId = other.getPayer().getPayerId();
            PriorPayerAdjudication prior = event.getPriorPayerAdjudications().stream()
                    .filter(p -> p.getPayer().getPayerId().equals(payerId))
                    .findFirst()
                    .orElse(null);
            others.add(new OutboundClaim.OtherPayer(coverage(other), prior == null ? null : adjudication(prior)));
        }
        for (PriorPayerAdjudication prior : event.getPriorPayerAdjudications()) {
            if (event.getOtherCoverages().stream()
                    .noneMatch(c ->
                            c.getPayer().getPayerId().equals(prior.getPayer().getPayerId()))) {
                throw new IllegalArgumentException("claim " + event.getClaimId() + ": the prior payer "
                        + prior.getPayer().getPayerId() + " adjudicated it but is none of its other coverages");
            }
        }
        return others;
    }

    private static OutboundClaim.PriorAdjudication adjudication(PriorPayerAdjudication prior) {
        return new OutboundClaim.PriorAdjudication(
                prior.getPayerClaimNumber(),
                prior.getAdjudicationDate(),
                prior.getPaidAmount(),
                prior.getRemainingPatientLiability(),
                adjustments(prior.getClaimAdjustments()),
                prior.getLines().stream()
                        .filter(l -> l.getLineNumber() != null)
                        .map(l -> new OutboundClaim.LineAdjudication(
                                l.getLineNumber(),
                                l.getProcedureCode(),
                                l.getModifiers(),
                                l.getPaidAmount(),
                                BigDecimal.valueOf(l.getUnits()),
                                adjustments(l.getAdjustments())))
                        .toList());
    }

    private static List<Notices.Adjustment> adjustments(List<Adjustment> adjustments) {
        return adjustments.stream()
                .map(a -> new Notices.Adjustment(a.getGroupCode().name(), a.getReasonCode(), a.getAmount()))
                .toList();
    }

    private static OutboundClaim.Line line(ClaimLine line) {
        ServiceLine service = line.getService();
        var drug = service.getDrug();
        return new OutboundClaim.Line(
                service.getLineNumber(),
                line.getLineItemControlNumber(),
                service.getProcedureCode(),
                service.getModifiers(),
                service.getUnits(),
                service.getDiagnosisPointers(),
                service.getDateOfService(),
                service.getPlaceOfService(),
                drug == null ? null : drug.getNdc(),
                drug == null ? null : drug.getQuantity(),
                drug == null
                        ? null
                        : switch (drug.getUnit()) {
                            case UNIT -> "UN";
                            case INTERNATIONAL_UNIT -> "F2";
                            case MILLILITER -> "ML";
                            case GRAM -> "GR";
                            case MILLIGRAM -> "ME";
                        },
                line.getChargeAmount());
    }

    private static OutboundClaim.Provider provider(Provider provider) {
        if (provider == null) {
            return null;
        }
        return new OutboundClaim.Provider(
                provider.getNpi(),
                provider.getEntityType() == io.claimflow.events.ProviderEntityType.ORGANIZATION,
                provider.getLastOrOrganizationName(),
                provider.getFirstName(),
                provider.getTaxonomyCode(),
                provider.getTaxId(),
                provider.getTaxIdType() == io.claimflow.events.TaxIdType.SSN,
                address(provider.getAddress()));
    }

    private static OutboundClaim.Address address(io.claimflow.events.Address address) {
        return address == null
                ? null
                : new OutboundClaim.Address(
                        address.getLine1(),
                        address.getLine2(),
                        address.getCity(),
                        address.getState(),
                        address.getPostalCode());
    }

    private static String sex(AdministrativeSex sex) {
        if (sex == null) {
            return "U";
        }
        return switch (sex.name()) {
            case "FEMALE" -> "F";
            case "MALE" -> "M";
            default -> "U";
        };
    }

    private static String relationship(String name) {
        return switch (name) {
            case "SELF" -> "18";
            case "SPOUSE" -> "01";
            case "CHILD" -> "19";
            case "EMPLOYEE" -> "20";
            case "LIFE_PARTNER" -> "53";
            case "ORGAN_DONOR" -> "39";
            case "CADAVER_DONOR" -> "40";
            case "UNKNOWN" -> "21";
            default -> "G8";
        };
    }
}
