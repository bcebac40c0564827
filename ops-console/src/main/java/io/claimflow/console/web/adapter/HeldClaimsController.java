package io.claimflow.console.web.adapter;

import static io.claimflow.console.web.adapter.WebParams.checkClaimId;
import static io.claimflow.console.web.adapter.WebParams.query;
import static io.claimflow.console.web.adapter.WebParams.segment;
import static io.claimflow.console.web.adapter.WebParams.statusOf;

import io.claimflow.console.readmodel.ReadModel;
import io.claimflow.console.services.ServiceAnswer;
import io.claimflow.console.services.Services;
import io.claimflow.platform.web.BadRequestException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Held claims from claim-service, filtered (scrubber rule, payer, age), sorted, paged and counted by claim-service
 * ({@code /work-lists/held/search}), with how many claims each rule holds; release one or the selected ones (one
 * call each, each claim's outcome shown).
 */
@Controller
class HeldClaimsController {

    static final int LIST_PAGE = 25;
    static final List<String> SORTS = List.of("dateOfService", "-dateOfService", "charge", "-charge", "payer");

    private final Services services;
    private final ReadModel readModel;
    private final Clock clock = Clock.systemUTC();

    HeldClaimsController(Services services, ReadModel readModel) {
        this.services = services;
        this.readModel = readModel;
    }

    @GetMapping("/work/held")
    @PreAuthorize(ConsoleRoles.BILLER)
    String held(
            @RequestParam(required = false) String rule,
            @RequestParam(required = false) Integer olderThanDays,
            @RequestParam(required = false) String payer,
            @RequestParam(required = false) String sort,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        rule = WebParams.token(rule, "rule");
        payer = WebParams.token(payer, "payer");
        sort = WebParams.oneOf(sort, SORTS, "sort");
        WebParams.days(olderThanDays, "olderThanDays");
        page = Math.max(page, 0);
        LocalDate today = LocalDate.now(clock);
        List<ServiceAnswer> answers = services.getAll(
                "claim-service",
                "/work-lists/held/search"
                        + query(
                                "rule",
                                rule,
                                "payerId",
                                payer,
                                "serviceTo",
                                olderThanDays == null ? null : today.minusDays(olderThanDays),
                                "sort",
                                sort,
                                "page",
                                page,
                                "size",
                                LIST_PAGE),
                "/work-lists/held/rules");
        ServiceAnswer answer = answers.get(0);
        ServiceAnswer byRule = answers.get(1);
        List<Map<String, Object>> rows = WorkListRows.held(answer.ok() ? answer.body() : null, today);
        model.addAttribute("answer", answer);
        model.addAttribute("rows", rows);
        model.addAttribute("rules", byRule.ok() ? Tables.rows(byRule.body()) : List.of());
        model.addAttribute("rule", rule);
        model.addAttribute("payer", payer);
        model.addAttribute("payers", readModel.payers());
        model.addAttribute("sort", sort);
        model.addAttribute("olderThanDays", olderThanDays);
        model.addAttribute("paging", Paging.of(page, LIST_PAGE, answer.ok() ? answer.body() : null, rows.size()));
        model.addAttribute(
                "filterQuery", query("rule", rule, "olderThanDays", olderThanDays, "payer", payer, "sort", sort));
        return "held";
    }

    @PostMapping("/work/held/{claimId}/release")
    @PreAuthorize(ConsoleRoles.BILLER)
    String release(@PathVariable String claimId, RedirectAttributes redirect) {
        checkClaimId(claimId);
        ServiceAnswer answer = services.post("claim-service", "/claims/" + segment(claimId) + "/release", null);
        if (answer.ok()) {
            redirect.addFlashAttribute("notice", "Claim " + claimId + " released" + statusOf(answer));
        } else {
            redirect.addFlashAttribute("failure", answer.problem());
        }
        return "redirect:/work/held";
    }

    /** Releases every selected claim, one call each; the outcome of each is shown. */
    @PostMapping("/work/held/release")
    @PreAuthorize(ConsoleRoles.BILLER)
    String releaseSelected(
            @RequestParam(name = "claimId", required = false) List<String> claimIds, RedirectAttributes redirect) {
        if (claimIds == null || claimIds.isEmpty()) {
            redirect.addFlashAttribute("failure", "Select at least one claim to release");
            return "redirect:/work/held";
        }
        if (claimIds.size() > 100) {
            throw new BadRequestException("Release at most 100 claims at once");
        }
        List<String> outcomes = new ArrayList<>();
        int released = 0;
        for (String claimId : claimIds) {
            checkClaimId(claimId);
            ServiceAnswer answer = services.post("claim-service", "/claims/" + segment(claimId) + "/release", null);
            if (answer.ok()) {
                released++;
                outcomes.add(claimId + ": released" + statusOf(answer));
            } else {
                outcomes.add(claimId + ": not released, " + answer.problem());
            }
        }
        redirect.addFlashAttribute(
                released == claimIds.size() ? "notice" : "failure",
                released + " of " + claimIds.size() + " claim(s) released");
        redirect.addFlashAttribute("outcomes", outcomes);
        return "redirect:/work/held";
    }
}
