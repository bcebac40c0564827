package io.claimflow.console.web.adapter;

import static io.claimflow.console.web.adapter.WebParams.query;

import io.claimflow.codes.DenialCategory;
import io.claimflow.console.readmodel.ReadModel;
import io.claimflow.console.services.ServiceAnswer;
import io.claimflow.console.services.Services;
import io.claimflow.platform.web.BadRequestException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Open denial work from claim-service, filtered (queue, category, CARC, payer, age), sorted, paged and counted by
 * claim-service ({@code /work-lists/denials/search}); payers by name, CARC / RARC with their descriptions. Quarantined
 * X12 files from adjudication-gateway.
 */
@Controller
class DenialsController {

    /** claim-service's work queues. */
    static final List<String> DENIAL_QUEUES = List.of(
            "DENIAL",
            "REJECTION",
            "APPEAL",
            "RECODE",
            "REVERSAL",
            "CREDIT_BALANCE",
            "NOT_PAID",
            "LOST_APPEAL",
            "COORDINATION");
    /** The denial categories of the one billing-codes table. */
    static final List<String> DENIAL_CATEGORIES = Arrays.stream(DenialCategory.values())
            .filter(DenialCategory::isDenial)
            .map(Enum::name)
            .toList();

    static final List<String> SORTS =
            List.of("createdAt", "-createdAt", "dateOfService", "-dateOfService", "charge", "-charge", "payer");
    static final int LIST_PAGE = 25;

    private final Services services;
    private final ReadModel readModel;
    private final Clock clock = Clock.systemUTC();

    DenialsController(Services services, ReadModel readModel) {
        this.services = services;
        this.readModel = readModel;
    }

    @GetMapping("/work/denials")
    @PreAuthorize(ConsoleRoles.BILLER)
    String denials(
            @RequestParam(defaultValue = "DENIAL") String queue,
            @RequestParam(required = false) String category,
            @RequestParam(required = false) String carc,
            @RequestParam(required = false) String payer,
            @RequestParam(required = false) Integer olderThanDays,
            @RequestParam(required = false) String sort,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        if (!"ALL".equals(queue) && !DENIAL_QUEUES.contains(queue)) {
            throw new BadRequestException("queue must be one of ALL, " + String.join(", ", DENIAL_QUEUES));
        }
        category = WebParams.token(category, "category");
        carc = WebParams.blankToNull(carc);
        carc = carc == null ? null : carc.toUpperCase(java.util.Locale.ROOT);
        if (carc != null && !carc.matches("(?:(?:CO|PR|OA|PI|CR)-?)?[A-Za-z0-9]{1,5}")) {
            throw new BadRequestException("CARC must be a reason code such as 16 or CO-16");
        }
        payer = WebParams.token(payer, "payer");
        sort = WebParams.oneOf(sort, SORTS, "sort");
        WebParams.days(olderThanDays, "olderThanDays");
        page = Math.max(page, 0);
        ServiceAnswer answer = services.get(
                "claim-service",
                "/work-lists/denials/search"
                        + query(
                                "queue",
                                "ALL".equals(queue) ? null : queue,
                                "category",
                                category,
                                "carc",
                                carc,
                                "payerId",
                                payer,
                                "serviceTo",
                                olderThanDays == null
                                        ? null
                                        : LocalDate.now(clock).minusDays(olderThanDays),
                                "sort",
                                sort,
                                "page",
                                page,
                                "size",
                                LIST_PAGE));
        Map<String, String> payers = readModel.payers();
        List<Map<String, Object>> rows = WorkListRows.denials(answer.ok() ? answer.body() : null, payers);
        model.addAttribute("answer", answer);
        model.addAttribute("rows", rows);
        model.addAttribute("queue", queue);
        model.addAttribute("queues", DENIAL_QUEUES);
        model.addAttribute("category", category);
        model.addAttribute("categories", DENIAL_CATEGORIES);
        model.addAttribute("carc", carc);
        model.addAttribute("payer", payer);
        model.addAttribute("payers", payers);
        model.addAttribute("sort", sort);
        model.addAttribute("olderThanDays", olderThanDays);
        model.addAttribute("paging", Paging.of(page, LIST_PAGE, answer.ok() ? answer.body() : null, rows.size()));
        model.addAttribute(
                "filterQuery",
                query(
                        "queue",
                        queue,
                        "category",
                        category,
                        "carc",
                        carc,
                        "payer",
                        payer,
                        "olderThanDays",
                        olderThanDays,
                        "sort",
                        sort));
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
}
