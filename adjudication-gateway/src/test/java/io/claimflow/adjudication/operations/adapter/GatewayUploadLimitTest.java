package io.claimflow.adjudication.operations.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.claimflow.adjudication.claim.OutboundClaims;
import io.claimflow.adjudication.response.InboundFiles;
import io.claimflow.adjudication.response.Quarantine;
import io.claimflow.adjudication.response.Remittances;
import io.claimflow.adjudication.submission.Interchanges;
import io.claimflow.platform.audit.AuditTrail;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

/** The upload door of the gateway: a size limit answered 413 before reading on, and garbage never stored whole. */
class GatewayUploadLimitTest {

    private final InboundFiles inbound = mock(InboundFiles.class);
    private final GatewayController controller = new GatewayController(
            mock(Interchanges.class),
            mock(OutboundClaims.class),
            mock(Quarantine.class),
            mock(Remittances.class),
            inbound,
            CircuitBreakerRegistry.ofDefaults(),
            mock(AuditTrail.class));

    @Test
    void aFileOverTheLimitIs413AndNothingIsStored() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/adjudication/remittances/upload");
        request.setContent(new byte[GatewayController.MAX_UPLOAD_BYTES + 1]);

        ResponseEntity<?> answer = controller.upload(request);

        assertThat(answer.getStatusCode().value()).isEqualTo(413);
        verify(inbound, never()).accept(any(), anyString());
    }

    @Test
    void tenMegabytesOfGarbageAreQuarantinedButNotKeptWhole() throws Exception {
        byte[] garbage = new byte[10 * 1024 * 1024];
        Arrays.fill(garbage, (byte) 'x');
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/adjudication/remittances/upload");
        request.setContent(garbage);
        when(inbound.accept(any(), anyString()))
                .thenReturn(new InboundFiles.Received(1, "UNKNOWN", "QUARANTINED", "not X12"));

        assertThat(controller.upload(request).getStatusCode().value()).isEqualTo(422);

        ArgumentCaptor<byte[]> stored = ArgumentCaptor.forClass(byte[].class);
        verify(inbound).accept(stored.capture(), anyString());
        assertThat(stored.getValue()).hasSize(GatewayController.KEPT_OF_GARBAGE);
    }

    @Test
    void anX12FileIsPassedOnWhole() throws Exception {
        byte[] x12 = ("\uFEFF\r\nISA*00*          *00*          *ZZ*BKHP1          *ZZ*CLAIMFLOW      *260601*1000*^*"
                        + "00501*000000001*0*P*:~" + "N".repeat(100_000))
                .getBytes(StandardCharsets.UTF_8);
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/adjudication/remittances/upload");
        request.setContent(x12);
        when(inbound.accept(any(), anyString())).thenReturn(new InboundFiles.Received(2, "835", "PROCESSED", null));

        assertThat(controller.upload(request).getStatusCode().value()).isEqualTo(201);
        ArgumentCaptor<byte[]> stored = ArgumentCaptor.forClass(byte[].class);
        verify(inbound).accept(stored.capture(), anyString());
        assertThat(stored.getValue()).hasSize(x12.length);
    }
}
