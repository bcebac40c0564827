package io.claimflow.console.web.adapter;

import io.claimflow.console.services.ServiceAnswer;
import io.claimflow.console.services.Services;
import io.claimflow.platform.audit.AuditTrail;
import io.claimflow.platform.web.BadRequestException;
import io.claimflow.schemas.Topics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/**
 * Dead letters per consuming service and topic, with their reasons, from the services'
 * {@code /admin/dead-letters/{topic}}; replay one to the topic it failed on.
 */
@Controller
class DeadLetterController {

    /** Which service consumes which topic (each keeps its own dead letters of it). */
    static final Map<String, List<String>> CONSUMERS = consumers();

    private final Services services;
    private final AuditTrail auditTrail;

    DeadLetterController(Services services, AuditTrail auditTrail) {
        this.services = services;
        this.auditTrail = auditTrail;
    }

    @GetMapping("/dead-letters")
    @PreAuthorize(ConsoleRoles.ADMIN)
    String list(@RequestParam(required = false) String service, @RequestParam(required = false) String topic,
            Model model) {
        model.addAttribute("consumers", CONSUMERS);
        if (service != null && topic != null) {
            check(service, topic);
            ServiceAnswer answer = services.get(service, "/admin/dead-letters/"
                    + UriUtils.encodePathSegment(topic, java.nio.charset.StandardCharsets.UTF_8) + "?limit=100");
            model.addAttribute("service", service);
            model.addAttribute("topic", topic);
            model.addAttribute("answer", answer);
            model.addAttribute("letters", Tables.rows(answer.body(), "deadLetters", "records", "items"));
        }
        return "dead-letters";
    }

    @PostMapping("/dead-letters/replay")
    @PreAuthorize(ConsoleRoles.ADMIN)
    String replay(@RequestParam String service, @RequestParam String topic, @RequestParam int partition,
            @RequestParam long offset, RedirectAttributes redirect) {
        check(service, topic);
        ServiceAnswer answer = services.post(service, "/admin/dead-letters/"
                + UriUtils.encodePathSegment(topic, java.nio.charset.StandardCharsets.UTF_8) + "/" + partition + "/"
                + offset + "/replay", null);
        if (answer.ok()) {
            auditTrail.changed("dead-letter.replayed", "dead-letter", topic + "/" + partition + "/" + offset);
            redirect.addFlashAttribute("notice", "Replayed " + topic + " partition " + partition + " offset "
                    + offset + " through " + service);
        } else {
            redirect.addFlashAttribute("failure", answer.problem());
        }
        redirect.addAttribute("service", service);
        redirect.addAttribute("topic", topic);
        return "redirect:/dead-letters";
    }

    private static void check(String service, String topic) {
        List<String> topics = CONSUMERS.get(service);
        if (topics == null || !topics.contains(topic)) {
            throw new BadRequestException("Unknown service or topic");
        }
    }

    private static Map<String, List<String>> consumers() {
        Map<String, List<String>> consumers = new LinkedHashMap<>();
        consumers.put("coding-service", List.of(Topics.ENCOUNTER_DOCUMENTED, Topics.RECODE_REQUESTED));
        consumers.put("claim-service", List.of(Topics.ENCOUNTER_CODED, Topics.CLAIM_DENIED, Topics.PAYMENT_POSTED));
        consumers.put("adjudication-gateway", List.of(Topics.CLAIM_SUBMITTED));
        consumers.put("patient-billing-service", List.of(Topics.CLAIM_SUBMITTED, Topics.CLAIM_DENIED,
                Topics.PAYMENT_POSTED));
        return consumers;
    }
}
