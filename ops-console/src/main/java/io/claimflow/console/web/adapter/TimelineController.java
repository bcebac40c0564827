package io.claimflow.console.web.adapter;

import io.claimflow.console.readmodel.ClaimView;
import io.claimflow.console.readmodel.ReadModel;
import io.claimflow.console.readmodel.TimelineEntry;
import io.claimflow.platform.audit.AuditTrail;
import io.claimflow.platform.web.NotFoundException;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/** Encounter and claim search, and an encounter's timeline from documentation to payment, from the read model. */
@Controller
class TimelineController {

    private final ReadModel readModel;
    private final AuditTrail auditTrail;

    TimelineController(ReadModel readModel, AuditTrail auditTrail) {
        this.readModel = readModel;
        this.auditTrail = auditTrail;
    }

    @GetMapping("/encounters")
    @PreAuthorize(ConsoleRoles.TIMELINE)
    String search(@RequestParam(required = false) String q, Model model) {
        String term = q == null ? "" : q.strip();
        model.addAttribute("q", term);
        model.addAttribute("results", term.length() < 3 ? List.of() : readModel.search(term, 50));
        return "encounters";
    }

    @GetMapping("/encounters/{encounterId}")
    @PreAuthorize(ConsoleRoles.TIMELINE)
    String timeline(@PathVariable String encounterId, Model model) {
        List<TimelineEntry> events = readModel.timeline(encounterId);
        if (events.isEmpty()) {
            throw new NotFoundException("No events for encounter " + encounterId);
        }
        List<ClaimView> claims = readModel.claimsOfEncounter(encounterId);
        auditTrail.read("encounter", encounterId);
        model.addAttribute("encounterId", encounterId);
        model.addAttribute("events", events);
        model.addAttribute("claims", claims);
        return "timeline";
    }

    @GetMapping("/claims/{claimId}")
    @PreAuthorize(ConsoleRoles.TIMELINE)
    String claim(@PathVariable String claimId) {
        String encounter = readModel.encounterOfClaim(claimId)
                .orElseThrow(() -> new NotFoundException("No claim " + claimId));
        return "redirect:" + UriComponentsBuilder.fromPath("/encounters/{encounter}").fragment("claim-" + claimId)
                .buildAndExpand(encounter).encode().toUriString();
    }
}
