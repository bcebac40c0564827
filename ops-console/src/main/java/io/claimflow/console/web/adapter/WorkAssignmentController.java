package io.claimflow.console.web.adapter;

import static io.claimflow.console.web.adapter.WebParams.query;

import io.claimflow.console.assignment.WorkAssignments;
import io.claimflow.console.readmodel.ReadModel;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * The follow-up and timely-filing worklist with its deadlines, and who works what (issue 21 item 6): one page of
 * claim-service's follow-up list (unanswered past the payer's follow-up period; not yet accepted and near or past the
 * timely-filing deadline), computed, ordered (past deadlines first, then the nearest, then the longest waiting),
 * filtered (reason, payer), paged and counted by claim-service; "mine" is the caller's open assignments still on the
 * list. Take the next unassigned item (pages walked, at most {@link #TAKE_NEXT_PAGES}), assign one to a person, and
 * per person the claims held and the claims finished in the last 7 days: an assignment is finished when its claim
 * left the list (was worked), which claim-service says of the open assignments' claims
 * ({@code /work-lists/follow-up/of-claims}). Assignments are the console's own ({@code work_assignment}).
 */
@Controller
class WorkAssignmentController {

    static final int LIST_PAGE = 25;
    /** take-next reads at most this many pages of {@link #TAKE_NEXT_SIZE} items looking for an unassigned one. */
    static final int TAKE_NEXT_PAGES = 10;

    static final int TAKE_NEXT_SIZE = 200;
    /** Claim ids per question to claim-service (its limit). */
    static final int OF_CLAIMS_BATCH = 500;
    /** The most open assignments "mine" shows, and the most whose claims are checked at a page view. */
    static final int MAX_OPEN = 2_000;

    static final Map<String, String> REASONS = reasons();

    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._@-]{1,100}");
    private static final Pattern CLAIM_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");

    private final Services services;
    private final WorkAssignments assignments;
    private final ReadModel readModel;
    private final ConsoleUser user;
    private final Clock clock;

    WorkAssignmentController(
            Services services,
            WorkAssignments assignments,
            ReadModel readModel,
            ConsoleUser user,
            Optional<Clock> clock) {
        this.services = services;
        this.assignments = assignments;
        this.readModel = readModel;
        this.user = user;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    @GetMapping("/work/follow-up")
    @PreAuthorize(ConsoleRoles.BILLER)
    String followUp(
            @RequestParam(defaultValue = "false") boolean mine,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String payer,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        reason = WebParams.oneOf(reason, List.copyOf(REASONS.keySet()), "reason");
        payer = WebParams.token(payer, "payer");
        page = Math.max(page, 0);
        String me = user.name();
        finishWorkedAssignments();
        ServiceAnswer answer;
        List<Map<String, Object>> items;
        Paging paging;
        if (mine) {
            // the caller's open assignments still on the list, in the list's order, filtered and paged here (bounded)
            answer = onTheList(assignments.openClaims(me, MAX_OPEN));
            String r = reason;
            String p = payer;
            List<Map<String, Object>> all = worklist(answer.ok() ? answer.body() : null).stream()
                    .filter(i -> r == null || r.equals(i.get("reasonCode")))
                    .filter(i -> p == null || p.equals(i.get("payerId")))
                    .toList();
            paging = Paging.of(page, LIST_PAGE, all.size());
            items = new ArrayList<>(paging.slice(all));
        } else {
            answer = services.get(
                    "claim-service",
                    "/work-lists/follow-up"
                            + query("reason", reason, "payerId", payer, "page", page, "size", LIST_PAGE));
            items = worklist(answer.ok() && answer.body() instanceof Map<?, ?> body ? body.get("items") : null);
            paging = Paging.of(page, LIST_PAGE, answer.ok() ? answer.body() : null, items.size());
        }
        Map<String, String> assignees = assignments.assignees(
                items.stream().map(i -> (String) i.get("claimId")).toList());
        items.forEach(i -> i.put("assignee", assignees.get((String) i.get("claimId"))));
        model.addAttribute("answer", answer);
        model.addAttribute("mine", mine);
        model.addAttribute("items", items);
        model.addAttribute("paging", paging);
        model.addAttribute("reason", reason);
        model.addAttribute("reasons", REASONS);
        model.addAttribute("payer", payer);
        model.addAttribute("payers", readModel.payers());
        model.addAttribute("filterQuery", query("mine", mine ? true : null, "reason", reason, "payer", payer));
        model.addAttribute(
                "productivity", assignments.productivity(clock.instant().minus(Duration.ofDays(7))));
        return "follow-up";
    }

    /**
     * The first unassigned item (past deadlines first, then the nearest) becomes the caller's; its claim opens. Pages
     * of the list are read until one has an unassigned item, at most {@link #TAKE_NEXT_PAGES}.
     */
    @PostMapping("/work/follow-up/take-next")
    @PreAuthorize(ConsoleRoles.BILLER)
    String takeNext(RedirectAttributes redirect) {
        for (int page = 0; page < TAKE_NEXT_PAGES; page++) {
            ServiceAnswer answer = services.get(
                    "claim-service", "/work-lists/follow-up" + query("page", page, "size", TAKE_NEXT_SIZE));
            if (!answer.ok()) {
                redirect.addFlashAttribute("failure", answer.problem());
                return "redirect:/work/follow-up";
            }
            List<String> ids = worklist(answer.body() instanceof Map<?, ?> body ? body.get("items") : null).stream()
                    .map(i -> (String) i.get("claimId"))
                    .toList();
            Map<String, String> assignees = assignments.assignees(ids);
            Optional<String> next =
                    ids.stream().filter(id -> !assignees.containsKey(id)).findFirst();
            if (next.isPresent()) {
                assignments.assign(next.get(), user.name(), user.name(), clock.instant());
                redirect.addFlashAttribute("notice", "Claim " + next.get() + " is yours");
                return "redirect:/work/claims/" + UriUtils.encodePathSegment(next.get(), StandardCharsets.UTF_8);
            }
            if (ids.size() < TAKE_NEXT_SIZE) {
                redirect.addFlashAttribute("notice", "Every item on the list is taken");
                return "redirect:/work/follow-up";
            }
        }
        redirect.addFlashAttribute(
                "notice",
                "The first " + TAKE_NEXT_PAGES * TAKE_NEXT_SIZE
                        + " items are all taken: assign one from a later page, or finish yours first");
        return "redirect:/work/follow-up";
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

    /**
     * Finishes the open assignments whose claims left the list: claim-service says which of their claims are on it
     * (in batches), the others were worked. Nothing is finished when claim-service does not answer.
     */
    private void finishWorkedAssignments() {
        List<String> open = assignments.openClaims(null, MAX_OPEN);
        if (open.isEmpty()) {
            return;
        }
        ServiceAnswer answer = onTheList(open);
        if (!answer.ok()) {
            return;
        }
        Set<String> onList = new HashSet<>();
        worklist(answer.body()).forEach(i -> onList.add((String) i.get("claimId")));
        assignments.finish(open.stream().filter(id -> !onList.contains(id)).toList(), clock.instant());
    }

    /**
     * claim-service's items of {@code claimIds} that are on the follow-up list now, in the list's order, asked in
     * batches of {@link #OF_CLAIMS_BATCH}: one answer whose body is all of them, or the first failed answer.
     */
    private ServiceAnswer onTheList(List<String> claimIds) {
        List<Object> found = new ArrayList<>();
        ServiceAnswer last = null;
        for (int from = 0; from < claimIds.size(); from += OF_CLAIMS_BATCH) {
            List<String> batch = claimIds.subList(from, Math.min(claimIds.size(), from + OF_CLAIMS_BATCH));
            last = services.post("claim-service", "/work-lists/follow-up/of-claims", Map.of("claimIds", batch));
            if (!last.ok()) {
                return last;
            }
            Set<String> asked = new HashSet<>(batch);
            // only the claims asked about (claim-service answers no others)
            PatientAccountController.list(last.body()).stream()
                    .filter(i -> i.get("claim") instanceof Map<?, ?> claim && asked.contains(claim.get("claimId")))
                    .forEach(found::add);
        }
        if (last == null) {
            return new ServiceAnswer(200, List.of(), null);
        }
        if (claimIds.size() > OF_CLAIMS_BATCH) {
            // batches each in the list's order: merged in it (past deadlines first, then the nearest, then the longest
            // waiting)
            found.sort(Comparator.comparing((Object i) -> String.valueOf(((Map<?, ?>) i).get("timelyFilingDeadline")))
                    .thenComparing(i -> -number(((Map<?, ?>) i).get("daysWaiting")))
                    .thenComparing(i -> String.valueOf(((Map<?, ?>) ((Map<?, ?>) i).get("claim")).get("claimId"))));
        }
        return new ServiceAnswer(200, found, null);
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }

    /** claim-service's items (a list) as rows with their deadlines and reasons in people's words, in its order. */
    private List<Map<String, Object>> worklist(Object list) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        List<Map<String, Object>> items = new ArrayList<>();
        for (Map<String, Object> row : PatientAccountController.list(list)) {
            Map<String, Object> claim =
                    row.get("claim") instanceof Map<?, ?> c ? PatientAccountController.strings(c) : Map.of();
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("claimId", String.valueOf(claim.get("claimId")));
            item.put("payerId", claim.get("payerId"));
            item.put("payer", claim.get("payerName") != null ? claim.get("payerName") : claim.get("payerId"));
            item.put("status", claim.get("status"));
            item.put("dateOfService", claim.get("dateOfService"));
            item.put("balance", claim.get("balance"));
            String reason = String.valueOf(row.get("reason"));
            item.put("reasonCode", reason);
            item.put("reason", REASONS.getOrDefault(reason, reason));
            item.put("daysWaiting", row.get("daysWaiting"));
            Object deadline = row.get("timelyFilingDeadline");
            item.put("deadline", deadline);
            item.put(
                    "daysLeft",
                    row.get("daysLeft") instanceof Number n
                            ? Long.valueOf(n.longValue())
                            : deadline == null
                                    ? null
                                    : ChronoUnit.DAYS.between(today, LocalDate.parse(String.valueOf(deadline))));
            items.add(item);
        }
        return items;
    }

    private static Map<String, String> reasons() {
        Map<String, String> reasons = new LinkedHashMap<>();
        reasons.put("TIMELY_FILING_DEADLINE_PASSED", "Timely-filing deadline passed");
        reasons.put("TIMELY_FILING_DEADLINE_NEAR", "Timely-filing deadline near");
        reasons.put("NO_PAYER_RESPONSE", "No answer from the payer");
        return java.util.Collections.unmodifiableMap(reasons);
    }
}
