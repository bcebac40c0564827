package io.claimflow.adjudication.x12;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.imsweb.x12.Loop;
import com.imsweb.x12.reader.X12Reader;
import io.claimflow.adjudication.claim.OutboundClaim;
import io.claimflow.adjudication.claim.adapter.ClaimSubmittedMapper;
import io.claimflow.events.ClaimSubmitted;
import io.claimflow.events.SubscriberRelationship;
import io.claimflow.schemas.json.Samples;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The 837P the gateway writes passes x12-parser's 005010X222A1 implementation-guide map (an independent reader). */
class Professional837WriterTest {

    static final InterchangeEnvelope ENVELOPE = new InterchangeEnvelope(
            "CLAIMFLOW",
            "SIMPAYER",
            42,
            43,
            LocalDateTime.of(2026, 3, 11, 2, 0),
            false,
            "ClaimFlow Billing",
            "Billing Desk",
            "6145550100",
            "Buckeye Health Plan");

    final Professional837Writer writer = new Professional837Writer();

    @Test
    void sampleClaimIsAValid837P() throws Exception {
        OutboundClaim claim = ClaimSubmittedMapper.toClaim(Samples.load(ClaimSubmitted.class));

        byte[] x12 = writer.write(ENVELOPE, List.of(new ClaimTransaction(7, claim)));

        X12Reader reader = validated(x12);
        String text = new String(x12, StandardCharsets.US_ASCII);
        assertThat(text)
                .startsWith(
                        "ISA*00*          *00*          *ZZ*CLAIMFLOW      *ZZ*SIMPAYER       *260311*0200*^*00501*000000042*1*T*:~");
        assertThat(text).contains("GS*HC*CLAIMFLOW*SIMPAYER*20260311*0200*43*X*005010X222A1~");
        assertThat(text).contains("ST*837*0007*005010X222A1~");
        assertThat(text).contains("CLM*RFM20260311000317*210***11:B:1*Y*A*Y*Y~");
        assertThat(text).contains("HI*ABK:I10*ABF:E119~");
        assertThat(text).contains("SV1*HC:99214*165*UN*1***1:2~");
        assertThat(text).contains("REF*6R*clm-20260311-000317-2~");
        assertThat(text).contains("IEA*1*000000042~");
        Loop isa = reader.getLoops().get(0);
        assertThat(isa.getLoop("ST_LOOP").getSegment("ST").getElementValue("ST02"))
                .isEqualTo("0007");
    }

    @Test
    void batchOfClaimsForADependentIsValid() throws Exception {
        ClaimSubmitted dependent = Samples.load(ClaimSubmitted.class);
        dependent.getCoverage().setRelationshipToSubscriber(SubscriberRelationship.CHILD);
        dependent.getCoverage().getSubscriber().setFirstName("Robert");
        dependent.setPatientControlNumber("PCN-DEPENDENT-1");
        dependent.setPriorAuthorizationNumber("AUTH123");
        OutboundClaim first = ClaimSubmittedMapper.toClaim(Samples.load(ClaimSubmitted.class));
        OutboundClaim second = ClaimSubmittedMapper.toClaim(dependent);

        byte[] x12 = writer.write(ENVELOPE, List.of(new ClaimTransaction(8, first), new ClaimTransaction(9, second)));

        validated(x12);
        String text = new String(x12, StandardCharsets.US_ASCII);
        assertThat(text).contains("GE*2*43~");
        assertThat(text).contains("HL*3*2*23*0~");
        assertThat(text).contains("PAT*19~");
        assertThat(text).contains("REF*G1*AUTH123~");
    }

    @Test
    void aLateClaimCarriesItsDelayReasonInClm20AndItsProofInA2300Note() throws Exception {
        ClaimSubmitted late = Samples.load(ClaimSubmitted.class);
        late.setPriorAuthorizationNumber("AUTH123");
        late.setDelayReasonCode("9");
        late.setClaimNote("orig filed 2025-11-03 payer ICN 2025307000451 claim clm-20251103-000451");
        OutboundClaim claim = ClaimSubmittedMapper.toClaim(late);

        byte[] x12 = writer.write(ENVELOPE, List.of(new ClaimTransaction(7, claim)));

        X12Reader reader = validated(x12);
        String text = new String(x12, StandardCharsets.US_ASCII);
        // CLM20 is the twentieth element: CLM10-CLM19 empty
        assertThat(text).contains("CLM*RFM20260311000317*210***11:B:1*Y*A*Y*Y***********9~");
        // NTE*ADD in loop 2300: after the claim's REFs, before HI
        assertThat(text)
                .containsPattern(
                        "REF\\*G1\\*AUTH123~\\s*NTE\\*ADD\\*ORIG FILED 2025-11-03 PAYER ICN 2025307000451 CLAIM "
                                + "CLM-20251103-000451~\\s*HI\\*");
        Loop claimLoop = reader.getLoops().get(0).findLoop("2300").get(0);
        assertThat(claimLoop.getSegment("CLM").getElementValue("CLM20")).isEqualTo("9");
        assertThat(claimLoop.getSegment("NTE").getElementValue("NTE01")).isEqualTo("ADD");

        // a claim filed in time has neither
        String inTime = new String(
                writer.write(
                        ENVELOPE,
                        List.of(new ClaimTransaction(
                                8, ClaimSubmittedMapper.toClaim(Samples.load(ClaimSubmitted.class))))),
                StandardCharsets.US_ASCII);
        assertThat(inTime)
                .contains("CLM*RFM20260311000317*210***11:B:1*Y*A*Y*Y~")
                .doesNotContain("NTE*");
    }

    @Test
    void aDelayReasonThatIsNoClm20CodeOrANoteTooLongIsRefused() {
        ClaimSubmitted badCode = Samples.load(ClaimSubmitted.class);
        badCode.setDelayReasonCode("12");
        assertThatThrownBy(() -> ClaimSubmittedMapper.toClaim(badCode))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a CLM20 code");
        ClaimSubmitted longNote = Samples.load(ClaimSubmitted.class);
        longNote.setClaimNote("x".repeat(81));
        assertThatThrownBy(() -> ClaimSubmittedMapper.toClaim(longNote))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to 80 characters");
    }

    @Test
    void aClaimWhoseTotalIsNotTheSumOfItsLinesIsRefused() {
        ClaimSubmitted event = Samples.load(ClaimSubmitted.class);
        event.setTotalCharge(new java.math.BigDecimal("211.00"));

        assertThatThrownBy(() -> ClaimSubmittedMapper.toClaim(event))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not the sum of the line charges");
    }

    @Test
    void theValidatorNoticesAMissingRequiredSegment() throws Exception {
        OutboundClaim claim = ClaimSubmittedMapper.toClaim(Samples.load(ClaimSubmitted.class));
        String text =
                new String(writer.write(ENVELOPE, List.of(new ClaimTransaction(7, claim))), StandardCharsets.US_ASCII);
        // Drop the billing provider name (loop 2010AA, required) and fix SE01 so only the loop is wrong.
        String broken = text.replaceFirst("NM1\\*85\\*[^~]*~\\s*", "");
        int segments = Integer.parseInt(text.replaceAll("(?s).*SE\\*(\\d+)\\*.*", "$1"));
        broken = broken.replace("SE*" + segments + "*", "SE*" + (segments - 1) + "*");

        X12Reader reader = new X12Reader(
                X12Reader.FileType.ANSI837_5010_X222,
                new ByteArrayInputStream(broken.getBytes(StandardCharsets.US_ASCII)));

        assertThat(reader.getErrors()).isNotEmpty();
    }

    static X12Reader validated(byte[] x12) throws Exception {
        X12Reader reader = new X12Reader(X12Reader.FileType.ANSI837_5010_X222, new ByteArrayInputStream(x12));
        assertThat(reader.getFatalErrors()).as("fatal errors").isEmpty();
        assertThat(reader.getErrors()).as("implementation-guide errors").isEmpty();
        return reader;
    }
}
