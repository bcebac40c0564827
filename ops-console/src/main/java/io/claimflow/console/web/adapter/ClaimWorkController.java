package io.claimflow.console.web.adapter;

import static io.claimflow.console.web.adapter.WebParams.checkClaimId;
import static io.claimflow.console.web.adapter.WebParams.flash;
import static io.claimflow.console.web.adapter.WebParams.segment;
import static io.claimflow.console.web.adapter.WebParams.statusOf;

import io.claimflow.console.services.ServiceAnswer;
import io.claimflow.console.services.Services;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One claim to work, from claim-service as the logged-in biller: hold reasons and corrections for a held or rejected
 * one (only changed fields are sent), release; recode request, appeal and its outcome, write-off and follow-up for a
 * denied one. Each action is one call; the service's answer or problem detail is shown as it is.
 */
@Controller
class ClaimWorkController {

    /** The fields of a held or rejected claim that claim-service's PATCH /claims/{id} corrects. */
    static final Map<String, String> CORRECTABLE = correctable();

    private final Services services;

    ClaimWorkController(Services services) {
        this.services = services;
    }

    @GetMapping("/work/claims/{claimId}")
    @PreAuthorize(ConsoleRoles.BILLER)
    String claim(@PathVariable String claimId, Model model, HttpServletResponse response) {
        checkClaimId(claimId);
        ServiceAnswer answer = services.get("claim-service", "/claims/" + segment(claimId));
        if (answer.status() == HttpServletResponse.SC_NOT_FOUND) {
            return ConsolePages.notFound(answer, model, response);
        }
        Map<?, ?> claim = answer.ok() && answer.body() instanceof Map<?, ?> m ? m : Map.of();
        model.addAttribute("claimId", claimId);
        model.addAttribute("answer", answer);
        model.addAttribute("claim", claim);
        model.addAttribute("correctable", CORRECTABLE);
        ClaimFixesController.addTimelyFiling(model, claim, claimId, services);
        Object status = claim.get("status") == null ? "" : claim.get("status");
        model.addAttribute("releasable", "HELD".equals(status) || "REJECTED".equals(status));
        // which forms to offer (claim-service's state machine decides; these are the states it accepts them in)
        model.addAttribute("recodable", Set.of("DENIED", "PARTIALLY_PAID").contains(status));
        model.addAttribute(
                "appealable",
                Set.of("DENIED", "PARTIALLY_PAID", "RECODE_REQUESTED").contains(status));
        model.addAttribute(
                "writeOffable",
                Set.of("HELD", "REJECTED", "DENIED", "PARTIALLY_PAID", "RECODE_REQUESTED", "APPEALED")
                        .contains(status));
        model.addAttribute(
                "filedAppeals",
                claim.get("appeals") instanceof List<?> appeals
                        ? appeals.stream()
                                .filter(a -> a instanceof Map<?, ?> m && "FILED".equals(m.get("status")))
                                .toList()
                        : List.of());
        return "claim-work";
    }

    /** Corrects what claim-service lets a biller correct (only fields that changed), then releases if asked. */
    @PostMapping("/work/claims/{claimId}/correct")
    @PreAuthorize(ConsoleRoles.BILLER)
    String correct(
            @PathVariable String claimId,
            @RequestParam MultiValueMap<String, String> form,
            RedirectAttributes redirect) {
        checkClaimId(claimId);
        boolean release = "release".equals(form.getFirst("action"));
        Map<String, Object> changes = changes(form);
        String done = "";
        if (!changes.isEmpty()) {
            ServiceAnswer corrected = services.patch("claim-service", "/claims/" + segment(claimId), changes);
            if (!corrected.ok()) {
                redirect.addFlashAttribute("failure", "Not corrected: " + corrected.problem());
                return "redirect:/work/claims/" + segment(claimId);
            }
            done = "corrected ("
                    + String.join(
                            ", ",
                            changes.keySet().stream().map(CORRECTABLE::get).toList()) + ")";
        } else if (!release) {
            redirect.addFlashAttribute("failure", "Nothing changed: edit a field to correct it");
            return "redirect:/work/claims/" + segment(claimId);
        }
        if (release) {
            ServiceAnswer released = services.post("claim-service", "/claims/" + segment(claimId) + "/release", null);
            if (!released.ok()) {
                redirect.addFlashAttribute(
                        "failure",
                        "Claim " + claimId + (done.isEmpty() ? "" : " " + done + " but") + " not released: "
                                + released.problem());
                return "redirect:/work/claims/" + segment(claimId);
            }
            done = (done.isEmpty() ? "" : done + " and ") + "released" + statusOf(released);
        }
        redirect.addFlashAttribute("notice", "Claim " + claimId + " " + done);
        return "redirect:/work/claims/" + segment(claimId);
    }

    /** The correctable fields whose value differs from the one the form was shown with ({@code was-<field>}). */
    static Map<String, Object> changes(MultiValueMap<String, String> form) {
        Map<String, Object> changes = new LinkedHashMap<>();
        for (String field : CORRECTABLE.keySet()) {
            String value = form.getFirst(field);
            String was = form.getFirst("was-" + field);
            if (value != null && !value.isBlank() && !value.strip().equals(was == null ? "" : was.strip())) {
                changes.put(field, value.strip());
            }
        }
        return changes;
    }

    @PostMapping("/work/claims/{claimId}/recode")
    @PreAuthorize(ConsoleRoles.BILLER)
    String requestRecode(
            @PathVariable String claimId,
            @RequestParam(defaultValue = "") String instructions,
            RedirectAttributes redirect) {
        return claimAction(
                claimId, "/recode", Map.of("instructions", instructions.strip()), "Recode requested for", redirect);
    }

    @PostMapping("/work/claims/{claimId}/appeal")
    @PreAuthorize(ConsoleRoles.BILLER)
    String appeal(
            @PathVariable String claimId,
            @RequestParam(defaultValue = "") String notes,
            @RequestParam(defaultValue = "") String timelyFilingProof,
            RedirectAttributes redirect) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("notes", notes.strip());
        if (!timelyFilingProof.isBlank()) {
            // a timely-filing denial's appeal carries the proof of timely filing
            body.put("timelyFilingProof", timelyFilingProof.strip());
        }
        return claimAction(claimId, "/appeals", body, "Appeal filed for", redirect);
    }

    @PostMapping("/work/claims/{claimId}/appeals/{appealId}/outcome")
    @PreAuthorize(ConsoleRoles.BILLER)
    String appealOutcome(
            @PathVariable String claimId,
            @PathVariable long appealId,
            @RequestParam(defaultValue = "") String outcome,
            RedirectAttributes redirect) {
        checkClaimId(claimId);
        ServiceAnswer answer = services.patch(
                "claim-service", "/claims/" + segment(claimId) + "/appeals/" + appealId, Map.of("outcome", outcome));
        flash(
                answer,
                "Appeal " + appealId + " of claim " + claimId + " recorded as " + outcome + statusOf(answer),
                redirect);
        return "redirect:/work/claims/" + segment(claimId);
    }

    @PostMapping("/work/claims/{claimId}/write-off")
    @PreAuthorize(ConsoleRoles.BILLER)
    String writeOff(
            @PathVariable String claimId, @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
        return claimAction(claimId, "/write-off", Map.of("reason", reason.strip()), "Written off:", redirect);
    }

    @PostMapping("/work/claims/{claimId}/follow-up")
    @PreAuthorize(ConsoleRoles.BILLER)
    String followUp(
            @PathVariable String claimId,
            @RequestParam(defaultValue = "") String note,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate nextFollowUp,
            RedirectAttributes redirect) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("note", note.strip());
        body.put("nextFollowUp", nextFollowUp == null ? null : nextFollowUp.toString());
        return claimAction(claimId, "/follow-ups", body, "Follow-up noted on", redirect);
    }

    private String claimAction(
            String claimId, String action, Map<String, Object> body, String done, RedirectAttributes redirect) {
        checkClaimId(claimId);
        ServiceAnswer answer = services.post("claim-service", "/claims/" + segment(claimId) + action, body);
        flash(answer, done + " claim " + claimId + statusOf(answer), redirect);
        return "redirect:/work/claims/" + segment(claimId);
    }

    private static Map<String, String> correctable() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("billingNpi", "billing NPI");
        fields.put("billingTaxId", "billing tax id");
        fields.put("renderingNpi", "rendering NPI");
        fields.put("referringNpi", "referring NPI");
        fields.put("memberId", "member id");
        fields.put("priorAuthorizationNumber", "prior authorization number");
        return fields;
    }
}
