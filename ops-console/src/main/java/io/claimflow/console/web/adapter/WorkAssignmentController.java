package io.claimflow.console.web.adapter;

import io.claimflow.console.assignment.WorkAssignments;
import io.claimflow.console.services.ServiceAnswer;
import io.claimflow.console.services.Services;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/**
 * The follow-up and timely-filing worklist with its deadlines, and who works what (issue 21 item 6): claim-service's
 * follow-up list (unanswered past the payer's follow-up period; not yet accepted and near or past the timely-filing
 * deadline), past deadlines first, then the nearest; take the next unassigned item, assign one to a person, and per
 * person the claims held and the claims finished in the last 7 days (an assignment is finished when its claim left
 * the list, i.e. was worked). Assignments are the console's own ({@code work_assignment}).
 */
@Controller
class WorkAssignmentController {

    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._@-]{1,100}");
    private static final Pattern CLAIM_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");

    private final Services services;
    private final WorkAssignments assignments;
    private final ConsoleUser user;
    private final Clock clock;

    WorkAssignmentController(Services services, WorkAssignments assignments, ConsoleUser user, Optional<Clock> clock) {
        this.services = services;
        this.assignments = assignments;
        this.user = user;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    @GetMapping("/work/follow-up")
    @PreAuthorize(ConsoleRoles.BILLER)
    String followUp(@RequestParam(defaultValue = "false") boolean mine, Model model) {
        ServiceAnswer answer = services.get("claim-service", "/work-lists/follow-up");
        List<Map<String, Object>> items = answer.ok() ? worklist(answer) : List.of();
        if (answer.ok()) {
            assignments.finishAllBut(
                    items.stream().map(i -> (String) i.get("claimId")).toList(), clock.instant());
        }
        Map<String, String> assignees = assignments.assignees(
                items.stream().map(i -> (String) i.get("claimId")).toList());
        items.forEach(i -> i.put("assignee", assignees.get((String) i.get("claimId"))));
        String me = user.name();
        model.addAttribute("answer", answer);
        model.addAttribute("mine", mine);
        model.addAttribute(
                "items",
                mine ? items.stream().filter(i -> me.equals(i.get("assignee"))).toList() : items);
        model.addAttribute(
                "productivity", assignments.productivity(clock.instant().minus(Duration.ofDays(7))));
        return "follow-up";
    }

    /** The first unassigned item (past deadlines first, then the nearest) becomes the caller's; its claim opens. */
    @PostMapping("/work/follow-up/take-next")
    @PreAuthorize(ConsoleRoles.BILLER)
    String takeNext(RedirectAttributes redirect) {
        ServiceAnswer answer = services.get("claim-service", "/work-lists/follow-up");
        if (!answer.ok()) {
            redirect.addFlashAttribute("failure", answer.problem());
            return "redirect:/work/follow-up";
        }
        List<Map<String, Object>> items = worklist(answer);
        Map<String, String> assignees = assignments.assignees(
                items.stream().map(i -> (String) i.get("claimId")).toList());
        Optional<String> next = items.stream()
                .map(i -> (String) i.get("claimId"))
                .filter(id -> !assignees.containsKey(id))
                .findFirst();
        if (next.isEmpty()) {
            redirect.addFlashAttribute("notice", "Every item on the list is taken");
            return "redirect:/work/follow-up";
        }
        assignments.assign(next.get(), user.name(), user.name(), clock.instant());
        redirect.addFlashAttribute("notice", "Claim " + next.get() + " is yours");
        return "redirect:/work/claims/" + UriUtils.encodePathSegment(next.get(), StandardCharsets.UTF_8);
    }

    @PostMapping("/work/follow-up/assign")
    @PreAuthorize(ConsoleRoles.BILLER)
    String assign(
            @RequestParam(defaultValue = "") String claimId,
            @RequestParam(defaultValue = "") String assignee,
            RedirectAttributes redirect) {
        if (!CLAIM_ID.matcher(claimId).matches()
                || !USER.matcher(assignee.strip()).matches()) {
            redirect.addFlashAttribute("failure", "Give the claim and the user name of the person to assign it to");
            return "redirect:/work/follow-up";
        }
        assignments.assign(claimId, assignee.strip(), user.name(), clock.instant());
        redirect.addFlashAttribute("notice", "Claim " + claimId + " assigned to " + assignee.strip());
        return "redirect:/work/follow-up";
    }

    /** claim-service's items with their deadlines, past deadlines first, then the nearest, then the longest wait. */
    private List<Map<String, Object>> worklist(ServiceAnswer answer) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        List<Map<String, Object>> items = new ArrayList<>();
        for (Map<String, Object> row : PatientAccountController.list(answer.body())) {
            Map<String, Object> claim =
                    row.get("claim") instanceof Map<?, ?> c ? PatientAccountController.strings(c) : Map.of();
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("claimId", String.valueOf(claim.get("claimId")));
            item.put("payer", claim.get("payerName") != null ? claim.get("payerName") : claim.get("payerId"));
            item.put("status", claim.get("status"));
            item.put("dateOfService", claim.get("dateOfService"));
            item.put("balance", claim.get("balance"));
            item.put(
                    "reason",
                    switch (String.valueOf(row.get("reason"))) {
                        case "TIMELY_FILING_DEADLINE_PASSED" -> "Timely-filing deadline passed";
                        case "TIMELY_FILING_DEADLINE_NEAR" -> "Timely-filing deadline near";
                        case "NO_PAYER_RESPONSE" -> "No answer from the payer";
                        default -> String.valueOf(row.get("reason"));
                    });
            item.put("daysWaiting", row.get("daysWaiting"));
            Object deadline = row.get("timelyFilingDeadline");
            item.put("deadline", deadline);
            item.put(
                    "daysLeft",
                    deadline == null
                            ? null
                            : ChronoUnit.DAYS.between(today, LocalDate.parse(String.valueOf(deadline))));
            items.add(item);
        }
        items.sort(Comparator.comparing(
                (Map<String, Object> i) -> i.get("daysLeft") == null ? Long.MAX_VALUE : (Long) i.get("daysLeft")));
        return items;
    }
}
