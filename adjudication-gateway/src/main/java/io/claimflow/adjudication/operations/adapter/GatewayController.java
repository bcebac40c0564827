package io.claimflow.adjudication.operations.adapter;

import io.claimflow.adjudication.claim.ClaimStatus;
import io.claimflow.adjudication.claim.OutboundClaims;
import io.claimflow.adjudication.response.InboundFiles;
import io.claimflow.adjudication.response.Quarantine;
import io.claimflow.adjudication.response.Remittances;
import io.claimflow.adjudication.submission.InterchangeRecord;
import io.claimflow.adjudication.submission.Interchanges;
import io.claimflow.platform.audit.AuditTrail;
import io.claimflow.platform.validation.Identifier;
import io.claimflow.platform.web.BadRequestException;
import io.claimflow.platform.web.NotFoundException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * adjudication-gateway's REST API for billers and administrators: interchanges sent and received with their status,
 * a claim's X12 history, quarantined files (list, inspect, retry), unmatched remittances, manual upload of an 835
 * (or 277CA / 999) file, and the payers' circuit and queue state.
 */
@RestController
@RequestMapping("/api/adjudication")
class GatewayController {

    /** A status named in a search (interchange, quarantined file): its name in capitals. */
    static final String STATUS = "[A-Z][A-Z_]{0,31}";

    static final String STATUS_MESSAGE = "must be a status name: 1 to 32 capital letters or '_'";

    /** The largest file {@code POST /remittances/upload} takes (a large payer's daily 835 is a few MB). */
    static final int MAX_UPLOAD_BYTES = 16 * 1024 * 1024;

    /** The most of a refused upload read and dropped before the 413. */
    static final long DISCARDED_AT_MOST = 64L * 1024 * 1024;

    /** What is kept, in quarantine, of an upload that is no X12 interchange at all. */
    static final int KEPT_OF_GARBAGE = 64 * 1024;

    private final Interchanges interchanges;
    private final OutboundClaims claims;
    private final Quarantine quarantine;
    private final Remittances remittances;
    private final InboundFiles inbound;
    private final CircuitBreakerRegistry circuitBreakers;
    private final AuditTrail audit;

    GatewayController(
            Interchanges interchanges,
            OutboundClaims claims,
            Quarantine quarantine,
            Remittances remittances,
            InboundFiles inbound,
            CircuitBreakerRegistry circuitBreakers,
            AuditTrail audit) {
        this.interchanges = interchanges;
        this.claims = claims;
        this.quarantine = quarantine;
        this.remittances = remittances;
        this.inbound = inbound;
        this.circuitBreakers = circuitBreakers;
        this.audit = audit;
    }

    @GetMapping("/interchanges")
    @PreAuthorize("hasAnyRole('BILLER', 'ADMIN')")
    List<InterchangeRecord> interchanges(
            @RequestParam(required = false) String direction,
            @RequestParam(required = false) @Pattern(regexp = STATUS, message = STATUS_MESSAGE) String status,
            @RequestParam(defaultValue = "100") int limit) {
        if (direction != null && !direction.equals("IN") && !direction.equals("OUT")) {
            throw new BadRequestException("direction must be IN or OUT");
        }
        return interchanges.list(direction, status, bounded(limit));
    }

    @GetMapping("/interchanges/{id}")
    @PreAuthorize("hasAnyRole('BILLER', 'ADMIN')")
    InterchangeRecord interchange(@PathVariable long id) {
        return interchanges.find(id).orElseThrow(() -> new NotFoundException("no interchange " + id));
    }

    /** The file as sent or received: X12 with patient data, so administrators only, and audited. */
    @GetMapping(path = "/interchanges/{id}/raw", produces = "application/edi-x12")
    @PreAuthorize("hasRole('ADMIN')")
    byte[] raw(@PathVariable long id) {
        byte[] raw = interchanges.raw(id).orElseThrow(() -> new NotFoundException("no interchange " + id));
        audit.read("interchange", Long.toString(id));
        return raw;
    }

    @GetMapping("/claims/{claimId}/x12-history")
    @PreAuthorize("hasAnyRole('BILLER', 'ADMIN')")
    Map<String, Object> history(@PathVariable @Identifier String claimId) {
        var claim =
                claims.byClaimId(claimId).orElseThrow(() -> new NotFoundException("the gateway holds no such claim"));
        audit.read("claim", claimId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("claimId", claimId);
        body.put("encounterId", claim.claim().encounterId());
        body.put("status", claim.status());
        body.put("payerId", claim.claim().payerId());
        body.put("payerClaimNumber", claim.payerClaimNumber());
        body.put("transactionControlNumber", claim.transactionControlNumber());
        body.put("submissions", claims.submissions(claimId));
        body.put("events", interchanges.history(claimId));
        return body;
    }

    @GetMapping("/quarantine")
    @PreAuthorize("hasRole('ADMIN')")
    List<Quarantine.QuarantinedFile> quarantined(
            @RequestParam(required = false) @Pattern(regexp = STATUS, message = STATUS_MESSAGE) String status,
            @RequestParam(defaultValue = "100") int limit) {
        return quarantine.list(status, bounded(limit));
    }

    @GetMapping("/quarantine/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    Quarantine.QuarantinedFile quarantinedFile(@PathVariable long id) {
        return quarantine.find(id).orElseThrow(() -> new NotFoundException("no quarantined file " + id));
    }

    @PostMapping("/quarantine/{id}/retry")
    @PreAuthorize("hasRole('ADMIN')")
    InboundFiles.Received retry(@PathVariable long id) {
        InboundFiles.Received result =
                inbound.retry(id).orElseThrow(() -> new NotFoundException("no quarantined file " + id));
        audit.changed("quarantine.retried", "interchange", Long.toString(result.interchangeId()));
        return result;
    }

    @GetMapping("/remittances/unmatched")
    @PreAuthorize("hasAnyRole('BILLER', 'ADMIN')")
    List<Remittances.UnmatchedClaim> unmatched(@RequestParam(defaultValue = "100") int limit) {
        return remittances.unmatched(bounded(limit));
    }

    /** Deposits (ERAs) posted with this trace number (TRN02). */
    @GetMapping("/remittances")
    @PreAuthorize("hasAnyRole('BILLER', 'ADMIN')")
    List<Remittances.DepositSummary> deposits(
            @RequestParam @NotBlank @Identifier @Size(max = 50) String traceNumber,
            @RequestParam(defaultValue = "100") int limit) {
        return remittances.byTraceNumber(traceNumber, bounded(limit));
    }

    /**
     * One deposit: its payment, its claims (with outcome, overpaid amount, how each was matched, and each claim's and
     * line's adjustments and remark codes: {@link DepositClaimView}) and its provider-level adjustments (PLB), and
     * whether it reconciles (claims' payments - PLB amounts = payment).
     */
    @GetMapping("/remittances/{id}")
    @PreAuthorize("hasAnyRole('BILLER', 'ADMIN')")
    Map<String, Object> deposit(@PathVariable long id) {
        Remittances.Deposit deposit =
                remittances.find(id).orElseThrow(() -> new NotFoundException("no remittance " + id));
        audit.read("remittance", Long.toString(id));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", deposit.id());
        body.put("payerKey", deposit.payerKey());
        body.put("traceNumber", deposit.traceNumber());
        body.put("interchangeId", deposit.interchangeId());
        body.put("payerId", deposit.payerId());
        body.put("payerName", deposit.payerName());
        body.put("paymentMethod", deposit.paymentMethod());
        body.put("paymentDate", deposit.paymentDate());
        body.put("postedAt", deposit.postedAt());
        body.put("paymentAmount", deposit.paymentAmount());
        body.put("claimPayments", deposit.claimPayments());
        body.put("providerAdjustmentTotal", deposit.providerAdjustmentTotal());
        body.put("reconciled", deposit.reconciled());
        body.put("claims", deposit.claims().stream().map(DepositClaimView::of).toList());
        body.put("providerAdjustments", deposit.providerAdjustments());
        return body;
    }

    /**
     * A file from a payer that sends files (835, 277CA or 999), as the X12 text in the body: at most
     * {@link #MAX_UPLOAD_BYTES} (413 beyond, read no further). A file that does not even start with an ISA segment is
     * quarantined as before, but only its first {@link #KEPT_OF_GARBAGE} bytes are kept: garbage is not stored whole.
     */
    @PostMapping(
            path = "/remittances/upload",
            consumes = {"application/edi-x12", MediaType.TEXT_PLAIN_VALUE, MediaType.APPLICATION_OCTET_STREAM_VALUE})
    @PreAuthorize("hasAnyRole('BILLER', 'ADMIN')")
    ResponseEntity<?> upload(HttpServletRequest request) throws IOException {
        byte[] file = request.getContentLengthLong() > MAX_UPLOAD_BYTES
                ? null
                : request.getInputStream().readNBytes(MAX_UPLOAD_BYTES + 1);
        if (file == null || file.length > MAX_UPLOAD_BYTES) {
            if (request.getContentLengthLong() <= DISCARDED_AT_MOST) {
                // read and drop the rest (bounded), so that the client gets the 413 rather than a broken pipe
                byte[] buffer = new byte[64 * 1024];
                long left = DISCARDED_AT_MOST;
                int n;
                while (left > 0
                        && (n = request.getInputStream().read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                    left -= n;
                }
            }
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
                    .body(ProblemDetail.forStatusAndDetail(
                            HttpStatus.PAYLOAD_TOO_LARGE, "the file is larger than " + MAX_UPLOAD_BYTES + " bytes"));
        }
        if (file.length == 0) {
            throw new BadRequestException("the request body must be an X12 file");
        }
        if (!startsWithIsa(file) && file.length > KEPT_OF_GARBAGE) {
            file = java.util.Arrays.copyOf(file, KEPT_OF_GARBAGE);
        }
        InboundFiles.Received result = inbound.accept(file, "UPLOAD");
        audit.changed("remittance.uploaded", "interchange", Long.toString(result.interchangeId()));
        HttpStatus status = switch (result.status()) {
            case "PROCESSED" -> HttpStatus.CREATED;
            case "QUARANTINED" -> HttpStatus.valueOf(422);
            default -> HttpStatus.OK;
        };
        return ResponseEntity.status(status).body(result);
    }

    @GetMapping("/payers/status")
    @PreAuthorize("hasAnyRole('BILLER', 'ADMIN')")
    Map<String, Object> payerStatus() {
        Map<String, Object> circuits = new LinkedHashMap<>();
        for (CircuitBreaker breaker : circuitBreakers.getAllCircuitBreakers()) {
            CircuitBreaker.Metrics metrics = breaker.getMetrics();
            circuits.put(
                    breaker.getName(),
                    Map.of(
                            "state",
                            breaker.getState().name(),
                            "failureRate",
                            metrics.getFailureRate(),
                            "bufferedCalls",
                            metrics.getNumberOfBufferedCalls(),
                            "notPermittedCalls",
                            metrics.getNumberOfNotPermittedCalls()));
        }
        Map<ClaimStatus, Long> claimCounts = claims.countByStatus();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("circuitBreakers", circuits);
        body.put("claimsQueued", claimCounts.get(ClaimStatus.QUEUED));
        body.put("claimsByStatus", claimCounts);
        body.put("interchangesOutByStatus", interchanges.outboundCountByStatus());
        return body;
    }

    /** Whether the file starts (after white space) with an ISA segment, as every X12 interchange does. */
    static boolean startsWithIsa(byte[] file) {
        int i = 0;
        if (file.length >= 3 && (file[0] & 0xff) == 0xef && (file[1] & 0xff) == 0xbb && (file[2] & 0xff) == 0xbf) {
            i = 3; // UTF-8 byte order mark
        }
        while (i < file.length && Character.isWhitespace(file[i])) {
            i++;
        }
        return file.length - i >= 4
                && file[i] == 'I'
                && file[i + 1] == 'S'
                && file[i + 2] == 'A'
                && !Character.isLetterOrDigit(file[i + 3])
                && !Character.isWhitespace(file[i + 3]);
    }

    private static int bounded(int limit) {
        if (limit < 1 || limit > 1000) {
            throw new BadRequestException("limit must be between 1 and 1000");
        }
        return limit;
    }
}
