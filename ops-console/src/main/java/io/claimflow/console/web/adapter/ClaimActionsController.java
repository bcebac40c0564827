package io.claimflow.console.web.adapter;

import io.claimflow.console.services.ServiceAnswer;
import io.claimflow.console.services.Services;
import io.claimflow.platform.web.BadRequestException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/**
 * The actions a held or stuck claim needs beyond corrections (issue 21 item 2), each one call into the service as the
 * logged-in user with its answer shown: add or change coverage of a self-pay or wrongly covered claim (and release
 * it), bill a self-pay claim to the patient, add the fee-schedule price a line lacks (and release it), void an adjudicated claim with the payer, and the
 * decision on a lost appeal's balance (claim-service first, then the patient ledger with the amount claim-service
 * moved, so the two agree). The forms are on {@code /work/claims/{claimId}} ({@code claim-actions.html}).
 */
@Controller
class ClaimActionsController {

    private static final Pattern CLAIM_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9-]{1,80}");
    private static final Pattern PROCEDURE = Pattern.compile("[A-Za-z0-9]{1,10}");
    private static final Pattern MONEY = Pattern.compile("\\d{1,10}(\\.\\d{1,2})?");

    private final Services services;

    ClaimActionsController(Services services) {
        this.services = services;
    }

    @PostMapping("/work/claims/{claimId}/coverage")
    @PreAuthorize(ConsoleRoles.BILLER)
    String coverage(
            @PathVariable String claimId,
            @RequestParam(defaultValue = "") String payerId,
            @RequestParam(defaultValue = "") String payerName,
            @RequestParam(defaultValue = "") String memberId,
            @RequestParam(defaultValue = "save") String action,
            RedirectAttributes redirect) {
        String target = target(claimId);
        if (!CODE.matcher(payerId.strip()).matches()
                || payerName.isBlank()
                || payerName.length() > 100
                || !CODE.matcher(memberId.strip()).matches()) {
            redirect.addFlashAttribute(
                    "failure", "Give the payer id, the payer's name and the member id " + "(letters, digits and -)");
            return target;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("payerId", payerId.strip());
        body.put("payerName", payerName.strip());
        body.put("memberId", memberId.strip());
        ServiceAnswer answer = services.put("claim-service", "/claims/" + segment(claimId) + "/coverage", body);
        if (!answer.ok()) {
            redirect.addFlashAttribute("failure", "Coverage not saved: " + answer.problem());
            return target;
        }
        return releaseIf(action, claimId, "Claim " + claimId + " now bills " + payerId.strip(), redirect);
    }

    @PostMapping("/work/claims/{claimId}/fee-schedule-price")
    @PreAuthorize(ConsoleRoles.BILLER)
    String price(
            @PathVariable String claimId,
            @RequestParam(defaultValue = "") String tenantId,
            @RequestParam(defaultValue = "") String procedureCode,
            @RequestParam(defaultValue = "") String effectiveFrom,
            @RequestParam(defaultValue = "") String amount,
            @RequestParam(defaultValue = "save") String action,
            RedirectAttributes redirect) {
        String target = target(claimId);
        LocalDate from;
        try {
            from = LocalDate.parse(effectiveFrom.strip());
        } catch (DateTimeParseException e) {
            redirect.addFlashAttribute("failure", "The price's first day must be a date (YYYY-MM-DD)");
            return target;
        }
        if (!PROCEDURE.matcher(procedureCode.strip()).matches()
                || !MONEY.matcher(amount.strip()).matches()) {
            redirect.addFlashAttribute("failure", "Give the procedure code and the price in dollars and cents");
            return target;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenantId", tenantId.isBlank() ? null : tenantId.strip());
        body.put("procedureCode", procedureCode.strip());
        body.put("effectiveFrom", from.toString());
        body.put("amount", new BigDecimal(amount.strip()));
        ServiceAnswer answer = services.post("claim-service", "/fee-schedule", body);
        if (!answer.ok()) {
            redirect.addFlashAttribute("failure", "Price not added: " + answer.problem());
            return target;
        }
        return releaseIf(
                action,
                claimId,
                "Price " + amount.strip() + " for " + procedureCode.strip() + " from " + from + " added",
                redirect);
    }

    @PostMapping("/work/claims/{claimId}/void")
    @PreAuthorize(ConsoleRoles.BILLER)
    String voidClaim(
            @PathVariable String claimId, @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
        String target = target(claimId);
        if (reason.isBlank() || reason.length() > 2000) {
            redirect.addFlashAttribute("failure", "Give the reason for the void");
            return target;
        }
        ServiceAnswer answer = services.post(
                "claim-service", "/claims/" + segment(claimId) + "/void", Map.of("reason", reason.strip()));
        if (answer.ok() && answer.body() instanceof Map<?, ?> voiding) {
            redirect.addFlashAttribute(
                    "notice",
                    "Claim " + claimId + " voided: claim " + voiding.get("claimId")
                            + " (frequency 8) sent to the payer, now " + voiding.get("status"));
        } else {
            redirect.addFlashAttribute("failure", answer.problem());
        }
        return target;
    }

    /**
     * Bills a held self-pay claim to the patient: claim-service takes it (BILLED_TO_PATIENT) and tells the patient
     * ledger with ClaimBilledToPatient, so the console makes one call.
     */
    @PostMapping("/work/claims/{claimId}/bill-patient")
    @PreAuthorize(ConsoleRoles.BILLER)
    String billPatient(
            @PathVariable String claimId, @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
        String target = target(claimId);
        if (reason.length() > 2000) {
            redirect.addFlashAttribute("failure", "The reason is too long (at most 2,000 characters)");
            return target;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", reason.isBlank() ? null : reason.strip());
        ServiceAnswer answer = services.post("claim-service", "/claims/" + segment(claimId) + "/bill-patient", body);
        if (answer.ok() && answer.body() instanceof Map<?, ?> billed) {
            redirect.addFlashAttribute(
                    "notice",
                    "Claim " + claimId + " billed to the patient: " + billed.get("patientResponsibility")
                            + " is the patient's to pay, on the next statement; now " + billed.get("status"));
        } else {
            redirect.addFlashAttribute("failure", "Not billed to the patient: " + answer.problem());
        }
        return target;
    }

    /** Write off or bill the patient after a lost appeal: claim-service, then the patient ledger. */
    @PostMapping("/work/claims/{claimId}/lost-appeal-decision")
    @PreAuthorize(ConsoleRoles.BILLER)
    String lostAppeal(
            @PathVariable String claimId,
            @RequestParam(defaultValue = "") String decision,
            @RequestParam(defaultValue = "") String reason,
            RedirectAttributes redirect) {
        String target = target(claimId);
        if (!"WRITE_OFF".equals(decision) && !"BILL_PATIENT".equals(decision)) {
            redirect.addFlashAttribute("failure", "Choose to write the balance off or to bill the patient");
            return target;
        }
        ServiceAnswer before = services.get("claim-service", "/claims/" + segment(claimId));
        if (!before.ok() || !(before.body() instanceof Map<?, ?> claim) || claim.get("balance") == null) {
            redirect.addFlashAttribute("failure", before.problem() != null ? before.problem() : "No claim balance");
            return target;
        }
        BigDecimal balance = new BigDecimal(String.valueOf(claim.get("balance")));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", decision);
        body.put("reason", reason.isBlank() ? null : reason.strip());
        ServiceAnswer decided =
                services.post("claim-service", "/claims/" + segment(claimId) + "/lost-appeal-decision", body);
        if (!decided.ok()) {
            redirect.addFlashAttribute("failure", "Not decided: " + decided.problem());
            return target;
        }
        Map<String, Object> moved = new LinkedHashMap<>();
        moved.put("tenantId", String.valueOf(claim.get("tenantId")));
        moved.put("decision", decision);
        moved.put("amount", balance);
        ServiceAnswer ledger = services.post(
                PatientAccountController.SERVICE, "/claims/" + segment(claimId) + "/lost-appeal-decision", moved);
        String what = ("WRITE_OFF".equals(decision) ? "written off" : "billed to the patient") + ": "
                + balance.toPlainString();
        if (ledger.ok()) {
            redirect.addFlashAttribute(
                    "notice",
                    "Claim " + claimId + " balance " + what + " (claim and patient " + "ledger), now "
                            + (decided.body() instanceof Map<?, ?> m ? m.get("status") : ""));
        } else {
            redirect.addFlashAttribute(
                    "failure",
                    "Claim " + claimId + " balance " + what + " in claim-service, but "
                            + "the patient ledger did not take it: " + ledger.problem());
        }
        return target;
    }

    private String releaseIf(String action, String claimId, String done, RedirectAttributes redirect) {
        if (!"release".equals(action)) {
            redirect.addFlashAttribute("notice", done);
            return target(claimId);
        }
        ServiceAnswer released = services.post("claim-service", "/claims/" + segment(claimId) + "/release", null);
        if (released.ok() && released.body() instanceof Map<?, ?> claim) {
            redirect.addFlashAttribute("notice", done + " and released, now " + claim.get("status"));
        } else {
            redirect.addFlashAttribute("failure", done + " but not released: " + released.problem());
        }
        return target(claimId);
    }

    private static String target(String claimId) {
        if (!CLAIM_ID.matcher(claimId).matches()) {
            throw new BadRequestException("Not a claim id");
        }
        return "redirect:/work/claims/" + segment(claimId);
    }

    private static String segment(String value) {
        return UriUtils.encodePathSegment(value, StandardCharsets.UTF_8);
    }
}
