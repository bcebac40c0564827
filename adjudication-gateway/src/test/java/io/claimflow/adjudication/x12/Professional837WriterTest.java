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
