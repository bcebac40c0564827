package io.claimflow.console.web.adapter;

import static io.claimflow.console.web.adapter.WebParams.query;

import io.claimflow.console.services.ServiceAnswer;
import io.claimflow.console.services.Services;
import io.claimflow.platform.web.BadRequestException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Finding a patient's account from patient-billing-service ({@code /patient-accounts/search}), as the logged-in
 * user: by name, date of birth, MRN, account number or statement number, in the practice chosen from those that
 * have accounts (no tenant id typed), sorted, paged, with a total. Each found account links to its claims.
 */
@Controller
class PatientSearchController {

    static final String SERVICE = "patient-billing-service";
    static final List<String> SORTS = List.of("name", "-balance", "balance", "mrn", "-id", "id");
    static final int PAGE = 25;

    private final Services services;

    PatientSearchController(Services services) {
        this.services = services;
    }

    @GetMapping("/patients")
    @PreAuthorize(ConsoleRoles.PATIENT_ACCOUNTS)
    String accounts(
            @RequestParam(required = false) String tenantId,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate birthDate,
            @RequestParam(required = false) String mrn,
            @RequestParam(required = false) String accountNumber,
            @RequestParam(required = false) Long statementId,
            @RequestParam(required = false) String sort,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        tenantId = WebParams.token(tenantId, "practice");
        name = WebParams.blankToNull(name);
        if (name != null && (name.length() > 100 || !name.matches("[\\p{L}\\p{M} ,.'-]+"))) {
            throw new BadRequestException("A name has letters, spaces and . , ' - only (up to 100)");
        }
        mrn = WebParams.token(mrn, "MRN");
        accountNumber = WebParams.token(accountNumber, "account number");
        sort = WebParams.oneOf(sort, SORTS, "sort");
        if (statementId != null && statementId <= 0) {
            throw new BadRequestException("A statement number is a positive number");
        }
        page = Math.max(page, 0);
        List<ServiceAnswer> answers = services.getAll(
                SERVICE,
                "/patient-accounts/search"
                        + query(
                                "tenantId",
                                tenantId,
                                "name",
                                name,
                                "birthDate",
                                birthDate,
                                "mrn",
                                mrn,
                                "accountNumber",
                                accountNumber,
                                "statementId",
                                statementId,
                                "sort",
                                sort,
                                "page",
                                page,
                                "size",
                                PAGE),
                "/patient-accounts/tenants");
        ServiceAnswer answer = answers.get(0);
        ServiceAnswer tenants = answers.get(1);
        List<Map<String, Object>> rows = Tables.rows(answer.ok() ? answer.body() : null, "items");
        model.addAttribute("answer", answer);
        model.addAttribute("rows", rows);
        model.addAttribute("tenants", tenants.ok() && tenants.body() instanceof List<?> list ? list : List.of());
        model.addAttribute("tenantId", tenantId);
        model.addAttribute("name", name);
        model.addAttribute("birthDate", birthDate);
        model.addAttribute("mrn", mrn);
        model.addAttribute("accountNumber", accountNumber);
        model.addAttribute("statementId", statementId);
        model.addAttribute("sort", sort);
        model.addAttribute(
                "paging", Paging.of(page, PAGE, WebParams.total(answer.ok() ? answer.body() : null, rows.size())));
        model.addAttribute(
                "filterQuery",
                query(
                        "tenantId",
                        tenantId,
                        "name",
                        name,
                        "birthDate",
                        birthDate,
                        "mrn",
                        mrn,
                        "accountNumber",
                        accountNumber,
                        "statementId",
                        statementId,
                        "sort",
                        sort));
        return "patients";
    }
}
