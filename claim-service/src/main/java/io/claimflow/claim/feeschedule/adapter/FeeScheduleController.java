package io.claimflow.claim.feeschedule.adapter;

import io.claimflow.claim.feeschedule.FeeScheduleEntry;
import io.claimflow.claim.feeschedule.FeeScheduleService;
import io.claimflow.claim.feeschedule.NewPrice;
import io.claimflow.platform.audit.AuditTrail;
import io.claimflow.platform.security.CurrentUser;
import io.claimflow.platform.validation.DateWithin;
import io.claimflow.platform.validation.InvalidInputException;
import io.claimflow.platform.validation.TenantId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Read and change the chargemaster: {@code GET /fee-schedule}, {@code POST /fee-schedule} (a new price). */
@RestController
@RequestMapping("/fee-schedule")
class FeeScheduleController {

    private final FeeScheduleService service;
    private final AuditTrail auditTrail;

    FeeScheduleController(FeeScheduleService service, AuditTrail auditTrail) {
        this.service = service;
        this.auditTrail = auditTrail;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('BILLER', 'ADMIN', 'AUDITOR')")
    List<FeeScheduleEntry> list(
            @RequestParam(required = false) @Pattern(regexp = "\\*|" + TenantId.PATTERN) String tenantId,
            @RequestParam(required = false) @Size(max = 10) @Pattern(regexp = "[A-Za-z0-9]*") String procedureCode,
            @RequestParam(required = false)
                    @DateWithin(yearsBack = 100, yearsAhead = 10)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                    LocalDate on,
            @RequestParam(defaultValue = "500") int limit) {
        if (limit < 1 || limit > 5000) {
            throw new InvalidInputException("limit must be between 1 and 5000");
        }
        return service.list(tenantId, procedureCode, on, limit);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('BILLER', 'ADMIN')")
    FeeScheduleEntry setPrice(@Valid @RequestBody PriceRequest request) {
        FeeScheduleEntry entry = service.setPrice(
                new NewPrice(
                        request.tenantId(),
                        request.procedureCode(),
                        request.modifier(),
                        request.effectiveFrom(),
                        request.amount(),
                        request.description()),
                CurrentUser.name());
        auditTrail.changed("fee-schedule.price-set", "fee-schedule", Long.toString(entry.id()));
        return entry;
    }

    record PriceRequest(
            @TenantId String tenantId,
            @NotBlank @Size(max = 10) String procedureCode,
            @Size(max = 2) String modifier,

            @NotNull @DateWithin(yearsBack = 30, yearsAhead = 5)
            LocalDate effectiveFrom,

            @NotNull @PositiveOrZero @Digits(integer = 10, fraction = 2)
            BigDecimal amount,

            @Size(max = 500) String description) {}
}
