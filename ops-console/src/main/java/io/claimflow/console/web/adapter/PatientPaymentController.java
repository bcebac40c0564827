package io.claimflow.console.web.adapter;

import io.claimflow.console.services.ServiceAnswer;
import io.claimflow.console.services.Services;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Undoing and paying back patient money, via patient-billing-service as the logged-in user: a payment's receipt, a
 * payment reversed with a reason (posted twice, a bounced check), patient credit refunded with a reason. Both are
 * journal entries there; a reversal happens once, a refund once per form (its {@code Idempotency-Key}).
 */
@Controller
class PatientPaymentController {

    private static final String SERVICE = PatientAccountController.SERVICE;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9-]{8,100}");
    private static final Pattern MONEY = Pattern.compile("\\d{1,10}(\\.\\d{1,2})?");

    private final Services services;

    PatientPaymentController(Services services) {
        this.services = services;
    }

    @GetMapping("/patients/{accountId}/payments/{paymentId}")
    @PreAuthorize(ConsoleRoles.PATIENT_ACCOUNTS)
    String receipt(
            @PathVariable long accountId, @PathVariable long paymentId, Model model, HttpServletResponse response) {
        ServiceAnswer answer = services.get(SERVICE, "/patient-accounts/" + accountId + "/payments/" + paymentId);
        if (answer.status() == HttpServletResponse.SC_NOT_FOUND) {
            return ConsolePages.notFound(answer, model, response);
        }
        model.addAttribute("accountId", accountId);
        model.addAttribute("answer", answer);
        model.addAttribute(
                "receipt",
                answer.ok() && answer.body() instanceof Map<?, ?> m ? PatientAccountController.strings(m) : Map.of());
        model.addAttribute(
                "applied",
                answer.ok() && answer.body() instanceof Map<?, ?> m
                        ? PatientAccountController.list(m.get("applied"))
                        : java.util.List.of());
        return "payment-receipt";
    }

    @PostMapping("/patients/{accountId}/payments/{paymentId}/reverse")
    @PreAuthorize(ConsoleRoles.PATIENT_ACCOUNTS)
    String reverse(
            @PathVariable long accountId,
            @PathVariable long paymentId,
            @RequestParam(defaultValue = "") String reason,
            RedirectAttributes redirect) {
        String target = "redirect:/patients/" + accountId;
        if (reason.isBlank() || reason.length() > 2000) {
            redirect.addFlashAttribute("failure", "Give the reason for the reversal (up to 2000 characters)");
            return target;
        }
        ServiceAnswer answer = services.post(
                SERVICE,
                "/patient-accounts/" + accountId + "/payments/" + paymentId + "/reversal",
                Map.of("reason", reason.strip()));
        if (answer.ok() && answer.body() instanceof Map<?, ?> reversal) {
            redirect.addFlashAttribute(
                    "notice",
                    (answer.status() == 201
                                    ? "Payment " + paymentId + " reversed ("
                                    : "Payment " + paymentId + " was already reversed (")
                            + reversal.get("reason")
                            + "); the balance is now " + reversal.get("balanceAfter"));
        } else {
            redirect.addFlashAttribute("failure", answer.problem());
        }
        return target;
    }

    @PostMapping("/patients/{accountId}/refunds")
    @PreAuthorize(ConsoleRoles.PATIENT_ACCOUNTS)
    String refund(
            @PathVariable long accountId,
            @RequestParam String refundKey,
            @RequestParam String amount,
            @RequestParam String method,
            @RequestParam(defaultValue = "") String reason,
            RedirectAttributes redirect) {
        String target = "redirect:/patients/" + accountId;
        String money = amount.strip();
        if (!MONEY.matcher(money).matches() || new BigDecimal(money).signum() <= 0) {
            redirect.addFlashAttribute("failure", "The refund must be dollars and cents above zero, e.g. 4.90");
            return target;
        }
        if (!PatientAccountController.METHODS.contains(method)) {
            redirect.addFlashAttribute("failure", "Choose how the refund is paid");
            return target;
        }
        if (reason.isBlank() || reason.length() > 2000) {
            redirect.addFlashAttribute("failure", "Give the reason for the refund (up to 2000 characters)");
            return target;
        }
        if (!KEY.matcher(refundKey).matches()) {
            redirect.addFlashAttribute("failure", "The form is out of date: open the account again");
            return target;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("amount", new BigDecimal(money));
        body.put("method", method);
        body.put("reason", reason.strip());
        ServiceAnswer answer = services.post(
                SERVICE, "/patient-accounts/" + accountId + "/refunds", body, Map.of("Idempotency-Key", refundKey));
        if (answer.ok() && answer.body() instanceof Map<?, ?> refund) {
            String what = "Refunded " + refund.get("amount") + " by " + refund.get("method") + " ("
                    + refund.get("reason") + ")";
            redirect.addFlashAttribute(
                    "notice",
                    answer.status() == 201
                            ? what + "; the balance is now " + refund.get("balanceAfter")
                            : "Already recorded: " + what + " (this form was sent before)");
        } else {
            redirect.addFlashAttribute("failure", answer.problem());
        }
        return target;
    }
}
