package io.claimflow.console.web.adapter;

import io.claimflow.console.services.ServiceAnswer;
import io.claimflow.console.services.Services;
import io.claimflow.platform.web.BadRequestException;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
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
import org.springframework.web.util.UriUtils;

/**
 * Work queues, from the services' REST APIs called as the logged-in user: the coder queue (documentation beside the
 * suggested codes; accept, edit and finalize; filters by reason, kind and age of the date of service, paging), held
 * claims (scrubber reasons; correct, release, bulk release with a per-claim outcome; filters by rule and age,
 * paging), denials (by queue, category, CARC and payer; recode request, appeal, write-off, follow-up), quarantined
 * X12 files. Each action is one call into the service, whose answer (or problem detail) is shown as it is.
 */
@Controller
class WorkQueueController {

    static final List<String> DENIAL_QUEUES = List.of("DENIAL", "REJECTION", "APPEAL", "RECODE");
    static final List<String> DENIAL_CATEGORIES = List.of("CODING", "ELIGIBILITY", "AUTHORIZATION", "DUPLICATE",
            "TIMELY_FILING", "MISSING_INFORMATION", "MEDICAL_NECESSITY", "OTHER");
    static final int CODER_PAGE = 20;
    static final int LIST_PAGE = 25;
    /** The most a work list call asks claim-service for (its own limit is 500); filters apply to these. */
    static final int WORK_LIST_FETCH = 500;
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_.-]{1,60}");
    private static final Pattern CLAIM_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");
    /** The fields of a held or rejected claim that claim-service's PATCH /claims/{id} corrects. */
    static final Map<String, String> CORRECTABLE = correctable();

    private final Services services;
    private final Clock clock;

    WorkQueueController(Services services) {
        this.services = services;
        this.clock = Clock.systemUTC();
    }

    // ---------------------------------------------------------------- coder queue

    @GetMapping("/work/coder")
    @PreAuthorize(ConsoleRoles.CODER)
    String coderQueue(@RequestParam(required = false) String reason, @RequestParam(required = false) String kind,
            @RequestParam(required = false) Integer olderThanDays,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dateFrom,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dateTo,
            @RequestParam(defaultValue = "0") int page, Model model) {
        reason = blankToNull(reason);
        kind = blankToNull(kind);
        if (reason != null && !TOKEN.matcher(reason).matches()) {
            throw new BadRequestException("reason must be a reason code such as SNOMED-UNMAPPED");
        }
        if (kind != null && !Set.of("INITIAL", "RECODE").contains(kind)) {
            throw new BadRequestException("kind must be INITIAL or RECODE");
        }
        if (olderThanDays != null && (olderThanDays < 0 || olderThanDays > 3650)) {
            throw new BadRequestException("olderThanDays must be between 0 and 3650");
        }
        LocalDate to = dateTo;
        if (olderThanDays != null) {
            LocalDate cut = today().minusDays(olderThanDays);
            to = to == null || cut.isBefore(to) ? cut : to;
        }
        page = Math.max(page, 0);
        ServiceAnswer answer = services.get("coding-service", "/coder-queue" + query("status", "OPEN",
                "reason", reason, "kind", kind, "dateFrom", dateFrom, "dateTo", to, "page", page, "size", CODER_PAGE));
        List<Map<String, Object>> items = new ArrayList<>();
        long total = 0;
        if (answer.ok() && answer.body() instanceof Map<?, ?> body) {
            if (body.get("items") instanceof List<?> list) {
                for (Object item : list) {
                    Map<String, Object> row = Tables.flatten(item);
                    row.put("waitingDays", daysSince(row.get("createdAt")));
                    items.add(row);
                }
            }
            total = body.get("total") instanceof Number n ? n.longValue() : items.size();
        }
        model.addAttribute("answer", answer);
        model.addAttribute("items", items);
        model.addAttribute("reason", reason);
        model.addAttribute("kind", kind);
        model.addAttribute("olderThanDays", olderThanDays);
        model.addAttribute("dateFrom", dateFrom);
        model.addAttribute("dateTo", dateTo);
        model.addAttribute("paging", Paging.of(page, CODER_PAGE, total));
        model.addAttribute("filterQuery", query("reason", reason, "kind", kind, "olderThanDays", olderThanDays,
                "dateFrom", dateFrom, "dateTo", dateTo));
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
    String finalizeCoding(@PathVariable long id, @RequestParam MultiValueMap<String, String> form, Model model,
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
            redirect.addFlashAttribute("notice", "Item " + id + " finalized" + (accept ? " as suggested" : "")
                    + ": " + done.get("encounterId") + " goes out as coding version " + done.get("codingVersion")
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

    private static String coderItemPage(long id, ServiceAnswer answer, Map<?, ?> detail, CodingForm form,
            Model model) {
        model.addAttribute("id", id);
        model.addAttribute("answer", answer);
        model.addAttribute("item", detail);
        model.addAttribute("documentation", detail.get("documentation") instanceof Map<?, ?> d ? d : Map.of());
        Map<?, ?> suggestion = detail.get("suggestion") instanceof Map<?, ?> s ? s : Map.of();
        model.addAttribute("suggestion", suggestion);
        model.addAttribute("reasons", detail.get("reasons") instanceof List<?> r ? r : List.of());
        model.addAttribute("recodeCause", detail.get("recodeCause") instanceof Map<?, ?> c ? Tables.flatten(c) : null);
        model.addAttribute("open", "OPEN".equals(detail.get("status")));
        model.addAttribute("dxRows", form.diagnosisRows());
        model.addAttribute("lineRows", form.lineRows());
        if (!model.containsAttribute("problemEdits")) {
            model.addAttribute("problemEdits", List.of());
        }
        return "coder-item";
    }

    // ---------------------------------------------------------------- held claims

    @GetMapping("/work/held")
    @PreAuthorize(ConsoleRoles.BILLER)
    String held(@RequestParam(required = false) String rule, @RequestParam(required = false) Integer olderThanDays,
            @RequestParam(defaultValue = "0") int page, Model model) {
        rule = blankToNull(rule);
        if (rule != null && !TOKEN.matcher(rule).matches()) {
            throw new BadRequestException("rule must be a scrubber rule such as NPI_CHECK_DIGIT");
        }
        if (olderThanDays != null && (olderThanDays < 0 || olderThanDays > 3650)) {
            throw new BadRequestException("olderThanDays must be between 0 and 3650");
        }
        ServiceAnswer answer = services.get("claim-service", "/work-lists/held" + query("page", 0,
                "size", WORK_LIST_FETCH));
        List<Map<String, Object>> all = new ArrayList<>();
        Set<String> rules = new java.util.TreeSet<>();
        if (answer.ok() && answer.body() instanceof List<?> list) {
            for (Object held : list) {
                if (held instanceof Map<?, ?> h) {
                    Map<String, Object> row = new LinkedHashMap<>(Tables.flatten(h.get("claim")));
                    List<Map<?, ?>> reasons = new ArrayList<>();
                    if (h.get("reasons") instanceof List<?> rs) {
                        rs.forEach(r -> {
                            if (r instanceof Map<?, ?> m) {
                                reasons.add(m);
                                if (m.get("ruleId") != null) {
                                    rules.add(String.valueOf(m.get("ruleId")));
                                }
                            }
                        });
                    }
                    row.put("reasons", reasons);
                    row.put("ageDays", daysSince(row.get("dateOfService")));
                    all.add(row);
                }
            }
        }
        String wantedRule = rule;
        Integer wantedAge = olderThanDays;
        Predicate<Map<String, Object>> filter = row -> (wantedRule == null || ((List<?>) row.get("reasons"))
                .stream().anyMatch(r -> wantedRule.equals(((Map<?, ?>) r).get("ruleId"))))
                && (wantedAge == null || row.get("ageDays") instanceof Long age && age >= wantedAge);
        List<Map<String, Object>> rows = all.stream().filter(filter).toList();
        Paging paging = Paging.of(Math.max(page, 0), LIST_PAGE, rows.size());
        model.addAttribute("answer", answer);
        model.addAttribute("rows", paging.slice(rows));
        model.addAttribute("rules", rules);
        model.addAttribute("rule", rule);
        model.addAttribute("olderThanDays", olderThanDays);
        model.addAttribute("paging", paging);
        model.addAttribute("truncated", all.size() >= WORK_LIST_FETCH);
        model.addAttribute("filterQuery", query("rule", rule, "olderThanDays", olderThanDays));
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
    String releaseSelected(@RequestParam(name = "claimId", required = false) List<String> claimIds,
            RedirectAttributes redirect) {
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
        redirect.addFlashAttribute(released == claimIds.size() ? "notice" : "failure",
                released + " of " + claimIds.size() + " claim(s) released");
        redirect.addFlashAttribute("outcomes", outcomes);
        return "redirect:/work/held";
    }

    // ---------------------------------------------------------------- one claim's work

    /** A claim to work: hold reasons and corrections for a held or rejected one, denial actions for a denied one. */
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
        Object status = claim.get("status") == null ? "" : claim.get("status");
        model.addAttribute("releasable", "HELD".equals(status) || "REJECTED".equals(status));
        // which forms to offer (claim-service's state machine decides; these are the states it accepts them in)
        model.addAttribute("recodable", Set.of("DENIED", "PARTIALLY_PAID").contains(status));
        model.addAttribute("appealable", Set.of("DENIED", "PARTIALLY_PAID", "RECODE_REQUESTED").contains(status));
        model.addAttribute("writeOffable", Set.of("HELD", "REJECTED", "DENIED", "PARTIALLY_PAID", "RECODE_REQUESTED",
                "APPEALED").contains(status));
        model.addAttribute("filedAppeals", claim.get("appeals") instanceof List<?> appeals ? appeals.stream()
                .filter(a -> a instanceof Map<?, ?> m && "FILED".equals(m.get("status"))).toList() : List.of());
        return "claim-work";
    }

    /** Corrects what claim-service lets a biller correct (only fields that changed), then releases if asked. */
    @PostMapping("/work/claims/{claimId}/correct")
    @PreAuthorize(ConsoleRoles.BILLER)
    String correct(@PathVariable String claimId, @RequestParam MultiValueMap<String, String> form,
            RedirectAttributes redirect) {
        checkClaimId(claimId);
        boolean release = "release".equals(form.getFirst("action"));
        Map<String, Object> changes = new LinkedHashMap<>();
        for (String field : CORRECTABLE.keySet()) {
            String value = form.getFirst(field);
            String was = form.getFirst("was-" + field);
            if (value != null && !value.isBlank() && !value.strip().equals(was == null ? "" : was.strip())) {
                changes.put(field, value.strip());
            }
        }
        String done = "";
        if (!changes.isEmpty()) {
            ServiceAnswer corrected = services.patch("claim-service", "/claims/" + segment(claimId), changes);
            if (!corrected.ok()) {
                redirect.addFlashAttribute("failure", "Not corrected: " + corrected.problem());
                return "redirect:/work/claims/" + segment(claimId);
            }
            done = "corrected (" + String.join(", ", changes.keySet().stream().map(CORRECTABLE::get).toList()) + ")";
        } else if (!release) {
            redirect.addFlashAttribute("failure", "Nothing changed: edit a field to correct it");
            return "redirect:/work/claims/" + segment(claimId);
        }
        if (release) {
            ServiceAnswer released = services.post("claim-service", "/claims/" + segment(claimId) + "/release", null);
            if (!released.ok()) {
                redirect.addFlashAttribute("failure", "Claim " + claimId + (done.isEmpty() ? "" : " " + done + " but")
                        + " not released: " + released.problem());
                return "redirect:/work/claims/" + segment(claimId);
            }
            done = (done.isEmpty() ? "" : done + " and ") + "released" + statusOf(released);
        }
        redirect.addFlashAttribute("notice", "Claim " + claimId + " " + done);
        return "redirect:/work/claims/" + segment(claimId);
    }

    @PostMapping("/work/claims/{claimId}/recode")
    @PreAuthorize(ConsoleRoles.BILLER)
    String requestRecode(@PathVariable String claimId, @RequestParam(defaultValue = "") String instructions,
            RedirectAttributes redirect) {
        return claimAction(claimId, "/recode", Map.of("instructions", instructions.strip()), "Recode requested for",
                redirect);
    }

    @PostMapping("/work/claims/{claimId}/appeal")
    @PreAuthorize(ConsoleRoles.BILLER)
    String appeal(@PathVariable String claimId, @RequestParam(defaultValue = "") String notes,
            RedirectAttributes redirect) {
        return claimAction(claimId, "/appeals", Map.of("notes", notes.strip()), "Appeal filed for", redirect);
    }

    @PostMapping("/work/claims/{claimId}/appeals/{appealId}/outcome")
    @PreAuthorize(ConsoleRoles.BILLER)
    String appealOutcome(@PathVariable String claimId, @PathVariable long appealId,
            @RequestParam(defaultValue = "") String outcome, RedirectAttributes redirect) {
        checkClaimId(claimId);
        ServiceAnswer answer = services.patch("claim-service", "/claims/" + segment(claimId) + "/appeals/"
                + appealId, Map.of("outcome", outcome));
        flash(answer, "Appeal " + appealId + " of claim " + claimId + " recorded as " + outcome + statusOf(answer),
                redirect);
        return "redirect:/work/claims/" + segment(claimId);
    }

    @PostMapping("/work/claims/{claimId}/write-off")
    @PreAuthorize(ConsoleRoles.BILLER)
    String writeOff(@PathVariable String claimId, @RequestParam(defaultValue = "") String reason,
            RedirectAttributes redirect) {
        return claimAction(claimId, "/write-off", Map.of("reason", reason.strip()), "Written off:", redirect);
    }

    @PostMapping("/work/claims/{claimId}/follow-up")
    @PreAuthorize(ConsoleRoles.BILLER)
    String followUp(@PathVariable String claimId, @RequestParam(defaultValue = "") String note,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate nextFollowUp,
            RedirectAttributes redirect) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("note", note.strip());
        body.put("nextFollowUp", nextFollowUp == null ? null : nextFollowUp.toString());
        return claimAction(claimId, "/follow-ups", body, "Follow-up noted on", redirect);
    }

    private String claimAction(String claimId, String action, Map<String, Object> body, String done,
            RedirectAttributes redirect) {
        checkClaimId(claimId);
        ServiceAnswer answer = services.post("claim-service", "/claims/" + segment(claimId) + action, body);
        flash(answer, done + " claim " + claimId + statusOf(answer), redirect);
        return "redirect:/work/claims/" + segment(claimId);
    }

    // ---------------------------------------------------------------- denials

    @GetMapping("/work/denials")
    @PreAuthorize(ConsoleRoles.BILLER)
    String denials(@RequestParam(defaultValue = "DENIAL") String queue,
            @RequestParam(required = false) String category, @RequestParam(required = false) String carc,
            @RequestParam(required = false) String payer, @RequestParam(defaultValue = "0") int page, Model model) {
        category = blankToNull(category);
        carc = blankToNull(carc);
        payer = blankToNull(payer);
        if (!"ALL".equals(queue) && !DENIAL_QUEUES.contains(queue)) {
            throw new BadRequestException("queue must be one of ALL, DENIAL, REJECTION, APPEAL, RECODE");
        }
        for (String token : new String[] {category, carc, payer}) {
            if (token != null && !TOKEN.matcher(token).matches()) {
                throw new BadRequestException("category, CARC and payer are codes: letters, digits, - _ .");
            }
        }
        ServiceAnswer answer = services.get("claim-service", "/work-lists/denials" + query("queue",
                "ALL".equals(queue) ? null : queue, "page", 0, "size", WORK_LIST_FETCH));
        List<Map<String, Object>> all = Tables.rows(answer.ok() ? answer.body() : null);
        Set<String> payers = new java.util.TreeSet<>();
        Set<String> categories = new java.util.TreeSet<>(DENIAL_CATEGORIES);
        all.forEach(r -> {
            if (r.get("payerId") != null) {
                payers.add(String.valueOf(r.get("payerId")));
            }
            if (r.get("category") != null) {
                categories.add(String.valueOf(r.get("category")));
            }
        });
        String wantedCategory = category;
        String wantedCarc = carc;
        String wantedPayer = payer;
        Pattern carcPattern = carc == null ? null : Pattern.compile("(?<![0-9A-Za-z])(CO|PR|OA|PI|CR)?-?"
                + Pattern.quote(carc.toUpperCase(Locale.ROOT)) + "(?![0-9])");
        List<Map<String, Object>> rows = all.stream()
                .filter(r -> wantedCategory == null || wantedCategory.equals(String.valueOf(r.get("category"))))
                .filter(r -> wantedPayer == null || wantedPayer.equals(String.valueOf(r.get("payerId"))))
                .filter(r -> carcPattern == null || carcPattern.matcher(String.valueOf(r.get("reasons"))).find())
                .toList();
        Paging paging = Paging.of(Math.max(page, 0), LIST_PAGE, rows.size());
        model.addAttribute("answer", answer);
        model.addAttribute("rows", paging.slice(rows));
        model.addAttribute("queue", queue);
        model.addAttribute("queues", DENIAL_QUEUES);
        model.addAttribute("category", category);
        model.addAttribute("categories", categories);
        model.addAttribute("carc", carc);
        model.addAttribute("payer", payer);
        model.addAttribute("payers", payers);
        model.addAttribute("paging", paging);
        model.addAttribute("truncated", all.size() >= WORK_LIST_FETCH);
        model.addAttribute("filterQuery", query("queue", queue, "category", category, "carc", carc, "payer", payer));
        return "denials";
    }

    @GetMapping("/work/quarantine")
    @PreAuthorize(ConsoleRoles.ADMIN)
    String quarantine(Model model) {
        ServiceAnswer answer = services.get("adjudication-gateway", "/api/adjudication/quarantine");
        List<Map<String, Object>> rows = Tables.rows(answer.body(), "items", "files");
        model.addAttribute("title", "Quarantined X12 files");
        model.addAttribute("answer", answer);
        model.addAttribute("rows", rows);
        model.addAttribute("columns", Tables.columns(rows));
        model.addAttribute("kind", "quarantine");
        return "work";
    }

    // ---------------------------------------------------------------- helpers

    /** One page of a list: where it is and how many there are. */
    record Paging(int page, int size, long total) {

        static Paging of(int page, int size, long total) {
            return new Paging(page, size, total);
        }

        public long pages() {
            return Math.max(1, (total + size - 1) / size);
        }

        public boolean hasPrevious() {
            return page > 0;
        }

        public boolean hasNext() {
            return (long) (page + 1) * size < total;
        }

        public long first() {
            return total == 0 ? 0 : (long) page * size + 1;
        }

        public long last() {
            return Math.min(total, (long) (page + 1) * size);
        }

        <T> List<T> slice(List<T> rows) {
            int from = (int) Math.min(rows.size(), (long) page * size);
            return rows.subList(from, (int) Math.min(rows.size(), (long) from + size));
        }
    }

    private static void flash(ServiceAnswer answer, String notice, RedirectAttributes redirect) {
        if (answer.ok()) {
            redirect.addFlashAttribute("notice", notice);
        } else {
            redirect.addFlashAttribute("failure", answer.problem());
        }
    }

    /** ", now SUBMITTED" from a claim-service claim answer. */
    private static String statusOf(ServiceAnswer answer) {
        return answer.ok() && answer.body() instanceof Map<?, ?> claim && claim.get("status") != null
                ? ", now " + claim.get("status") : "";
    }

    private Long daysSince(Object dateOrInstant) {
        if (dateOrInstant == null) {
            return null;
        }
        String text = String.valueOf(dateOrInstant);
        try {
            LocalDate date = text.length() == 10 ? LocalDate.parse(text)
                    : LocalDate.ofInstant(Instant.parse(text), ZoneOffset.UTC);
            return Duration.between(date.atStartOfDay(), today().atStartOfDay()).toDays();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private static void checkClaimId(String claimId) {
        if (!CLAIM_ID.matcher(claimId).matches()) {
            throw new BadRequestException("Not a claim id");
        }
    }

    private static String segment(String value) {
        return UriUtils.encodePathSegment(value, StandardCharsets.UTF_8);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** {@code ?k=v&...} of the pairs whose value is not null, URL-encoded; empty when none. */
    static String query(Object... pairs) {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                query.append(query.isEmpty() ? '?' : '&').append(pairs[i]).append('=')
                        .append(URLEncoder.encode(String.valueOf(pairs[i + 1]), StandardCharsets.UTF_8));
            }
        }
        return query.toString();
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
