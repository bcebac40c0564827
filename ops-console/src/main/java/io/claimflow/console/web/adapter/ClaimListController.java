package io.claimflow.console.web.adapter;

import static io.claimflow.console.web.adapter.WebParams.query;

import io.claimflow.console.readmodel.ReadModel;
import io.claimflow.console.services.ServiceAnswer;
import io.claimflow.console.services.Services;
import io.claimflow.platform.web.BadRequestException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Claims in every state (held ones too, which no event tells the read model of), found by the start of their
 * number, status, payer, date of service and patient (MRN), from claim-service's {@code GET /claims} as the logged-in
 * user: claim-service filters, sorts, pages and counts, and audits a search by patient.
 */
@Controller
class ClaimListController {

    /** claim-service's claim states. */
    static final List<String> STATES = List.of(
            "CREATED",
            "HELD",
            "SUBMITTED",
            "ACKNOWLEDGED",
            "REJECTED",
            "PAID",
            "PARTIALLY_PAID",
            "DENIED",
            "RECODE_REQUESTED",
            "REPLACED",
            "APPEALED",
            "WRITTEN_OFF",
            "VOIDED",
            "CLOSED",
            "REVERSED",
            "CREDIT_BALANCE",
            "FORWARDED",
            "PREDETERMINED",
            "APPEAL_LOST",
            "CROSSED_OVER",
            "BILLED_TO_PATIENT");

    static final List<String> SORTS =
            List.of("-createdAt", "createdAt", "-dateOfService", "dateOfService", "-charge", "charge", "payer");
    static final int PAGE = 25;

    private final Services services;
    private final ReadModel readModel;

    ClaimListController(Services services, ReadModel readModel) {
        this.services = services;
        this.readModel = readModel;
    }

    @GetMapping("/claims")
    @PreAuthorize("hasAnyRole('BILLER', 'PATIENT_ACCOUNTS', 'AUDITOR')")
    String claims(
            @RequestParam(required = false) String number,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String payer,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dosFrom,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dosTo,
            @RequestParam(required = false) String mrn,
            @RequestParam(required = false) String sort,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(required = false) String after,
            @RequestParam(required = false) String before,
            Model model) {
        number = WebParams.blankToNull(number);
        if (number != null && !number.matches("[A-Za-z0-9_.:-]{1,100}")) {
            throw new BadRequestException("A claim number has letters, digits and - _ . : only");
        }
        status = WebParams.oneOf(status, STATES, "status");
        payer = WebParams.token(payer, "payer");
        mrn = WebParams.token(mrn, "MRN");
        sort = WebParams.oneOf(sort, SORTS, "sort");
        after = cursor(after);
        before = after == null ? cursor(before) : null;
        if (dosFrom != null && dosTo != null && dosFrom.isAfter(dosTo)) {
            throw new BadRequestException("The first date of service is after the last");
        }
        page = Math.max(page, 0);
        ServiceAnswer answer = services.get(
                "claim-service",
                "/claims"
                        + query(
                                "claimIdPrefix",
                                number,
                                "status",
                                status,
                                "payerId",
                                payer,
                                "serviceFrom",
                                dosFrom,
                                "serviceTo",
                                dosTo,
                                "patientMrn",
                                mrn,
                                "sort",
                                sort,
                                "page",
                                page,
                                "size",
                                PAGE,
                                "after",
                                after,
                                "before",
                                before));
        List<Map<String, Object>> rows = Tables.rows(answer.ok() ? answer.body() : null, "items");
        rows.forEach(r -> r.put("payer", WorkListRows.payer(r.get("payerId"), r.get("payerName"), null)));
        model.addAttribute("answer", answer);
        model.addAttribute("rows", rows);
        model.addAttribute("number", number);
        model.addAttribute("status", status);
        model.addAttribute("states", STATES);
        model.addAttribute("payer", payer);
        model.addAttribute("payers", readModel.payers());
        model.addAttribute("dosFrom", dosFrom);
        model.addAttribute("dosTo", dosTo);
        model.addAttribute("mrn", mrn);
        model.addAttribute("sort", sort);
        // the next and previous links name this page's last and first claim: claim-service reads the page after (or
        // before) it from its place in the order's index, however deep
        model.addAttribute(
                "paging",
                Paging.of(page, PAGE, answer.ok() ? answer.body() : null, rows.size())
                        .withCursors(
                                rows.isEmpty()
                                        ? null
                                        : (String) rows.get(rows.size() - 1).get("claimId"),
                                rows.isEmpty() ? null : (String) rows.get(0).get("claimId")));
        model.addAttribute(
                "filterQuery",
                query(
                        "number", number, "status", status, "payer", payer, "dosFrom", dosFrom, "dosTo", dosTo, "mrn",
                        mrn, "sort", sort));
        return "claims";
    }

    /** A claim number a next or previous link names, or a 400. */
    private static String cursor(String claimId) {
        claimId = WebParams.blankToNull(claimId);
        if (claimId != null && !claimId.matches("[A-Za-z0-9_.:-]{1,100}")) {
            throw new BadRequestException("A claim number has letters, digits and - _ . : only");
        }
        return claimId;
    }
}
