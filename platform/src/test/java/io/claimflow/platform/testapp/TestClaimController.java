package io.claimflow.platform.testapp;

import io.claimflow.platform.audit.AuditTrail;
import io.claimflow.platform.web.ConflictException;
import io.claimflow.platform.web.NotFoundException;
import io.claimflow.platform.web.UnprocessableException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A service controller as the services write them: roles per handler, audit calls, platform exceptions. The
 * {@code fail} endpoint throws what libraries throw, with patient data in the message.
 */
@RestController
@RequestMapping("/test/claims")
public class TestClaimController {

    private final AuditTrail auditTrail;

    TestClaimController(AuditTrail auditTrail) {
        this.auditTrail = auditTrail;
    }

    /** Release request; the patient fields are there so that bad values can carry patient data. */
    public record ReleaseRequest(
            @NotBlank String reason,
            @NotNull @Positive BigDecimal amount,
            LocalDate patientBirthDate,
            @Pattern(regexp = "[A-Z0-9]{6,12}") String memberId) {}

    @GetMapping("/{claimId}")
    @PreAuthorize("hasAnyRole('BILLER', 'CODER')")
    Map<String, String> claim(@PathVariable String claimId) {
        if (claimId.startsWith("missing")) {
            throw new NotFoundException("No claim " + claimId);
        }
        auditTrail.read("claim", claimId);
        return Map.of("claimId", claimId);
    }

    @PostMapping("/{claimId}/release")
    @PreAuthorize("hasRole('BILLER')")
    Map<String, String> release(@PathVariable String claimId, @Valid @RequestBody ReleaseRequest request) {
        if (claimId.startsWith("released")) {
            throw new ConflictException("Claim " + claimId + " was already released");
        }
        if (request.amount().compareTo(new BigDecimal("10000")) > 0) {
            throw new UnprocessableException("Claim " + claimId + ": amount is above the release limit");
        }
        auditTrail.changed("claim.released", "claim", claimId);
        return Map.of("claimId", claimId, "status", "released");
    }

    @GetMapping("/{claimId}/lines")
    @PreAuthorize("hasRole('BILLER')")
    Map<String, Object> lines(@PathVariable String claimId, @RequestParam int limit) {
        return Map.of("claimId", claimId, "limit", limit);
    }

    // A rule on an argument: only method security can check it (not before binding).
    @GetMapping("/{claimId}/owned")
    @PreAuthorize("hasRole('BILLER') and #claimId.startsWith('c-')")
    Map<String, String> owned(@PathVariable String claimId) {
        return Map.of("claimId", claimId);
    }

    @PostMapping("/{claimId}/fail")
    @PreAuthorize("hasRole('BILLER')")
    Map<String, String> fail(@PathVariable String claimId, @RequestParam String kind, @RequestParam String data) {
        if (kind.equals("duplicate")) {
            throw new DuplicateKeyException("ERROR: duplicate key value violates unique constraint \"member_uq\"\n"
                    + "  Detail: Key (member_id)=(" + data + ") already exists.");
        }
        throw new IllegalStateException("could not load claim for patient " + data);
    }
}
