package io.claimflow.adjudication.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.claimflow.adjudication.claim.ClaimEvents;
import io.claimflow.adjudication.claim.ClaimStatus;
import io.claimflow.adjudication.claim.Notices;
import io.claimflow.adjudication.claim.OutboundClaim;
import io.claimflow.adjudication.claim.OutboundClaims;
import io.claimflow.adjudication.claim.adapter.ClaimSubmittedMapper;
import io.claimflow.adjudication.config.GatewayProperties;
import io.claimflow.adjudication.x12.Professional837Writer;
import io.claimflow.events.ClaimSubmitted;
import io.claimflow.schemas.json.Samples;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * A claim with an X12 delimiter in its data (state {@code O*H}, ZIP {@code 43215~N4*X}) is set aside as a front-end
 * rejection the billers see, and the rest of the batch is still written and stored; before, staedi's refusal aborted
 * the whole batch every poll and starved the payers after it.
 */
class BatchAssemblerTest {

    private final OutboundClaims claims = mock(OutboundClaims.class);
    private final Interchanges interchanges = mock(Interchanges.class);
    private final ClaimEvents events = mock(ClaimEvents.class);
    private final AtomicLong numbers = new AtomicLong();

    @Test
    void aClaimThatCannotBeWrittenIsSetAsideAndTheRestOfTheBatchIsStored() {
        OutboundClaim good = claim("good-1", "OH", "432150000");
        OutboundClaim badState = claim("bad-state", "O*H", "432150000");
        OutboundClaim badZip = claim("bad-zip", "OH", "43215~N4*X");
        OutboundClaim alsoGood = claim("good-2", "OH", "432150000");
        when(claims.lockQueued(eq("BKHP1"), anyInt())).thenReturn(List.of(good, badState, badZip, alsoGood));
        when(interchanges.storeOutbound(anyString(), anyString(), anyString(), anyLong(), anyLong(), any(), anyInt()))
                .thenReturn(77L);

        Optional<Long> interchange = assembler().assemble("BKHP1");

        assertThat(interchange).contains(77L);
        ArgumentCaptor<byte[]> x12 = ArgumentCaptor.forClass(byte[].class);
        verify(interchanges)
                .storeOutbound(eq("BKHP1"), anyString(), anyString(), anyLong(), anyLong(), x12.capture(), eq(2));
        String file = new String(x12.getValue(), StandardCharsets.US_ASCII);
        assertThat(file).contains("PCNGOOD-1", "PCNGOOD-2").doesNotContain("PCNBAD", "O*H", "N4*X");
        @SuppressWarnings("unchecked")
        ArgumentCaptor<java.util.Map<String, Long>> batched = ArgumentCaptor.forClass(java.util.Map.class);
        verify(claims).markBatched(eq(77L), batched.capture());
        assertThat(batched.getValue()).containsOnlyKeys("good-1", "good-2");
        verify(claims).updateStatus("bad-state", ClaimStatus.REJECTED, null);
        verify(claims).updateStatus("bad-zip", ClaimStatus.REJECTED, null);
        ArgumentCaptor<Notices.Denial> denials = ArgumentCaptor.forClass(Notices.Denial.class);
        verify(events, org.mockito.Mockito.times(2)).denied(denials.capture());
        assertThat(denials.getAllValues()).allSatisfy(denial -> {
            assertThat(denial.stage()).isEqualTo(Notices.Stage.FRONT_END_REJECTION);
            assertThat(denial.rejections()).singleElement().satisfies(r -> {
                assertThat(r.code()).isEqualTo("6");
                assertThat(r.description())
                        .contains("delimiter")
                        .doesNotContain("O*H")
                        .doesNotContain("43215");
            });
        });
    }

    @Test
    void aBatchOfOnlyUnwritableClaimsStoresNoInterchange() {
        when(claims.lockQueued(eq("BKHP1"), anyInt())).thenReturn(List.of(claim("bad", "O*H", "432150000")));

        assertThat(assembler().assemble("BKHP1")).isEmpty();
        verify(interchanges, never())
                .storeOutbound(anyString(), anyString(), anyString(), anyLong(), anyLong(), any(), anyInt());
        verify(claims).updateStatus("bad", ClaimStatus.REJECTED, null);
    }

    private BatchAssembler assembler() {
        ControlNumbers controlNumbers = mock(ControlNumbers.class);
        when(controlNumbers.nextInterchange()).thenAnswer(i -> numbers.incrementAndGet());
        when(controlNumbers.nextGroup()).thenAnswer(i -> numbers.incrementAndGet());
        when(controlNumbers.nextTransaction()).thenAnswer(i -> numbers.incrementAndGet());
        when(controlNumbers.nextTransactions(anyInt()))
                .thenAnswer(i -> java.util.stream.LongStream.range(0, i.<Integer>getArgument(0))
                        .mapToObj(n -> numbers.incrementAndGet())
                        .toList());
        GatewayProperties properties = mock(GatewayProperties.class);
        when(properties.connection("BKHP1"))
                .thenReturn(
                        new GatewayProperties.PayerConnection("BKHP1", "Buckeye", "http://localhost:1", null, null));
        when(properties.batch())
                .thenReturn(new GatewayProperties.Batch(50, Duration.ofMillis(500), Duration.ofMillis(500)));
        when(properties.submitter())
                .thenReturn(new GatewayProperties.Submitter("CLAIMFLOW", "ClaimFlow", "Ops", "6145550100"));
        Clock clock = Clock.fixed(Instant.parse("2026-06-01T10:00:00Z"), ZoneOffset.UTC);
        return new BatchAssembler(
                claims, interchanges, controlNumbers, new Professional837Writer(false), properties, clock, events);
    }

    private static OutboundClaim claim(String id, String state, String zip) {
        ClaimSubmitted event = Samples.load(ClaimSubmitted.class);
        event.setClaimId(id);
        event.setEncounterId("enc-" + id);
        event.setPatientControlNumber("PCN" + id.toUpperCase());
        for (io.claimflow.events.Address address : new io.claimflow.events.Address[] {
            event.getPatient().getAddress(), event.getCoverage().getSubscriber().getAddress()
        }) {
            if (address != null) {
                address.setState(state);
                address.setPostalCode(zip);
            }
        }
        return ClaimSubmittedMapper.toClaim(event);
    }
}
