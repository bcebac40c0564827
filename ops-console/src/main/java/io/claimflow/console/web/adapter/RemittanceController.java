package io.claimflow.console.web.adapter;

import io.claimflow.console.services.ServiceAnswer;
import io.claimflow.console.services.Services;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/**
 * Remittance work via adjudication-gateway, as the logged-in user (issue 21 item 3): upload an 835 from a payer that
 * sends files, find deposits (ERAs) by trace number, one deposit with its claims (outcome, paid, patient share, how
 * matched) and its provider-level adjustments (PLB) and whether it reconciles, the 835 claims that matched no claim,
 * and for administrators the quarantined files with their reasons and a retry.
 */
@Controller
class RemittanceController {

    private static final String GATEWAY = "adjudication-gateway";
    private static final Pattern TRACE = Pattern.compile("[A-Za-z0-9._-]{1,50}");
    /** The gateway's own limit; a bigger file is not even sent. */
    private static final long MAX_UPLOAD = 16L * 1024 * 1024;

    private final Services services;

    RemittanceController(Services services) {
        this.services = services;
    }

    @GetMapping("/remittances")
    @PreAuthorize(ConsoleRoles.X12)
    String remittances(@RequestParam(required = false) String traceNumber, Model model) {
        String trace = traceNumber == null || traceNumber.isBlank() ? null : traceNumber.strip();
        model.addAttribute("traceNumber", trace == null ? "" : trace);
        if (trace != null) {
            if (!TRACE.matcher(trace).matches()) {
                model.addAttribute("failure", "A trace number is letters, digits, '.', '_' and '-' (up to 50)");
            } else {
                ServiceAnswer deposits = services.get(
                        GATEWAY,
                        "/api/adjudication/remittances?traceNumber="
                                + UriUtils.encodeQueryParam(trace, StandardCharsets.UTF_8));
                model.addAttribute("answer", deposits);
                model.addAttribute("deposits", Tables.rows(deposits.ok() ? deposits.body() : null));
            }
        }
        ServiceAnswer unmatched = services.get(GATEWAY, "/api/adjudication/remittances/unmatched?limit=100");
        model.addAttribute("unmatched", Tables.rows(unmatched.ok() ? unmatched.body() : null));
        model.addAttribute("unmatchedProblem", unmatched.ok() ? null : unmatched.problem());
        return "remittances";
    }

    @GetMapping("/remittances/{id}")
    @PreAuthorize(ConsoleRoles.X12)
    String deposit(@PathVariable long id, Model model, HttpServletResponse response) {
        ServiceAnswer answer = services.get(GATEWAY, "/api/adjudication/remittances/" + id);
        if (answer.status() == HttpServletResponse.SC_NOT_FOUND) {
            return ConsolePages.notFound(answer, model, response);
        }
        Map<String, Object> deposit =
                answer.ok() && answer.body() instanceof Map<?, ?> m ? PatientAccountController.strings(m) : Map.of();
        model.addAttribute("answer", answer);
        model.addAttribute("id", id);
        model.addAttribute("deposit", deposit);
        model.addAttribute("claims", PatientAccountController.list(deposit.get("claims")));
        model.addAttribute("adjustments", PatientAccountController.list(deposit.get("providerAdjustments")));
        return "remittance";
    }

    @PostMapping("/remittances/upload")
    @PreAuthorize(ConsoleRoles.X12)
    String upload(@RequestParam("file") MultipartFile file, RedirectAttributes redirect) throws IOException {
        if (file.isEmpty()) {
            redirect.addFlashAttribute("failure", "Choose the 835 file to upload");
            return "redirect:/remittances";
        }
        if (file.getSize() > MAX_UPLOAD) {
            redirect.addFlashAttribute("failure", "The file is larger than 16 MiB: the gateway takes files up to that");
            return "redirect:/remittances";
        }
        ServiceAnswer answer = services.upload(
                GATEWAY, "/api/adjudication/remittances/upload", file.getBytes(), "application/edi-x12");
        Map<?, ?> result = answer.body() instanceof Map<?, ?> m ? m : Map.of();
        String what = "File taken as interchange " + result.get("interchangeId");
        if (answer.status() == 201) {
            redirect.addFlashAttribute("notice", what + ": posted");
        } else if (answer.status() == 200) {
            redirect.addFlashAttribute(
                    "notice",
                    what + ": " + result.get("status") + " (it was received before; " + "nothing posted again)");
        } else if (answer.status() == 422) {
            redirect.addFlashAttribute(
                    "failure",
                    what + ": quarantined (" + result.get("detail") + "); "
                            + "an administrator can retry it once fixed");
        } else {
            redirect.addFlashAttribute("failure", answer.problem());
        }
        return "redirect:/remittances";
    }

    @GetMapping("/remittances/quarantine")
    @PreAuthorize(ConsoleRoles.ADMIN)
    String quarantine(Model model) {
        ServiceAnswer answer = services.get(GATEWAY, "/api/adjudication/quarantine");
        List<Map<String, Object>> rows = Tables.rows(answer.ok() ? answer.body() : null);
        model.addAttribute("answer", answer);
        model.addAttribute("files", rows);
        return "quarantine";
    }

    @PostMapping("/remittances/quarantine/{id}/retry")
    @PreAuthorize(ConsoleRoles.ADMIN)
    String retry(@PathVariable long id, RedirectAttributes redirect) {
        ServiceAnswer answer = services.post(GATEWAY, "/api/adjudication/quarantine/" + id + "/retry", null);
        if (answer.ok() && answer.body() instanceof Map<?, ?> result) {
            boolean again = "QUARANTINED".equals(String.valueOf(result.get("status")));
            redirect.addFlashAttribute(
                    again ? "failure" : "notice",
                    "Quarantined file " + id + " retried: " + result.get("status")
                            + (again ? " again (" + result.get("detail") + ")" : ""));
        } else {
            redirect.addFlashAttribute("failure", answer.problem());
        }
        return "redirect:/remittances/quarantine";
    }
}
