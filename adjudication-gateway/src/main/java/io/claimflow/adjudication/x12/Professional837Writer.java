package io.claimflow.adjudication.x12;

import static io.claimflow.x12.X12Values.amount;
import static io.claimflow.x12.X12Values.date;
import static io.claimflow.x12.X12Values.fixed;
import static io.claimflow.x12.X12Values.text;

import io.claimflow.adjudication.claim.Notices;
import io.claimflow.adjudication.claim.OutboundClaim;
import io.claimflow.adjudication.claim.OutboundClaim.Address;
import io.claimflow.adjudication.claim.OutboundClaim.Line;
import io.claimflow.adjudication.claim.OutboundClaim.LineAdjudication;
import io.claimflow.adjudication.claim.OutboundClaim.OtherPayer;
import io.claimflow.adjudication.claim.OutboundClaim.Person;
import io.claimflow.adjudication.claim.OutboundClaim.PriorAdjudication;
import io.claimflow.adjudication.claim.OutboundClaim.Provider;
import io.claimflow.codes.Frequency;
import io.claimflow.x12.X12Output;
import io.claimflow.x12.X12Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes ASC X12 005010X222A1 (837P, health care claim: professional) with staedi: one interchange (ISA/IEA) with one
 * functional group (GS/GE), one transaction set (ST/SE) per claim. Delimiters: {@code *} element, {@code :}
 * component, {@code ^} repetition, {@code ~} segment.
 */
public final class Professional837Writer {

    public static final String VERSION = "005010X222A1";

    private final boolean prettyPrint;

    public Professional837Writer(boolean prettyPrint) {
        this.prettyPrint = prettyPrint;
    }

    public Professional837Writer() {
        this(true);
    }

    /** The whole interchange, ASCII. */
    public byte[] write(InterchangeEnvelope envelope, List<ClaimTransaction> transactions) {
        if (transactions.isEmpty()) {
            throw new IllegalArgumentException("an interchange needs at least one claim");
        }
        try (X12Output out = new X12Output(prettyPrint)) {
            out.startInterchange();
            out.segment(
                    "ISA",
                    "00",
                    fixed("", 10),
                    "00",
                    fixed("", 10),
                    "ZZ",
                    fixed(envelope.senderId(), 15),
                    "ZZ",
                    fixed(envelope.receiverId(), 15),
                    X12Values.ISA_DATE.format(envelope.createdAt()),
                    X12Values.TIME.format(envelope.createdAt()),
                    "^",
                    "00501",
                    envelope.isaControlNumber(),
                    "1",
                    envelope.production() ? "P" : "T",
                    ":");
            out.segment(
                    "GS",
                    "HC",
                    envelope.senderId(),
                    envelope.receiverId(),
                    X12Values.DATE.format(envelope.createdAt()),
                    X12Values.TIME.format(envelope.createdAt()),
                    Long.toString(envelope.groupControlNumber()),
                    "X",
                    VERSION);
            for (ClaimTransaction transaction : transactions) {
                writeTransaction(out, envelope, transaction);
            }
            out.segment("GE", Integer.toString(transactions.size()), Long.toString(envelope.groupControlNumber()));
            out.segment("IEA", "1", envelope.isaControlNumber());
            out.endInterchange();
            return out.toBytes();
        }
    }

    private void writeTransaction(X12Output out, InterchangeEnvelope envelope, ClaimTransaction transaction) {
        OutboundClaim claim = transaction.claim();
        String st02 = transaction.stControlNumber();
        out.startTransaction();
        out.segment("ST", "837", st02, VERSION);
        out.segment(
                "BHT",
                "0019",
                "00",
                st02,
                X12Values.DATE.format(envelope.createdAt()),
                X12Values.TIME.format(envelope.createdAt()),
                "CH");
        // 1000A submitter, 1000B receiver
        out.segment(
                "NM1", "41", "2", text(envelope.submitterName()), null, null, null, null, "46", envelope.senderId());
        out.segment("PER", "IC", text(envelope.submitterContactName()), "TE", envelope.submitterContactPhone());
        out.segment(
                "NM1", "40", "2", text(envelope.receiverName()), null, null, null, null, "46", envelope.receiverId());
        // 2000A billing provider
        int hl = 1;
        out.segment("HL", "1", null, "20", "1");
        Provider billing = claim.billing();
        if (billing.taxonomyCode() != null) {
            out.segment("PRV", "BI", "PXC", billing.taxonomyCode());
        }
        provider(out, "85", billing);
        address(out, billing.address());
        out.segment("REF", billing.taxIdIsSsn() ? "SY" : "EI", billing.taxId());
        // 2000B subscriber
        int subscriberHl = ++hl;
        boolean self = claim.coverage().patientIsSubscriber();
        out.segment("HL", Integer.toString(subscriberHl), "1", "22", self ? "0" : "1");
        OutboundClaim.Coverage coverage = claim.coverage();
        sbr(out, coverage, self ? "18" : null);
        Person subscriber = coverage.subscriber();
        subscriberName(out, coverage);
        address(out, subscriberAddress(claim, coverage));
        if (self || subscriber.birthDate() != null) {
            Person demographics = self ? claim.patient() : subscriber;
            out.segment("DMG", "D8", date(demographics.birthDate()), demographics.sex());
        }
        payerName(out, coverage);
        if (!self) {
            // 2000C patient
            out.segment("HL", Integer.toString(++hl), Integer.toString(subscriberHl), "23", "0");
            out.segment("PAT", coverage.relationshipCode());
            Person patient = claim.patient();
            out.segment(
                    "NM1",
                    "QC",
                    "1",
                    text(patient.lastName()),
                    text(patient.firstName()),
                    text(patient.middleName()),
                    null,
                    text(patient.nameSuffix()));
            address(out, patient.address());
            out.segment("DMG", "D8", date(patient.birthDate()), patient.sex());
        }
        // 2300 claim; CLM20 (claim delay reason code) only on a claim filed late, CLM10-CLM19 then empty
        List<Object> clm = new ArrayList<>(List.of(
                claim.patientControlNumber(),
                amount(claim.totalCharge()),
                "",
                "",
                new String[] {claim.placeOfService(), "B", claim.frequency().code()},
                "Y",
                "A",
                "Y",
                "Y"));
        if (claim.delayReasonCode() != null) {
            while (clm.size() < 19) {
                clm.add("");
            }
            clm.add(claim.delayReasonCode());
        }
        out.segment("CLM", clm.toArray());
        if (claim.replacedPayerClaimNumber() != null && claim.frequency() != Frequency.ORIGINAL) {
            out.segment("REF", "F8", text(claim.replacedPayerClaimNumber()));
        }
        if (claim.referralNumber() != null) {
            out.segment("REF", "9F", text(claim.referralNumber()));
        }
        if (claim.priorAuthorizationNumber() != null) {
            out.segment("REF", "G1", text(claim.priorAuthorizationNumber()));
        }
        // 2300 NTE (claim note, after the REFs and before HI): additional information, e.g. a late claim's proof
        String note = text(claim.claimNote());
        if (note != null) {
            out.segment("NTE", "ADD", note.length() > 80 ? note.substring(0, 80) : note);
        }
        if (!claim.diagnoses().isEmpty()) {
            List<Object> hi = new ArrayList<>();
            for (int i = 0; i < claim.diagnoses().size(); i++) {
                hi.add(new String[] {
                    i == 0 ? "ABK" : "ABF", claim.diagnoses().get(i).replace(".", "")
                });
            }
            out.segment("HI", hi.toArray());
        }
        if (claim.referring() != null) {
            provider(out, "DN", claim.referring());
        }
        Provider rendering = claim.rendering();
        if (rendering != null && !rendering.npi().equals(billing.npi())) {
            provider(out, "82", rendering);
            if (rendering.taxonomyCode() != null) {
                out.segment("PRV", "PE", "PXC", rendering.taxonomyCode());
            }
        }
        if (claim.facility() != null) {
            out.segment(
                    "NM1",
                    "77",
                    "2",
                    text(claim.facility().name()),
                    null,
                    null,
                    null,
                    null,
                    claim.facility().npi() == null ? null : "XX",
                    claim.facility().npi());
            address(out, claim.facility().address());
        }
        for (OtherPayer other : claim.otherPayers()) {
            otherPayer(out, claim, other);
        }
        // 2400 service lines
        int lx = 0;
        for (Line line : claim.lines()) {
            out.segment("LX", Integer.toString(++lx));
            String[] procedure = procedure(line.procedureCode(), line.modifiers());
            String[] pointers =
                    line.diagnosisPointers().stream().map(String::valueOf).toArray(String[]::new);
            out.segment(
                    "SV1",
                    procedure,
                    amount(line.charge()),
                    "UN",
                    Integer.toString(line.units()),
                    line.placeOfService(),
                    null,
                    pointers.length == 0 ? null : pointers);
            out.segment("DTP", "472", "D8", date(line.dateOfService()));
            out.segment("REF", "6R", line.lineItemControlNumber());
            if (line.ndc() != null) {
                out.segment("LIN", null, "N4", line.ndc());
                out.segment(
                        "CTP",
                        null,
                        null,
                        null,
                        line.ndcQuantity().stripTrailingZeros().toPlainString(),
                        new String[] {line.ndcUnit()});
            }
            for (OtherPayer other : claim.otherPayers()) {
                lineAdjudication(out, line, other);
            }
        }
        out.segment("SE", Integer.toString(out.segmentCountIncludingSe()), st02);
    }

    /**
     * Loops 2320 (other subscriber information), 2330A (other subscriber) and 2330B (other payer) for one other
     * coverage. CAS, AMT*D, AMT*EAF and REF*F8 only when that payer adjudicated the claim; DTP*573 in 2330B only when
     * it adjudicated and no 2430 loop carries its line dates (X222A1 situational rules).
     */
    private static void otherPayer(X12Output out, OutboundClaim claim, OtherPayer other) {
        OutboundClaim.Coverage coverage = other.coverage();
        PriorAdjudication adjudication = other.adjudication();
        sbr(out, coverage, coverage.relationshipCode());
        if (adjudication != null) {
            adjustments(out, adjudication.claimAdjustments());
            out.segment("AMT", "D", amount(adjudication.paidAmount()));
            if (adjudication.remainingPatientLiability() != null) {
                out.segment("AMT", "EAF", amount(adjudication.remainingPatientLiability()));
            }
        }
        out.segment("OI", null, null, "Y", null, null, "Y");
        // 2330A other subscriber
        subscriberName(out, coverage);
        address(out, subscriberAddress(claim, coverage));
        // 2330B other payer
        payerName(out, coverage);
        if (adjudication != null) {
            if (adjudication.lines().isEmpty()) {
                out.segment("DTP", "573", "D8", date(adjudication.adjudicationDate()));
            }
            if (adjudication.payerClaimNumber() != null) {
                out.segment("REF", "F8", text(adjudication.payerClaimNumber()));
            }
        }
    }

    /** Loop 2430 for a line the other payer adjudicated: SVD, CAS, DTP*573. */
    private static void lineAdjudication(X12Output out, Line line, OtherPayer other) {
        if (other.adjudication() == null) {
            return;
        }
        for (LineAdjudication adjudicated : other.adjudication().lines()) {
            if (adjudicated.lineNumber() != line.lineNumber()) {
                continue;
            }
            String[] procedure = adjudicated.procedureCode() == null
                    ? procedure(line.procedureCode(), line.modifiers())
                    : procedure(adjudicated.procedureCode(), adjudicated.modifiers());
            out.segment(
                    "SVD",
                    text(other.coverage().payerId()),
                    amount(adjudicated.paidAmount()),
                    procedure,
                    null,
                    adjudicated.paidUnits() == null
                            ? Integer.toString(line.units())
                            : adjudicated.paidUnits().stripTrailingZeros().toPlainString());
            adjustments(out, adjudicated.adjustments());
            out.segment("DTP", "573", "D8", date(other.adjudication().adjudicationDate()));
        }
    }

    /** SBR of loop 2000B or 2320: sequence, relationship, group number or name, claim filing indicator. */
    private static void sbr(X12Output out, OutboundClaim.Coverage coverage, String relationship) {
        out.segment(
                "SBR",
                coverage.payerSequence(),
                relationship,
                text(coverage.groupNumber()),
                coverage.groupNumber() == null ? text(coverage.groupName()) : null,
                null,
                null,
                null,
                null,
                coverage.claimFilingIndicator() == null ? "CI" : coverage.claimFilingIndicator());
    }

    /** NM1*IL of loop 2010BA or 2330A: the subscriber and member id. */
    private static void subscriberName(X12Output out, OutboundClaim.Coverage coverage) {
        Person subscriber = coverage.subscriber();
        out.segment(
                "NM1",
                "IL",
                "1",
                text(subscriber.lastName()),
                text(subscriber.firstName()),
                text(subscriber.middleName()),
                null,
                text(subscriber.nameSuffix()),
                "MI",
                text(coverage.memberId()));
    }

    /** The subscriber's address, the patient's when the patient is the subscriber; null when unknown. */
    private static Address subscriberAddress(OutboundClaim claim, OutboundClaim.Coverage coverage) {
        Address address = coverage.subscriber().address();
        return address != null
                ? address
                : coverage.patientIsSubscriber() ? claim.patient().address() : null;
    }

    /** NM1*PR of loop 2010BB or 2330B. */
    private static void payerName(X12Output out, OutboundClaim.Coverage coverage) {
        out.segment(
                "NM1", "PR", "2", text(coverage.payerName()), null, null, null, null, "PI", text(coverage.payerId()));
    }

    /** The composite procedure (SV101, SVD03): qualifier HC, code, modifiers. */
    private static String[] procedure(String code, List<String> modifiers) {
        String[] procedure = new String[2 + modifiers.size()];
        procedure[0] = "HC";
        procedure[1] = code;
        for (int m = 0; m < modifiers.size(); m++) {
            procedure[2 + m] = modifiers.get(m);
        }
        return procedure;
    }

    /** CAS segments: one per group code in the order first met, at most six reasons each; zero amounts left out. */
    private static void adjustments(X12Output out, List<Notices.Adjustment> adjustments) {
        Map<String, List<Notices.Adjustment>> byGroup = new LinkedHashMap<>();
        for (Notices.Adjustment adjustment : adjustments) {
            if (adjustment.amount().signum() != 0) {
                byGroup.computeIfAbsent(adjustment.groupCode(), g -> new ArrayList<>())
                        .add(adjustment);
            }
        }
        for (Map.Entry<String, List<Notices.Adjustment>> group : byGroup.entrySet()) {
            List<Notices.Adjustment> reasons = group.getValue();
            for (int from = 0; from < reasons.size(); from += 6) {
                List<Object> elements = new ArrayList<>();
                elements.add(group.getKey());
                for (Notices.Adjustment reason : reasons.subList(from, Math.min(from + 6, reasons.size()))) {
                    elements.add(reason.reasonCode());
                    elements.add(amount(reason.amount()));
                    elements.add(null);
                }
                elements.remove(elements.size() - 1);
                out.segment("CAS", elements.toArray());
            }
        }
    }

    private static void provider(X12Output out, String entity, Provider provider) {
        boolean person = !provider.organization();
        out.segment(
                "NM1",
                entity,
                person ? "1" : "2",
                text(provider.lastOrOrganizationName()),
                person ? text(provider.firstName()) : null,
                null,
                null,
                null,
                "XX",
                provider.npi());
    }

    private static void address(X12Output out, Address address) {
        if (address == null) {
            return;
        }
        if (address.line2() == null) {
            out.segment("N3", text(address.line1()));
        } else {
            out.segment("N3", text(address.line1()), text(address.line2()));
        }
        out.segment("N4", text(address.city()), address.state(), address.postalCode());
    }
}
