package io.claimflow.console.web.adapter;

import io.claimflow.console.services.ServiceAnswer;
import io.claimflow.console.services.Services;
import java.nio.charset.StandardCharsets;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

/** Patient accounts via patient-billing-service, as the logged-in user: accounts of a tenant, one account. */
@Controller
class PatientAccountController {

    private final Services services;

    PatientAccountController(Services services) {
        this.services = services;
    }

    @GetMapping("/patients")
    @PreAuthorize(ConsoleRoles.PATIENT_ACCOUNTS)
    String accounts(@RequestParam(required = false) String tenantId, Model model) {
        model.addAttribute("tenantId", tenantId == null ? "" : tenantId);
        if (tenantId != null && !tenantId.isBlank()) {
            ServiceAnswer answer = services.get("patient-billing-service", "/patient-accounts?tenantId="
                    + UriUtils.encodeQueryParam(tenantId.strip(), StandardCharsets.UTF_8) + "&size=100");
            model.addAttribute("answer", answer);
            model.addAttribute("rows", Tables.rows(answer.body(), "items"));
        }
        return "patients";
    }

    @GetMapping("/patients/{accountId}")
    @PreAuthorize(ConsoleRoles.PATIENT_ACCOUNTS)
    String account(@PathVariable long accountId, Model model) {
        ServiceAnswer answer = services.get("patient-billing-service", "/patient-accounts/" + accountId);
        model.addAttribute("accountId", accountId);
        model.addAttribute("answer", answer);
        model.addAttribute("fields", answer.ok() ? Tables.flatten(answer.body()) : java.util.Map.of());
        return "patient";
    }
}
