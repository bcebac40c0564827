package io.claimflow.console.web.adapter;

import io.claimflow.console.readmodel.ClaimView;
import io.claimflow.console.readmodel.EncounterQuery;
import io.claimflow.console.readmodel.EncounterRow;
import io.claimflow.console.readmodel.ListPage;
import io.claimflow.console.readmodel.ReadModel;
import io.claimflow.console.readmodel.TimelineEntry;
import io.claimflow.console.services.ServiceAnswer;
import io.claimflow.console.services.ServiceFile;
import io.claimflow.console.services.Services;
import io.claimflow.platform.audit.AuditTrail;
import io.claimflow.platform.web.BadRequestException;
import io.claimflow.platform.web.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Encounter and claim search, and an encounter's timeline from documentation to payment, from the read model; each
 * claim's X12 files from adjudication-gateway, on demand.
 */
@Controller
class TimelineController {

    static final String GATEWAY = "adjudication-gateway";

    private final ReadModel readModel;
    private final AuditTrail auditTrail;
    private final Services services;

    TimelineController(ReadModel readModel, AuditTrail auditTrail, Services services) {
        this.readModel = readModel;
        this.auditTrail = auditTrail;
        this.services = services;
    }

    static final int PAGE = 25;

    /**
     * Encounters in every state (documented, coded without a claim, claimed, paid), found by the start of an
     * encounter id, claim id or patient control number, filtered by state, tenant and date of service, sorted and
     * paged by the read model with a total.
     */
    @GetMapping("/encounters")
    @PreAuthorize(ConsoleRoles.TIMELINE)
    String search(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String tenant,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dosFrom,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dosTo,
            @RequestParam(required = false) String sort,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        String term = q == null ? "" : q.strip();
        if (term.length() > 100) {
            throw new BadRequestException("Search for at most 100 characters");
        }
        state = WebParams.oneOf(state, EncounterRow.STATES, "state");
        tenant = WebParams.token(tenant, "tenant");
        sort = WebParams.oneOf(sort, EncounterQuery.SORTS, "sort");
        page = Math.max(page, 0);
        ListPage<EncounterRow> found = readModel.encounters(
                new EncounterQuery(term.isEmpty() ? null : term, state, tenant, dosFrom, dosTo, sort, page, PAGE));
        model.addAttribute("q", term);
        model.addAttribute("state", state);
        model.addAttribute("states", EncounterRow.STATES);
        model.addAttribute("tenant", tenant);
        model.addAttribute("tenants", readModel.tenants());
        model.addAttribute("dosFrom", dosFrom);
        model.addAttribute("dosTo", dosTo);
        model.addAttribute("sort", sort);
        model.addAttribute("results", found.items());
        model.addAttribute("paging", Paging.of(page, PAGE, found.total()));
        model.addAttribute(
                "filterQuery",
                WebParams.query(
                        "q",
                        term.isEmpty() ? null : term,
                        "state",
                        state,
                        "tenant",
                        tenant,
                        "dosFrom",
                        dosFrom,
                        "dosTo",
                        dosTo,
                        "sort",
                        sort));
        return "encounters";
    }

    @GetMapping("/encounters/{encounterId}")
    @PreAuthorize(ConsoleRoles.TIMELINE)
    String timeline(@PathVariable String encounterId, Model model) {
        List<TimelineEntry> events = readModel.timeline(encounterId);
        if (events.isEmpty()) {
            throw new NotFoundException("No such encounter");
        }
        List<ClaimView> claims = readModel.claimsOfEncounter(encounterId);
        auditTrail.read("encounter", encounterId);
        model.addAttribute("encounterId", encounterId);
        model.addAttribute("events", events);
        model.addAttribute("claims", claims);
        return "timeline";
    }

    /**
     * A claim's X12 files (837P out; 999, 277CA, 835 in) as adjudication-gateway recorded them, fetched when the
     * timeline is shown (htmx), as the logged-in user: the read model keeps no copy of the files.
     */
    @GetMapping("/claims/{claimId}/x12")
    @PreAuthorize(ConsoleRoles.X12)
    String x12(@PathVariable String claimId, Model model) {
        ServiceAnswer answer = services.get(
                GATEWAY,
                "/api/adjudication/claims/" + UriUtils.encodePathSegment(claimId, StandardCharsets.UTF_8)
                        + "/x12-history");
        model.addAttribute("claimId", claimId);
        model.addAttribute("answer", answer.ok() ? null : answer);
        model.addAttribute("x12Problem", answer.ok() ? null : answer.problem());
        model.addAttribute("files", answer.ok() ? Tables.rows(answer.body(), "events") : List.of());
        return "x12-files :: x12";
    }

    /** One interchange: what the gateway says of it and, if the user may read files there, its segments. */
    @GetMapping("/x12/{interchangeId}")
    @PreAuthorize(ConsoleRoles.X12)
    String x12File(@PathVariable long interchangeId, Model model) {
        ServiceAnswer record = services.get(GATEWAY, "/api/adjudication/interchanges/" + interchangeId);
        model.addAttribute("interchangeId", interchangeId);
        model.addAttribute("answer", record);
        model.addAttribute(
                "fields", record.ok() ? FieldLabels.labelled(Tables.flatten(record.body())) : java.util.Map.of());
        List<String> segments = List.of();
        String fileProblem = null;
        if (record.ok()) {
            ServiceFile raw = services.file(
                    GATEWAY, "/api/adjudication/interchanges/" + interchangeId + "/raw", "application/edi-x12");
            if (raw.ok()) {
                segments = X12Segments.of(new String(raw.content(), StandardCharsets.ISO_8859_1));
            } else {
                fileProblem = raw.problem();
            }
        }
        model.addAttribute("segments", segments);
        model.addAttribute("fileProblem", fileProblem);
        return "x12-file";
    }

    @GetMapping("/claims/{claimId}")
    @PreAuthorize(ConsoleRoles.TIMELINE)
    String claim(@PathVariable String claimId) {
        String encounter =
                readModel.encounterOfClaim(claimId).orElseThrow(() -> new NotFoundException("No such claim"));
        return "redirect:"
                + UriComponentsBuilder.fromPath("/encounters/{encounter}")
                        .fragment("claim-" + claimId)
                        .buildAndExpand(encounter)
                        .encode()
                        .toUriString();
    }
}
