package io.claimflow.console;

import io.claimflow.events.Adjustment;
import io.claimflow.events.AdjustmentGroupCode;
import io.claimflow.events.ClaimDenied;
import io.claimflow.events.ClaimFrequency;
import io.claimflow.events.ClaimSubmitted;
import io.claimflow.events.DenialCategory;
import io.claimflow.events.DenialStage;
import io.claimflow.events.EncounterCoded;
import io.claimflow.events.EncounterDocumented;
import io.claimflow.events.PatientResponsibility;
import io.claimflow.events.PaymentPosted;
import io.claimflow.events.RecodeRequested;
import io.claimflow.schemas.json.Samples;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The schemas' sample events with the ids, times and amounts a test needs. */
public final class ConsoleEvents {

    private ConsoleEvents() {}

    public static EncounterDocumented documented(String tenant, String encounter, Instant at, LocalDate dateOfService) {
        EncounterDocumented e = Samples.load(EncounterDocumented.class);
        e.setEventId(UUID.randomUUID().toString());
        e.setTenantId(tenant);
        e.setEncounterId(encounter);
        e.setOccurredAt(at);
        e.setDateOfService(dateOfService);
        return e;
    }

    public static EncounterCoded coded(
            String tenant, String encounter, Instant at, LocalDate dateOfService, int version) {
        EncounterCoded e = Samples.load(EncounterCoded.class);
        e.setEventId(UUID.randomUUID().toString());
        e.setTenantId(tenant);
        e.setEncounterId(encounter);
        e.setOccurredAt(at);
        e.setDateOfService(dateOfService);
        e.setCodingVersion(version);
        if (version == 1) {
            e.setRecodeCause(null);
        }
        return e;
    }

    public static ClaimSubmitted submitted(
            String tenant,
            String encounter,
            String claim,
            Instant at,
            LocalDate dateOfService,
            String charge,
            String replaces,
            String payerId) {
        ClaimSubmitted e = Samples.load(ClaimSubmitted.class);
        e.setEventId(UUID.randomUUID().toString());
        e.setTenantId(tenant);
        e.setEncounterId(encounter);
        e.setClaimId(claim);
        e.setPatientControlNumber("PCN" + claim);
        e.setOccurredAt(at);
        e.setTotalCharge(new BigDecimal(charge));
        e.setFrequency(replaces == null ? ClaimFrequency.ORIGINAL : ClaimFrequency.REPLACEMENT);
        e.setReplacedClaimId(replaces);
        e.setReplacedPayerClaimNumber(replaces == null ? null : "PAYER-" + replaces);
        e.setCodingVersion(replaces == null ? 1 : 2);
        e.getCoverage().getPayer().setPayerId(payerId);
        e.getLines().forEach(l -> l.getService().setDateOfService(dateOfService));
        return e;
    }

    public static ClaimDenied denied(
            String tenant,
            String encounter,
            String claim,
            Instant at,
            String charge,
            DenialStage stage,
            DenialCategory category,
            String carc,
            String payerId) {
        ClaimDenied e = Samples.load(ClaimDenied.class);
        e.setEventId(UUID.randomUUID().toString());
        e.setTenantId(tenant);
        e.setEncounterId(encounter);
        e.setClaimId(claim);
        e.setPatientControlNumber("PCN" + claim);
        e.setOccurredAt(at);
        e.setStage(stage);
        e.setCategory(category);
        e.setTotalCharge(new BigDecimal(charge));
        e.getPayer().setPayerId(payerId);
        e.setLines(List.of());
        e.setRejections(List.of());
        e.setClaimAdjustments(List.of(new Adjustment(AdjustmentGroupCode.CO, carc, new BigDecimal(charge))));
        return e;
    }

    public static RecodeRequested recode(String tenant, String encounter, String claim, Instant at) {
        RecodeRequested e = Samples.load(RecodeRequested.class);
        e.setEventId(UUID.randomUUID().toString());
        e.setTenantId(tenant);
        e.setEncounterId(encounter);
        e.setClaimId(claim);
        e.setOccurredAt(at);
        return e;
    }

    public static PaymentPosted paid(
            String tenant,
            String encounter,
            String claim,
            Instant at,
            String charge,
            String paid,
            String copay,
            String contractual,
            String payerId) {
        PaymentPosted e = Samples.load(PaymentPosted.class);
        e.setEventId(UUID.randomUUID().toString());
        e.setTenantId(tenant);
        e.setEncounterId(encounter);
        e.setClaimId(claim);
        e.setPatientControlNumber("PCN" + claim);
        e.setOccurredAt(at);
        e.setTraceNumber("EFT" + claim);
        e.setChargeAmount(new BigDecimal(charge));
        e.setPaidAmount(new BigDecimal(paid));
        BigDecimal zero = new BigDecimal("0.00");
        e.setPatientResponsibility(
                new PatientResponsibility(zero, zero, new BigDecimal(copay), zero, new BigDecimal(copay)));
        e.setContractualAdjustment(new BigDecimal(contractual));
        e.getPayer().setPayerId(payerId);
        e.setLines(List.of());
        e.setClaimAdjustments(List.of());
        return e;
    }
}
