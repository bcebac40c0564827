package io.claimflow.console.web.adapter;

import static io.claimflow.console.web.adapter.WebParams.checkClaimId;
import static io.claimflow.console.web.adapter.WebParams.segment;
import static io.claimflow.console.web.adapter.WebParams.statusOf;

import io.claimflow.codes.DelayReason;
import io.claimflow.console.services.ServiceAnswer;
import io.claimflow.console.services.Services;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Fixes of a held claim on {@code /work/claims/{claimId}} ({@code claim-fixes.html}), each one call into
 * claim-service as the logged-in biller with its answer shown: edit a line's charge and units (only what changed is
 * sent), and release a claim past the payer's timely-filing limit with a delay reason chosen by its name (billing-codes'
 * {@link DelayReason}, the one list) and the proof of timely filing as the note to the payer, prefilled with the proof
 * claim-service assembles from the claim's history. The same proof goes with the appeal of a timely-filing denial.
 */
@Controller
class ClaimFixesController {

    private static final Pattern MONEY = Pattern.compile("\\d{1,10}(\\.\\d{1,2})?");
    private static final Pattern UNITS = Pattern.compile("\\d{1,4}");
    private static final Pattern NOTE = Pattern.compile("[A-Za-z0-9 .,/#&'()+=@-]{1,80}");

    private final Services services;

    ClaimFixesController(Services services) {
        this.services = services;
    }

    /**
     * What the page's timely-filing forms need: the delay reasons and, for a claim held past the limit or denied for
     * timely filing, claim-service's proof ({@code timelyFiling}; one call, only for such a claim).
     */
    static void addTimelyFiling(Model model, Map<?, ?> claim, String claimId, Services services) {
        model.addAttribute(
                "delayReasons",
                Arrays.stream(DelayReason.values())
                        .map(r -> Map.of("code", r.code(), "description", r.code() + ": " + r.description()))
                        .toList());
        Object status = claim.get("status");
        boolean heldLate = ("HELD".equals(status) || "REJECTED".equals(status))
                && claim.get("holdReasons") instanceof List<?> reasons
                && reasons.stream().anyMatch(r -> r instanceof Map<?, ?> m && "TIMELY_FILING".equals(m.get("ruleId")));
        boolean deniedLate = claim.get("openWork") instanceof List<?> work
                && work.stream().anyMatch(w -> w instanceof Map<?, ?> m && "TIMELY_FILING".equals(m.get("category")));
        if (heldLate || deniedLate) {
            ServiceAnswer proof = services.get("claim-service", "/claims/" + segment(claimId) + "/timely-filing");
            if (proof.ok() && proof.body() instanceof Map<?, ?> p) {
                model.addAttribute("timelyFiling", p);
            }
        }
    }

    @PostMapping("/work/claims/{claimId}/lines/{lineNumber}")
    @PreAuthorize(ConsoleRoles.BILLER)
    String editLine(
            @PathVariable String claimId,
            @PathVariable int lineNumber,
            @RequestParam(defaultValue = "") String charge,
            @RequestParam(defaultValue = "") String units,
            @RequestParam(name = "was-charge", defaultValue = "") String wasCharge,
            @RequestParam(name = "was-units", defaultValue = "") String wasUnits,
            RedirectAttributes redirect) {
        checkClaimId(claimId);
        String target = "redirect:/work/claims/" + segment(claimId);
        String c = charge.strip();
        String u = units.strip();
        if (lineNumber < 1
                || lineNumber > 50
                || !MONEY.matcher(c).matches()
                || new BigDecimal(c).signum() <= 0
                || !UNITS.matcher(u).matches()
                || Integer.parseInt(u) < 1) {
            redirect.addFlashAttribute(
                    "failure", "Give the line's charge in dollars and cents (more than 0) and its units (1 to 9999)");
            return target;
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("lineNumber", lineNumber);
        if (!sameAmount(c, wasCharge)) {
            line.put("charge", new BigDecimal(c));
        }
        if (!u.equals(wasUnits.strip())) {
            line.put("units", Integer.parseInt(u));
        }
        if (line.size() == 1) {
            redirect.addFlashAttribute("failure", "Nothing changed on line " + lineNumber);
            return target;
        }
        ServiceAnswer answer = services.patch(
                "claim-service", "/claims/" + segment(claimId) + "/lines", Map.of("lines", List.of(line)));
        if (answer.ok() && answer.body() instanceof Map<?, ?> claim) {
            redirect.addFlashAttribute(
                    "notice",
                    "Line " + lineNumber + " of claim " + claimId + " changed, total charge now "
                            + dollars(claim.get("totalCharge")) + statusOf(answer)
                            + ": release it to scrub and submit it");
        } else {
            redirect.addFlashAttribute("failure", "Charges not changed: " + answer.problem());
        }
        return target;
    }

    @PostMapping("/work/claims/{claimId}/late-release")
    @PreAuthorize(ConsoleRoles.BILLER)
    String releaseLate(
            @PathVariable String claimId,
            @RequestParam(defaultValue = "") String delayReasonCode,
            @RequestParam(defaultValue = "") String claimNote,
            RedirectAttributes redirect) {
        checkClaimId(claimId);
        String target = "redirect:/work/claims/" + segment(claimId);
        DelayReason reason = DelayReason.ofCode(delayReasonCode.strip()).orElse(null);
        String note = claimNote.strip();
        if (reason == null || !NOTE.matcher(note).matches()) {
            redirect.addFlashAttribute(
                    "failure",
                    "Choose the delay reason and give the proof of timely filing (at most 80 letters, digits,"
                            + " spaces and . , / # & ' ( ) + = @ -)");
            return target;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("delayReasonCode", reason.code());
        body.put("claimNote", note);
        ServiceAnswer answer = services.post("claim-service", "/claims/" + segment(claimId) + "/late-release", body);
        if (answer.ok()) {
            redirect.addFlashAttribute(
                    "notice",
                    "Claim " + claimId + " released late with delay reason " + reason.code() + " ("
                            + reason.description() + ")" + statusOf(answer));
        } else {
            redirect.addFlashAttribute("failure", "Not released: " + answer.problem());
        }
        return target;
    }

    private static String dollars(Object amount) {
        try {
            return new BigDecimal(String.valueOf(amount))
                    .setScale(2, java.math.RoundingMode.HALF_UP)
                    .toPlainString();
        } catch (NumberFormatException e) {
            return String.valueOf(amount);
        }
    }

    private static boolean sameAmount(String amount, String was) {
        try {
            return !was.isBlank() && new BigDecimal(amount).compareTo(new BigDecimal(was.strip())) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
