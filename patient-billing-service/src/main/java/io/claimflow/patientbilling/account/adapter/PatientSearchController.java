package io.claimflow.patientbilling.account.adapter;

import io.claimflow.platform.audit.AuditTrail;
import io.claimflow.platform.validation.DateWithin;
import io.claimflow.platform.validation.Identifier;
import io.claimflow.platform.validation.InvalidInputException;
import io.claimflow.platform.validation.TenantId;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Finding a patient's account as patient account staff are asked: by name, date of birth, MRN, account number or
 * statement number, in one tenant or across the tenants ({@code GET /patient-accounts/tenants} lists them), paged
 * with a total. Each account listed is audited as a read; nothing found is logged with the words searched for.
 */
@RestController
@Validated
class PatientSearchController {

    private final PatientSearch search;
    private final AuditTrail auditTrail;

    PatientSearchController(PatientSearch search, AuditTrail auditTrail) {
        this.search = search;
        this.auditTrail = auditTrail;
    }

    @GetMapping("/patient-accounts/search")
    @PreAuthorize("hasRole('PATIENT_ACCOUNTS')")
    PatientSearch.Found find(
            @RequestParam(required = false) @TenantId String tenantId,
            @RequestParam(required = false)
                    @Size(max = 100)
                    @Pattern(regexp = "[\\p{L}\\p{M} ,.'-]*", message = "must be letters, spaces and . , ' - only")
                    String name,
            @RequestParam(required = false)
                    @DateWithin(yearsBack = 130, yearsAhead = 0)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                    LocalDate birthDate,
            @RequestParam(required = false) @Identifier String mrn,
            @RequestParam(required = false)
                    @Size(max = 120)
                    @Pattern(regexp = "[A-Za-z0-9_.-]*", message = "must be <tenant>-<number>")
                    String accountNumber,
            @RequestParam(required = false) @Positive Long statementId,
            @RequestParam(required = false) String sort,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "25") @Min(1) @Max(200) int size) {
        if (sort != null && !PatientSearch.SORTS.contains(sort)) {
            throw new InvalidInputException("sort must be one of " + PatientSearch.SORTS);
        }
        PatientSearch.Found found = search.find(new PatientSearch.Criteria(
                blankToNull(tenantId),
                blankToNull(name),
                birthDate,
                blankToNull(mrn),
                blankToNull(accountNumber),
                statementId,
                sort,
                page,
                size));
        // one record per account shown, written in one statement (25 commits before)
        auditTrail.readAll(
                "patient-account",
                found.items().stream().map(a -> Long.toString(a.id())).toList());
        return found;
    }

    @GetMapping("/patient-accounts/tenants")
    @PreAuthorize("hasRole('PATIENT_ACCOUNTS')")
    List<String> tenants() {
        return search.tenants();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
