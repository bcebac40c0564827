package io.claimflow.payersimulator.adjudication.adapter;

import io.claimflow.payersimulator.adjudication.Faults;
import io.claimflow.payersimulator.adjudication.PayerSimulator;
import io.claimflow.x12.X12FormatException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The simulator's HTTP API. {@code POST /x12/837} takes an 837P and answers its 999 (or, with the ta1-rejection
 * behaviour, a TA1 rejecting the interchange); {@code GET /x12/responses} lists the TA1, 277CA, 277 and 835 files
 * waiting for a submitter, {@code GET /x12/responses/{id}} returns one and
 * {@code POST /x12/responses/{id}/ack} removes it. {@code GET/PUT /simulator/faults} read and set the fault knobs.
 */
@RestController
class SimulatorController {

    /**
     * An id given by a caller (submitter id, member id, response id): the platform's {@code Identifier} form, 1 to 100
     * letters, digits or {@code . _ : / # @ + = -} (the simulator is a stand-in outside the platform, so it states it
     * with Bean Validation's own {@code @Pattern}).
     */
    static final String ID = "[A-Za-z0-9][A-Za-z0-9._:/#@+=-]{0,99}";

    static final String ID_MESSAGE = "must be 1 to 100 letters, digits or . _ : / # @ + = -";

    /** The longest fault latency: a minute (longer holds every caller's thread). */
    static final long MAX_LATENCY_MILLIS = 60_000;

    /** The fault knobs as taken over REST: in range, or refused (not clamped). */
    record FaultSettings(
            @Min(0) @Max(MAX_LATENCY_MILLIS) long latencyMillis,
            @DecimalMin("0") @DecimalMax("1") BigDecimal errorRate,
            long seed,
            boolean outage,
            boolean malformed835,
            boolean unbalanced835) {

        Faults.Settings settings() {
            return new Faults.Settings(
                    latencyMillis,
                    errorRate == null ? 0 : errorRate.doubleValue(),
                    seed,
                    outage,
                    malformed835,
                    unbalanced835);
        }
    }

    private static final MediaType X12 = MediaType.parseMediaType("application/edi-x12");

    private final PayerSimulator simulator;
    private final Faults faults;

    SimulatorController(PayerSimulator simulator, Faults faults) {
        this.simulator = simulator;
        this.faults = faults;
    }

    @PostMapping(path = "/x12/837")
    ResponseEntity<byte[]> submit(@RequestBody byte[] x12) throws InterruptedException {
        ResponseEntity<byte[]> fault = fault();
        if (fault != null) {
            return fault;
        }
        return ResponseEntity.ok().contentType(X12).body(simulator.receive(x12));
    }

    @GetMapping("/x12/responses")
    ResponseEntity<?> pending(
            @RequestParam(required = false) @Pattern(regexp = ID, message = ID_MESSAGE) String submitter)
            throws InterruptedException {
        ResponseEntity<byte[]> fault = fault();
        if (fault != null) {
            return fault;
        }
        List<Map<String, Object>> list = simulator.pending(submitter).stream()
                .map(r -> Map.<String, Object>of(
                        "id",
                        r.id(),
                        "type",
                        r.type(),
                        "createdAt",
                        r.createdAt().toString()))
                .toList();
        return ResponseEntity.ok(list);
    }

    @GetMapping("/x12/responses/{id}")
    ResponseEntity<byte[]> response(@PathVariable @Pattern(regexp = ID, message = ID_MESSAGE) String id)
            throws InterruptedException {
        ResponseEntity<byte[]> fault = fault();
        if (fault != null) {
            return fault;
        }
        return simulator
                .response(id)
                .map(r -> ResponseEntity.ok().contentType(X12).body(r.content()))
                .orElse(ResponseEntity.notFound().build());
    }

    @PostMapping("/x12/responses/{id}/ack")
    ResponseEntity<Void> acknowledge(@PathVariable @Pattern(regexp = ID, message = ID_MESSAGE) String id)
            throws InterruptedException {
        if (fault() != null) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build();
        }
        return simulator.acknowledge(id)
                ? ResponseEntity.noContent().build()
                : ResponseEntity.notFound().build();
    }

    @GetMapping("/simulator/faults")
    Faults.Settings faults() {
        return faults.settings();
    }

    @PutMapping("/simulator/faults")
    Faults.Settings setFaults(@RequestBody @Valid FaultSettings settings) {
        faults.set(settings.settings());
        return faults.settings();
    }

    @GetMapping("/simulator/accumulators/{memberId}/{year}")
    Map<String, BigDecimal> accumulators(
            @PathVariable @Pattern(regexp = ID, message = ID_MESSAGE) String memberId,
            @PathVariable @Min(1901) @Max(2199) int year) {
        return simulator.accumulators(memberId, year);
    }

    @ExceptionHandler(X12FormatException.class)
    ProblemDetail unreadable(X12FormatException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Not a readable 837P interchange");
        return problem;
    }

    private ResponseEntity<byte[]> fault() throws InterruptedException {
        if (faults.latencyMillis() > 0) {
            Thread.sleep(faults.latencyMillis());
        }
        if (faults.outage()) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build();
        }
        if (faults.nextCallFails()) {
            return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).build();
        }
        return null;
    }
}
