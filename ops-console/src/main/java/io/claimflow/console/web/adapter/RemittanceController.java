package io.claimflow.console.web.adapter;

import io.claimflow.console.services.ServiceAnswer;
import io.claimflow.console.services.Services;
import io.claimflow.platform.validation.TenantId;
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
 * matched, each claim's and line's adjustments and remark codes with their descriptions) and its provider-level
 * adjustments (PLB) and whether it reconciles, the 835 claims that matched no claim with a match by hand to a claim
 * found by its number (claim-service's claim search), and for administrators the quarantined files with their
 * reasons and a retry.
 */
@Controller
class RemittanceController {

    private static final String GATEWAY = "adjudication-gateway";
    private static final Pattern TRACE = Pattern.compile("[A-Za-z0-9._-]{1,50}");
    private static final Pattern CLAIM_NUMBER = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");
    private static final Pattern TENANT = Pattern.compile(TenantId.PATTERN);
    /** Claims shown to match an 835 claim to. */
    private static final int CANDIDATES = 10;
    /** The gateway's own limit; a bigger file is not even sent. */
    private static final long MAX_UPLOAD = 16L * 1024 * 1024;

    private final Services services;

    RemittanceController(Services services) {
        this.services = services;
    }

    @GetMapping("/remittances")
    @PreAuthorize(ConsoleRoles.X12)
    String remittances(
            @RequestParam(required = false) String traceNumber,
            @RequestParam(required = false) Long matchFor,
            @RequestParam(required = false) String claimNumber,
            Model model) {
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
        String number = WebParams.blankToNull(claimNumber);
        model.addAttribute("matchFor", matchFor);
        model.addAttribute("claimNumber", number == null ? "" : number.strip());
        if (matchFor != null && number != null) {
            candidates(number.strip(), model);
        }
        return "remittances";
    }

    /** The claims whose number starts with {@code number}, from claim-service, to match an 835 claim to. */
    private void candidates(String number, Model model) {
        if (!CLAIM_NUMBER.matcher(number).matches()) {
            model.addAttribute("matchProblem", "A claim number has letters, digits and - _ . : only");
            return;
        }
        ServiceAnswer found = services.get(
                "claim-service",
                "/claims" + WebParams.query("claimIdPrefix", number, "sort", "-createdAt", "size", CANDIDATES));
        if (!found.ok()) {
            model.addAttribute("matchProblem", found.problem());
            return;
        }
        List<Map<String, Object>> rows = Tables.rows(found.body(), "items");
        rows.forEach(r -> r.put("payer", WorkListRows.payer(r.get("payerId"), r.get("payerName"), null)));
        model.addAttribute("candidates", rows);
        if (rows.isEmpty()) {
            model.addAttribute("matchProblem", "No claim number starts with " + number);
        }
    }

    /**
     * Matches an 835 claim that matched no claim to the claim chosen, through the gateway (which checks it and posts
     * it as it posts any 835 claim), and says in words what came of it.
     */
    @PostMapping("/remittances/unmatched/{remittanceClaimId}/match")
    @PreAuthorize(ConsoleRoles.X12)
    String match(
            @PathVariable long remittanceClaimId,
            @RequestParam String claimId,
            @RequestParam String tenantId,
            RedirectAttributes redirect) {
        if (!CLAIM_NUMBER.matcher(claimId).matches()
                || !TENANT.matcher(tenantId).matches()) {
            redirect.addFlashAttribute("failure", "Choose the claim from the list to match the 835 claim to");
            return "redirect:/remittances";
        }
        ServiceAnswer answer = services.post(
                GATEWAY,
                "/api/adjudication/remittances/unmatched/" + remittanceClaimId + "/match",
                new MatchRequest(claimId, tenantId));
        if (answer.ok() && answer.body() instanceof Map<?, ?> m) {
            redirect.addFlashAttribute("notice", matched(m));
        } else {
            String problem = answer.problem() == null ? "" : answer.problem();
            redirect.addFlashAttribute(
                    "failure", "Not matched: " + problem.replaceFirst("^" + GATEWAY + " answered [0-9]{3}: ", ""));
        }
        return "redirect:/remittances";
    }

    /** The gateway's match request: the claim chosen and its practice. */
    record MatchRequest(String claimId, String tenantId) {}

    /** What a match posted, in words. */
    static String matched(Map<?, ?> m) {
        String outcome = String.valueOf(m.get("outcome"));
        String what = switch (outcome) {
            case "PAID" -> "paid " + m.get("paid") + " of " + m.get("charge");
            case "PARTIALLY_DENIED" -> "paid " + m.get("paid") + " of " + m.get("charge") + ", some lines denied";
            case "DENIED" -> "denied by the payer (nothing paid); it is on the denial work list";
            case "OVERPAYMENT" -> "paid " + m.get("paid") + " again: an overpayment of " + m.get("overpaidAmount");
            case "REVERSED" -> "the payer took its earlier payment back (" + m.get("paid") + ")";
            case "REVERSAL_NOT_POSTED" -> "a reversal with no payment left to take back: nothing posted";
            case "FORWARDED" -> "the payer forwarded it to another payer: nothing paid";
            case "PREDETERMINATION" -> "priced as a predetermination: nothing paid";
            default -> outcome;
        };
        return "The 835 claim of trace " + m.get("traceNumber") + " is matched to claim " + m.get("claimId")
                + " and posted: " + what;
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
