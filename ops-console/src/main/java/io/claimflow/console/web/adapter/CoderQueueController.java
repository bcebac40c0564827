package io.claimflow.console.web.adapter;

import static io.claimflow.console.web.adapter.WebParams.blankToNull;
import static io.claimflow.console.web.adapter.WebParams.query;

import io.claimflow.console.services.ServiceAnswer;
import io.claimflow.console.services.Services;
import io.claimflow.platform.web.BadRequestException;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
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
 * The coder queue from coding-service, called as the logged-in coder: filters by reason, kind and age of the date of
 * service, paging (coding-service pages and counts); an item's documentation beside the suggested codes; accept,
 * edit and finalize, a refusal shown with the coder's edits kept.
 */
@Controller
class CoderQueueController {

    static final int CODER_PAGE = 20;

    private final Services services;
    private final Clock clock = Clock.systemUTC();

    CoderQueueController(Services services) {
        this.services = services;
    }

    @GetMapping("/work/coder")
    @PreAuthorize(ConsoleRoles.CODER)
    String coderQueue(
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) Integer olderThanDays,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dateFrom,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dateTo,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        reason = blankToNull(reason);
        kind = blankToNull(kind);
        if (reason != null && !WebParams.TOKEN.matcher(reason).matches()) {
            throw new BadRequestException("reason must be a reason code such as SNOMED-UNMAPPED");
        }
        if (kind != null && !Set.of("INITIAL", "RECODE").contains(kind)) {
            throw new BadRequestException("kind must be INITIAL or RECODE");
        }
        WebParams.days(olderThanDays, "olderThanDays");
        LocalDate today = LocalDate.now(clock);
        LocalDate to = dateTo;
        if (olderThanDays != null) {
            LocalDate cut = today.minusDays(olderThanDays);
            to = to == null || cut.isBefore(to) ? cut : to;
        }
        page = Math.max(page, 0);
        ServiceAnswer answer = services.get(
                "coding-service",
                "/coder-queue"
                        + query(
                                "status",
                                "OPEN",
                                "reason",
                                reason,
                                "kind",
                                kind,
                                "dateFrom",
                                dateFrom,
                                "dateTo",
                                to,
                                "page",
                                page,
                                "size",
                                CODER_PAGE));
        List<Map<String, Object>> items = new ArrayList<>();
        if (answer.ok() && answer.body() instanceof Map<?, ?> body && body.get("items") instanceof List<?> list) {
            for (Object item : list) {
                Map<String, Object> row = Tables.flatten(item);
                row.put("waitingDays", WebParams.daysSince(row.get("createdAt"), today));
                items.add(row);
            }
        }
        model.addAttribute("answer", answer);
        model.addAttribute("items", items);
        model.addAttribute("reason", reason);
        model.addAttribute("kind", kind);
        model.addAttribute("olderThanDays", olderThanDays);
        model.addAttribute("dateFrom", dateFrom);
        model.addAttribute("dateTo", dateTo);
        model.addAttribute(
                "paging",
                Paging.of(page, CODER_PAGE, WebParams.total(answer.ok() ? answer.body() : null, items.size())));
        model.addAttribute(
                "filterQuery",
                query(
                        "reason",
                        reason,
                        "kind",
                        kind,
                        "olderThanDays",
                        olderThanDays,
                        "dateFrom",
                        dateFrom,
                        "dateTo",
                        dateTo));
        return "coder-queue";
    }

    @GetMapping("/work/coder/{id}")
    @PreAuthorize(ConsoleRoles.CODER)
    String coderItem(@PathVariable long id, Model model, HttpServletResponse response) {
        ServiceAnswer answer = services.get("coding-service", "/coder-queue/" + id);
        if (answer.status() == HttpServletResponse.SC_NOT_FOUND) {
            return ConsolePages.notFound(answer, model, response);
        }
        Map<?, ?> detail = answer.ok() && answer.body() instanceof Map<?, ?> m ? m : Map.of();
        return coderItemPage(id, answer, detail, CodingForm.ofSuggestion(detail.get("suggestion")), model);
    }

    /**
     * Finalizes a coder-queue item: {@code action=accept} sends the rules' suggestion as it is, otherwise the edited
     * form. A refusal (coding edits, a closed item, bad input) shows the form again with the coder's edits and the
     * service's reasons.
     */
    @PostMapping("/work/coder/{id}/finalize")
    @PreAuthorize(ConsoleRoles.CODER)
    String finalizeCoding(
            @PathVariable long id,
            @RequestParam MultiValueMap<String, String> form,
            Model model,
            RedirectAttributes redirect) {
        boolean accept = "accept".equals(form.getFirst("action"));
        CodingForm coding = CodingForm.of(form);
        if (accept) {
            ServiceAnswer current = services.get("coding-service", "/coder-queue/" + id);
            if (!current.ok()) {
                redirect.addFlashAttribute("failure", current.problem());
                return "redirect:/work/coder/" + id;
            }
            coding = CodingForm.ofSuggestion(((Map<?, ?>) current.body()).get("suggestion"));
        }
        Map<String, Object> body;
        try {
            body = coding.body();
        } catch (IllegalArgumentException e) {
            return refused(id, coding, e.getMessage(), null, model);
        }
        ServiceAnswer answer = services.post("coding-service", "/coder-queue/" + id + "/finalize", body);
        if (answer.ok()) {
            Map<?, ?> done = answer.body() instanceof Map<?, ?> m ? m : Map.of();
            long warnings = done.get("edits") instanceof List<?> edits ? edits.size() : 0;
            redirect.addFlashAttribute(
                    "notice",
                    "Item " + id + " finalized" + (accept ? " as suggested" : "")
                            + ": " + done.get("encounterId") + " goes out as coding version "
                            + done.get("codingVersion")
                            + (warnings > 0 ? " with " + warnings + " edit warning(s)" : ""));
            return "redirect:/work/coder";
        }
        Object edits = answer.body() instanceof Map<?, ?> problem ? problem.get("edits") : null;
        return refused(id, coding, answer.problem(), edits, model);
    }

    private String refused(long id, CodingForm coding, String failure, Object edits, Model model) {
        ServiceAnswer answer = services.get("coding-service", "/coder-queue/" + id);
        Map<?, ?> detail = answer.ok() && answer.body() instanceof Map<?, ?> m ? m : Map.of();
        model.addAttribute("failure", failure);
        model.addAttribute("problemEdits", edits instanceof List<?> list ? list : List.of());
        return coderItemPage(id, answer, detail, coding, model);
    }

    private static String coderItemPage(long id, ServiceAnswer answer, Map<?, ?> detail, CodingForm form, Model model) {
        model.addAttribute("id", id);
        model.addAttribute("answer", answer);
        model.addAttribute("item", detail);
        model.addAttribute("documentation", detail.get("documentation") instanceof Map<?, ?> d ? d : Map.of());
        Map<?, ?> suggestion = detail.get("suggestion") instanceof Map<?, ?> s ? s : Map.of();
        model.addAttribute("suggestion", suggestion);
        model.addAttribute("reasons", detail.get("reasons") instanceof List<?> r ? r : List.of());
        model.addAttribute(
                "recodeCause", detail.get("recodeCause") instanceof Map<?, ?> c ? FieldLabels.recodeCause(c) : null);
        model.addAttribute("open", "OPEN".equals(detail.get("status")));
        model.addAttribute("dxRows", form.diagnosisRows());
        model.addAttribute("lineRows", form.lineRows());
        if (!model.containsAttribute("problemEdits")) {
            model.addAttribute("problemEdits", List.of());
        }
        return "coder-item";
    }
}
