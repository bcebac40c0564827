package io.claimflow.console.web.adapter;

import io.claimflow.console.services.ServiceAnswer;
import io.claimflow.console.services.ServiceFile;
import io.claimflow.console.services.Services;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Patient accounts via patient-billing-service, as the logged-in user: a tenant's accounts; one account's summary
 * (balance, credit, aging, open claims, plan, ledger) with its statements (each visit's charge, insurance paid and
 * adjusted, deductible / coinsurance / copay, what the patient paid) and each statement's PDF shown in the browser;
 * recording a patient payment. The payment form carries an idempotency key made when the form was shown, sent as
 * {@code Idempotency-Key}: a double submit (or a reload of the POST) posts once.
 */
@Controller
class PatientAccountController {

    static final String SERVICE = "patient-billing-service";
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9-]{8,100}");
    private static final Pattern MONEY = Pattern.compile("\\d{1,10}(\\.\\d{1,2})?");
    static final List<String> METHODS = List.of("CARD", "CASH", "CHECK", "ACH", "OTHER");
    private static final int LEDGER_LINES = 100;
    /** The same payment again on an account within this time is asked about before it is posted. */
    private static final java.time.Duration SAME_PAYMENT_WINDOW = java.time.Duration.ofMinutes(30);

    private static final String RECENT_PAYMENTS = PatientAccountController.class.getName() + ".recentPayments";

    private final Services services;
    private final Clock clock;

    PatientAccountController(Services services, Optional<Clock> clock) {
        this.services = services;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    @GetMapping("/patients/{accountId}")
    @PreAuthorize(ConsoleRoles.PATIENT_ACCOUNTS)
    String account(@PathVariable long accountId, Model model, HttpServletResponse response) {
        ServiceAnswer answer = services.get(SERVICE, "/patient-accounts/" + accountId + "?ledgerLines=" + LEDGER_LINES);
        if (answer.status() == HttpServletResponse.SC_NOT_FOUND) {
            return ConsolePages.notFound(answer, model, response);
        }
        model.addAttribute("accountId", accountId);
        model.addAttribute("answer", answer);
        Map<String, Object> account = answer.ok() && answer.body() instanceof Map<?, ?> m ? strings(m) : Map.of();
        model.addAttribute("account", account);
        model.addAttribute(
                "aging",
                account.get("aging") instanceof Map<?, ?> a && a.get("buckets") instanceof Map<?, ?> b ? b : Map.of());
        model.addAttribute("openClaims", list(account.get("openClaims")));
        List<Map<String, Object>> ledgerLines = list(account.get("ledger"));
        model.addAttribute(
                "ledger",
                account.get("balance") == null
                        ? List.of()
                        : LedgerView.of(
                                ledgerLines,
                                new BigDecimal(String.valueOf(account.get("balance"))).setScale(2),
                                ledgerLines.size() < LEDGER_LINES));
        if (answer.ok()) {
            ServiceAnswer paid = services.get(SERVICE, "/patient-accounts/" + accountId + "/payments?size=20");
            model.addAttribute("payments", paid.ok() ? list(paid.body()) : List.of());
        }
        model.addAttribute("plan", account.get("paymentPlan") instanceof Map<?, ?> p ? p : null);
        List<Map<String, Object>> statements = List.of();
        if (answer.ok()) {
            ServiceAnswer listed = services.get(SERVICE, "/statements?accountId=" + accountId);
            if (listed.ok()) {
                statements = list(listed.body()).stream()
                        .map(PatientAccountController::statementRow)
                        .toList();
            } else {
                model.addAttribute("failure", listed.problem());
            }
        }
        model.addAttribute("statements", statements);
        model.addAttribute("methods", METHODS);
        model.addAttribute("today", LocalDate.now(clock.withZone(ZoneOffset.UTC)));
        // one key per form shown: submitting the same form twice records the payment once
        if (!model.containsAttribute("idempotencyKey")) {
            model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
        }
        model.addAttribute("refundKey", UUID.randomUUID().toString());
        // never kept by the browser: Back shows the page anew, and the form (autocomplete off) is not filled in again
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
        return "patient";
    }

    @PostMapping("/patients/{accountId}/payments")
    @PreAuthorize(ConsoleRoles.PATIENT_ACCOUNTS)
    String recordPayment(
            @PathVariable long accountId,
            @RequestParam String idempotencyKey,
            @RequestParam String amount,
            @RequestParam String method,
            @RequestParam(required = false) String reference,
            @RequestParam(required = false) String receivedOn,
            @RequestParam(required = false) String claimId,
            @RequestParam(required = false) String anotherPayment,
            HttpSession session,
            RedirectAttributes redirect) {
        String target = "redirect:/patients/" + accountId;
        String money = amount.strip();
        if (!MONEY.matcher(money).matches() || new BigDecimal(money).signum() <= 0) {
            redirect.addFlashAttribute("failure", "The amount must be dollars and cents above zero, e.g. 50.00");
            return target;
        }
        if (!KEY.matcher(idempotencyKey).matches()) {
            redirect.addFlashAttribute("failure", "The form is out of date: open the account again");
            return target;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("amount", new BigDecimal(money));
        body.put("method", method);
        body.put("reference", reference == null || reference.isBlank() ? null : reference.strip());
        if (receivedOn != null && !receivedOn.isBlank()) {
            try {
                body.put("receivedOn", LocalDate.parse(receivedOn.strip()).toString());
            } catch (DateTimeParseException e) {
                redirect.addFlashAttribute("failure", "The date received must be a date (YYYY-MM-DD)");
                return target;
            }
        }
        body.put("claimId", claimId == null || claimId.isBlank() ? null : claimId.strip());
        // the same payment from another form (Back, then submit again; a second tab) is asked about, not posted
        SamePayment same = new SamePayment(
                accountId,
                new BigDecimal(money).setScale(2),
                method,
                String.valueOf(body.get("reference")),
                String.valueOf(body.get("claimId")));
        RecentPayment earlier = recentPayments(session).get(same);
        if (earlier != null
                && !earlier.idempotencyKey().equals(idempotencyKey)
                && anotherPayment == null
                && earlier.at().plus(SAME_PAYMENT_WINDOW).isAfter(clock.instant())) {
            redirect.addFlashAttribute(
                    "failure",
                    "The same payment (" + same.amount().toPlainString() + ", " + method
                            + ") was recorded on this account "
                            + java.time.Duration.between(earlier.at(), clock.instant())
                                    .toMinutes() + " minute(s) ago as payment " + earlier.paymentId()
                            + ". Nothing was posted now. If the patient really paid "
                            + "again, tick \"This is another payment\" and record it.");
            redirect.addFlashAttribute("idempotencyKey", idempotencyKey);
            redirect.addFlashAttribute("askAnother", true);
            redirect.addFlashAttribute(
                    "entered",
                    Map.of(
                            "amount",
                            money,
                            "method",
                            method,
                            "reference",
                            reference == null ? "" : reference.strip(),
                            "receivedOn",
                            receivedOn == null ? "" : receivedOn.strip(),
                            "claimId",
                            claimId == null ? "" : claimId.strip()));
            return target;
        }
        ServiceAnswer answer = services.post(
                SERVICE,
                "/patient-accounts/" + accountId + "/payments",
                body,
                Map.of("Idempotency-Key", idempotencyKey));
        if (answer.ok() && answer.body() instanceof Map<?, ?> payment) {
            recentPayments(session)
                    .put(
                            same,
                            new RecentPayment(
                                    idempotencyKey, String.valueOf(payment.get("paymentId")), clock.instant()));
            String what = "payment " + payment.get("paymentId") + " of " + payment.get("amount");
            redirect.addFlashAttribute(
                    "notice",
                    answer.status() == 201
                            ? "Recorded " + what + "; the balance is now " + payment.get("balanceAfter")
                            : "Already recorded: " + what + " (this form was sent before; it was posted once)");
        } else {
            redirect.addFlashAttribute(
                    "failure", answer.problem() != null ? answer.problem() : SERVICE + " answered " + answer.status());
        }
        return target;
    }

    /** The statement's PDF from patient-billing-service, shown in the browser (inline), never cached. */
    @GetMapping("/statements/{statementId}/pdf")
    @PreAuthorize(ConsoleRoles.PATIENT_ACCOUNTS)
    Object statementPdf(@PathVariable long statementId, Model model, HttpServletResponse response) {
        ServiceFile pdf =
                services.file(SERVICE, "/statements/" + statementId + "/pdf", MediaType.APPLICATION_PDF_VALUE);
        if (!pdf.ok()) {
            return ConsolePages.errorPage(pdf.status() == 0 ? 502 : pdf.status(), pdf.problem(), model, response);
        }
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .cacheControl(CacheControl.noStore())
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.inline()
                                .filename("statement-" + statementId + ".pdf")
                                .build()
                                .toString())
                .body(pdf.content());
    }

    /** What makes two payments "the same" on an account. */
    private record SamePayment(long accountId, BigDecimal amount, String method, String reference, String claimId)
            implements java.io.Serializable {}

    /** A payment this session recorded: with which form's key, as which payment, when. */
    private record RecentPayment(String idempotencyKey, String paymentId, java.time.Instant at)
            implements java.io.Serializable {}

    @SuppressWarnings("unchecked")
    private static Map<SamePayment, RecentPayment> recentPayments(HttpSession session) {
        synchronized (session) {
            Object recent = session.getAttribute(RECENT_PAYMENTS);
            if (recent == null) {
                recent = new java.util.concurrent.ConcurrentHashMap<SamePayment, RecentPayment>();
                session.setAttribute(RECENT_PAYMENTS, recent);
            }
            return (Map<SamePayment, RecentPayment>) recent;
        }
    }

    private static Map<String, Object> statementRow(Map<String, Object> stored) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", stored.get("id"));
        Map<String, Object> statement = stored.get("statement") instanceof Map<?, ?> s ? strings(s) : Map.of();
        row.putAll(statement);
        row.put(
                "lines",
                list(statement.get("lines")).stream()
                        .map(line -> {
                            Map<String, Object> flat = new LinkedHashMap<>(line);
                            if (line.get("patientShare") instanceof Map<?, ?> share) {
                                share.forEach((k, v) -> flat.put(String.valueOf(k), v));
                            }
                            return flat;
                        })
                        .toList());
        return row;
    }

    static Map<String, Object> strings(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    static List<Map<String, Object>> list(Object value) {
        if (!(value instanceof List<?> items)) {
            return List.of();
        }
        return items.stream()
                .filter(Map.class::isInstance)
                .map(item -> strings((Map<?, ?>) item))
                .toList();
    }
}
