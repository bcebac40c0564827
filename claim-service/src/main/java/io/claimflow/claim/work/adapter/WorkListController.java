package io.claimflow.claim.work.adapter;

import io.claimflow.claim.work.ClaimQueries;
import io.claimflow.claim.work.FollowUpItem;
import io.claimflow.claim.work.FollowUpSearch;
import io.claimflow.claim.work.WorkLists;
import io.claimflow.claim.workitem.Page;
import io.claimflow.claim.workitem.PageRequest;
import io.claimflow.claim.workitem.WorkItems;
import io.claimflow.claim.workitem.WorkListSearch;
import io.claimflow.claim.workitem.WorkQueue;
import io.claimflow.platform.validation.DateWithin;
import io.claimflow.platform.validation.Identifier;
import io.claimflow.platform.validation.InvalidInputException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The work lists as pages filtered, sorted and counted by the database ({@code {items, page, size, total}}, like
 * {@code GET /claims}): held claims by scrubber rule, payer and age, with the count per rule; open denial work by
 * queue, category, CARC, payer and age; the follow-up and timely-filing list by reason and payer, and which of some
 * claims are on it now.
 */
@RestController
class WorkListController {

    private static final String BILLER = "hasRole('BILLER')";
    private static final String CODE = "[A-Za-z0-9_.-]{1,60}";

    private final WorkLists workLists;
    private final Clock clock;

    WorkListController(WorkLists workLists, Clock clock) {
        this.workLists = workLists;
        this.clock = clock;
    }

    /**
     * One page of the claims to chase, past deadlines first, then the nearest deadline, then the longest waiting: no
     * answer from the payer past its follow-up days (or {@code olderThanDays}), and not sent with the filing deadline
     * near or passed. The total is exact.
     */
    @GetMapping("/work-lists/follow-up")
    @PreAuthorize(BILLER)
    Page<FollowUpItem> followUp(
            @RequestParam(required = false)
                    @DateWithin(yearsBack = 100, yearsAhead = 10)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                    LocalDate asOf,
            @RequestParam(required = false) Integer olderThanDays,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) @Identifier String payerId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return workLists.followUp(new FollowUpSearch(
                day(asOf), olderThanDays, reason(reason), payerId, null, new PageRequest(null, page, size)));
    }

    /**
     * Which of {@code claimIds} (at most 500) are on the follow-up list now: their items, in the list's order. A claim
     * not among them was worked (answered, sent, put off) or is unknown.
     */
    @PostMapping("/work-lists/follow-up/of-claims")
    @PreAuthorize(BILLER)
    List<FollowUpItem> followUpOf(@Valid @RequestBody ClaimIdsRequest request) {
        int size = Math.max(1, request.claimIds().size());
        return workLists
                .followUp(new FollowUpSearch(
                        day(request.asOf()),
                        request.olderThanDays(),
                        null,
                        null,
                        request.claimIds(),
                        new PageRequest(null, 0, size)))
                .items();
    }

    record ClaimIdsRequest(
            @NotNull @Size(max = FollowUpSearch.MAX_CLAIM_IDS)
            List<@NotNull @Identifier String> claimIds,

            @DateWithin(yearsBack = 100, yearsAhead = 10) LocalDate asOf,
            Integer olderThanDays) {}

    private LocalDate day(LocalDate asOf) {
        return asOf != null ? asOf : LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static FollowUpItem.Reason reason(String reason) {
        return reason == null || reason.isBlank()
                ? null
                : Arrays.stream(FollowUpItem.Reason.values())
                        .filter(r -> r.name().equals(reason))
                        .findFirst()
                        .orElseThrow(() -> new InvalidInputException(
                                "reason must be one of " + Arrays.toString(FollowUpItem.Reason.values())));
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
