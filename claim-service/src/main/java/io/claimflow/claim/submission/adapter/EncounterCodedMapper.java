package io.claimflow.claim.submission.adapter;

import io.claimflow.claim.model.CodedEncounter;
import io.claimflow.claim.model.CodedLine;
import io.claimflow.claim.model.CoverageRef;
import io.claimflow.claim.model.Diagnosis;
import io.claimflow.claim.model.ProviderRef;
import io.claimflow.events.Coverage;
import io.claimflow.events.EncounterCoded;
import io.claimflow.events.PayerResponsibility;
import io.claimflow.events.Provider;
import io.claimflow.events.ServiceLine;
import io.claimflow.schemas.serde.StoredRecords;
import java.util.List;

/**
 * EncounterCoded to the domain's {@link CodedEncounter}. Refuses, with IllegalArgumentException (so the record goes
 * to the dead-letter topic), an event no claim can be built from; the message names ids, never patient data.
 */
public final class EncounterCodedMapper {

    private EncounterCodedMapper() {}

    public static CodedEncounter toDomain(EncounterCoded event) {
        String id = "EncounterCoded " + event.getEventId() + " for encounter " + event.getEncounterId();
        if (event.getCodingVersion() < 1) {
            throw new IllegalArgumentException(
                    id + ": codingVersion must be at least 1, was " + event.getCodingVersion());
        }
        if (event.getServiceLines().isEmpty()) {
            throw new IllegalArgumentException(id + ": no service lines to bill");
        }
        if (event.getProviders() == null || event.getProviders().getBilling() == null) {
            throw new IllegalArgumentException(id + ": no billing provider");
        }
        List<CodedLine> lines =
                event.getServiceLines().stream().map(EncounterCodedMapper::line).toList();
        if (lines.stream().map(CodedLine::lineNumber).distinct().count() != lines.size()) {
            throw new IllegalArgumentException(id + ": line numbers are not unique");
        }
        Coverage primary = primaryCoverage(event.getCoverages());
        return new CodedEncounter(
                event.getEventId(),
                event.getEncounterId(),
                event.getTenantId(),
                event.getCodingVersion(),
                event.getDateOfService(),
                event.getPlaceOfService(),
                event.getPriorAuthorizationNumber(),
                event.getPatient().getMrn(),
                provider(event.getProviders().getBilling()),
                provider(event.getProviders().getRendering()),
                provider(event.getProviders().getReferring()),
                primary == null
                        ? null
                        : new CoverageRef(
                                primary.getPayer().getPayerId(),
                                primary.getPayer().getName(),
                                primary.getSubscriber().getMemberId(),
                                primary.getRelationshipToSubscriber().name()),
                event.getDiagnoses().stream()
                        .map(d -> new Diagnosis(d.getCode(), d.getDescription()))
                        .toList(),
                lines,
                StoredRecords.write(event));
    }

    /** The coverage a claim bills: the one marked primary, else the first listed; null for self-pay. */
    public static Coverage primaryCoverage(List<Coverage> coverages) {
        return coverages.stream()
                .filter(c -> c.getResponsibility() == PayerResponsibility.PRIMARY)
                .findFirst()
                .orElse(coverages.isEmpty() ? null : coverages.get(0));
    }

    /**
     * The coverages in payment order: primary, secondary, tertiary, then any other, each group in the order listed
     * (a stable sort, so coverages without a clear responsibility keep theirs).
     */
    public static List<Coverage> paymentOrder(List<Coverage> coverages) {
        return coverages.stream()
                .sorted(java.util.Comparator.comparingInt(
                        c -> c.getResponsibility().ordinal()))
                .toList();
    }

    private static CodedLine line(ServiceLine line) {
        return new CodedLine(
                line.getLineNumber(),
                line.getProcedureCode(),
                line.getModifiers(),
                line.getUnits(),
                line.getDiagnosisPointers(),
                line.getDateOfService(),
                line.getPlaceOfService());
    }

    private static ProviderRef provider(Provider provider) {
        if (provider == null) {
            return null;
        }
        boolean street = provider.getAddress() != null
                && provider.getAddress().getLine1() != null
                && !provider.getAddress().getLine1().isBlank();
        return new ProviderRef(
                provider.getNpi(),
                provider.getTaxId(),
                provider.getTaxIdType() == null ? null : provider.getTaxIdType().name(),
                street);
    }
}
