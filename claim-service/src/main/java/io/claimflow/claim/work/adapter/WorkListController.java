package io.claimflow.claim.work.adapter;

import io.claimflow.claim.work.ClaimQueries;
import io.claimflow.claim.work.WorkLists;
import io.claimflow.claim.workitem.Page;
import io.claimflow.claim.workitem.PageRequest;
import io.claimflow.claim.workitem.WorkItems;
import io.claimflow.claim.workitem.WorkListSearch;
import io.claimflow.claim.workitem.WorkQueue;
import io.claimflow.platform.validation.DateWithin;
import io.claimflow.platform.validation.Identifier;
import io.claimflow.platform.validation.InvalidInputException;
import jakarta.validation.constraints.Pattern;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The work lists as pages filtered, sorted and counted by the database ({@code {items, page, size, total}}, like
 * {@code GET /claims}): held claims by scrubber rule, payer and age, with the count per rule; open denial work by
 * queue, category, CARC, payer and age.
 */
@RestController
class WorkListController {

    private static final String BILLER = "hasRole('BILLER')";
    private static final String CODE = "[A-Za-z0-9_.-]{1,60}";

    private final WorkLists workLists;

    WorkListController(WorkLists workLists) {
        this.workLists = workLists;
    }

    @GetMapping("/work-lists/held/search")
    @PreAuthorize(BILLER)
    Page<ClaimQueries.HeldClaim> held(
            @RequestParam(required = false) @Pattern(regexp = CODE) String rule,
            @RequestParam(required = false) @Identifier String payerId,
            @RequestParam(required = false)
                    @DateWithin(yearsBack = 100, yearsAhead = 10)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                    LocalDate serviceTo,
            @RequestParam(required = false) String sort,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return workLists.held(
                new WorkListSearch(null, rule, null, null, payerId, serviceTo, new PageRequest(sort, page, size)));
    }

    @GetMapping("/work-lists/held/rules")
    @PreAuthorize(BILLER)
    List<ClaimQueries.RuleCount> heldByRule() {
        return workLists.heldByRule();
    }

    @GetMapping("/work-lists/denials/search")
    @PreAuthorize(BILLER)
    Page<WorkItems.WorkItem> denials(
            @RequestParam(required = false) String queue,
            @RequestParam(required = false) @Pattern(regexp = CODE) String category,
            @RequestParam(required = false) String carc,
            @RequestParam(required = false) @Identifier String payerId,
            @RequestParam(required = false)
                    @DateWithin(yearsBack = 100, yearsAhead = 10)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                    LocalDate serviceTo,
            @RequestParam(required = false) String sort,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        WorkQueue q = queue == null
                ? null
                : Arrays.stream(WorkQueue.values())
                        .filter(w -> w.name().equals(queue))
                        .findFirst()
                        .orElseThrow(() -> new InvalidInputException(
                                "queue must be one of " + Arrays.toString(WorkQueue.values())));
        return workLists.denials(
                new WorkListSearch(q, null, category, carc, payerId, serviceTo, new PageRequest(sort, page, size)));
    }
}
