package io.claimflow.console.web.adapter;

import io.claimflow.console.deadletter.DeadLetterDecision;
import io.claimflow.console.deadletter.DeadLetterDecisions;
import io.claimflow.console.deadletter.DeadLetterTriage;
import io.claimflow.console.services.ServiceAnswer;
import io.claimflow.console.services.Services;
import io.claimflow.platform.web.BadRequestException;
import io.claimflow.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/**
 * Dead letters per consuming service and topic, with their reasons, from the services' platform API
 * ({@code GET /admin/dead-letters/{topic}}, {@code POST .../{partition}/{offset}/replay}), called as the logged-in
 * admin: filter and page them, inspect one, replay one or the selected ones (after the cause is fixed), or discard one
 * with a note. Dead-letter topics are append-only and the platform has no discard, so a discard is the console's own
 * record ({@code dead_letter_decision}) plus an audit record, and the console hides the letter from then on. A replay
 * is recorded and audited the same way.
 */
@Controller
class DeadLetterController {

    /** Which service consumes which topic (each lists the topic's dead letters). */
    static final Map<String, List<String>> CONSUMERS = consumers();

    static final int PAGE = 25;
    /** Newest letters per partition read from the service. */
    static final int FETCH_PER_PARTITION = 200;

    private final Services services;
    private final DeadLetterTriage triage;
    private final DeadLetterDecisions decisions;

    DeadLetterController(Services services, DeadLetterTriage triage, DeadLetterDecisions decisions) {
        this.services = services;
        this.triage = triage;
        this.decisions = decisions;
    }

    @GetMapping("/dead-letters")
    @PreAuthorize(ConsoleRoles.ADMIN)
    String list(
            @RequestParam(required = false) String service,
            @RequestParam(required = false) String topic,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String key,
            @RequestParam(required = false) String group,
            @RequestParam(defaultValue = "false") boolean discarded,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        model.addAttribute("consumers", CONSUMERS);
        if (service != null && topic != null) {
            check(service, topic);
            reason = blankToNull(reason);
            key = blankToNull(key);
            group = blankToNull(group);
            ServiceAnswer answer =
                    services.get(service, "/admin/dead-letters/" + segment(topic) + "?limit=" + FETCH_PER_PARTITION);
            List<Map<String, Object>> letters = Tables.rows(answer.ok() ? answer.body() : null);
            List<String> ids = letters.stream().map(DeadLetterController::id).toList();
            Map<String, DeadLetterDecision> decided = decisions.latest(ids);
            Set<String> groups = new TreeSet<>();
            List<Map<String, Object>> rows = new ArrayList<>();
            String wantedReason = reason == null ? null : reason.toLowerCase(Locale.ROOT);
            for (Map<String, Object> letter : letters) {
                if (letter.get("consumerGroup") != null) {
                    groups.add(String.valueOf(letter.get("consumerGroup")));
                }
                String id = id(letter);
                DeadLetterDecision decision = decided.get(id);
                letter.put("id", id);
                letter.put("decision", decision);
                letter.put("notRetryable", failsAgain(letter));
                if (!discarded && decision != null && decision.decision() == DeadLetterDecision.Decision.DISCARDED
                        || wantedReason != null
                                && !(String.valueOf(letter.get("reason")) + " " + letter.get("exceptionClass"))
                                        .toLowerCase(Locale.ROOT)
                                        .contains(wantedReason)
                        || key != null && !String.valueOf(letter.get("key")).startsWith(key)
                        || group != null && !group.equals(letter.get("consumerGroup"))) {
                    continue;
                }
                rows.add(letter);
            }
            // newest first
            rows.sort(Comparator.comparing((Map<String, Object> r) -> String.valueOf(r.get("timestamp")))
                    .reversed());
            Paging paging = Paging.of(Math.max(page, 0), PAGE, rows.size());
            model.addAttribute("service", service);
            model.addAttribute("topic", topic);
            model.addAttribute("answer", answer);
            model.addAttribute("letters", paging.slice(rows));
            model.addAttribute("groups", groups);
            model.addAttribute("reason", reason);
            model.addAttribute("key", key);
            model.addAttribute("group", group);
            model.addAttribute("discarded", discarded);
            model.addAttribute("paging", paging);
            model.addAttribute(
                    "filterQuery",
                    WebParams.query(
                            "service",
                            service,
                            "topic",
                            topic,
                            "reason",
                            reason,
                            "key",
                            key,
                            "group",
                            group,
                            "discarded",
                            discarded ? "true" : null));
        }
        return "dead-letters";
    }

    /**
     * Replays one dead letter to the topic it failed on (the service writes it back). A letter that failed as not
     * retryable (or could not be deserialized) fails again as it is: it is replayed only when the operator says its
     * cause is fixed ({@code causeFixed=true}), otherwise the page says why it was not.
     */
    @PostMapping("/dead-letters/replay")
    @PreAuthorize(ConsoleRoles.ADMIN)
    String replay(
            @RequestParam String service,
            @RequestParam String topic,
            @RequestParam int partition,
            @RequestParam long offset,
            @RequestParam(defaultValue = "false") boolean causeFixed,
            RedirectAttributes redirect) {
        check(service, topic);
        String letter = Topics.dlt(topic) + "/" + partition + "/" + offset;
        Map<String, String> failingAgain = causeFixed ? Map.of() : failingAgain(service, topic);
        String outcome = replayOne(service, topic, partition, offset, letter, failingAgain);
        redirect.addFlashAttribute(outcome.contains(": replayed") ? "notice" : "failure", outcome);
        return back(service, topic, redirect);
    }

    /** Replays every selected dead letter ({@code letter=<dead-letter topic>/<partition>/<offset>}), one call each. */
    @PostMapping("/dead-letters/replay-selected")
    @PreAuthorize(ConsoleRoles.ADMIN)
    String replaySelected(
            @RequestParam String service,
            @RequestParam String topic,
            @RequestParam(name = "letter", required = false) List<String> letters,
            @RequestParam(defaultValue = "false") boolean causeFixed,
            RedirectAttributes redirect) {
        check(service, topic);
        if (letters == null || letters.isEmpty()) {
            redirect.addFlashAttribute("failure", "Select at least one dead letter to replay");
            return back(service, topic, redirect);
        }
        if (letters.size() > 100) {
            throw new BadRequestException("Replay at most 100 dead letters at once");
        }
        Map<String, String> failingAgain = causeFixed ? Map.of() : failingAgain(service, topic);
        List<String> outcomes = new ArrayList<>();
        int replayed = 0;
        for (String letter : letters) {
            long[] at = coordinates(topic, letter);
            String outcome = replayOne(service, topic, (int) at[0], at[1], letter, failingAgain);
            if (outcome.contains(": replayed")) {
                replayed++;
            }
            outcomes.add(outcome);
        }
        redirect.addFlashAttribute(
                replayed == letters.size() ? "notice" : "failure",
                replayed + " of " + letters.size() + " dead letter(s) replayed");
        redirect.addFlashAttribute("outcomes", outcomes);
        return back(service, topic, redirect);
    }

    /** Discards one dead letter with the operator's note: recorded and audited; hidden from the list from then on. */
    @PostMapping("/dead-letters/discard")
    @PreAuthorize(ConsoleRoles.ADMIN)
    String discard(
            @RequestParam String service,
            @RequestParam String topic,
            @RequestParam String letter,
            @RequestParam(defaultValue = "") String note,
            RedirectAttributes redirect) {
        check(service, topic);
        coordinates(topic, letter);
        if (note.isBlank() || note.length() > 2000) {
            redirect.addFlashAttribute("failure", "Not discarded: say why in a note (up to 2000 characters)");
            return back(service, topic, redirect);
        }
        // the letter must exist: ask the service that holds it
        ServiceAnswer answer =
                services.get(service, "/admin/dead-letters/" + segment(topic) + "?limit=" + FETCH_PER_PARTITION);
        if (!answer.ok()) {
            redirect.addFlashAttribute("failure", "Not discarded: " + answer.problem());
            return back(service, topic, redirect);
        }
        if (Tables.rows(answer.body()).stream().map(DeadLetterController::id).noneMatch(letter::equals)) {
            redirect.addFlashAttribute(
                    "failure",
                    "Not discarded: " + service + " has no dead letter " + letter + " among the newest "
                            + FETCH_PER_PARTITION + " of its partition");
            return back(service, topic, redirect);
        }
        triage.discarded(letter, service, note, user());
        redirect.addFlashAttribute("notice", "Discarded " + letter + " with your note");
        return back(service, topic, redirect);
    }

    private String replayOne(
            String service, String topic, int partition, long offset, String letter, Map<String, String> failingAgain) {
        if (failingAgain.containsKey(letter)) {
            return letter + ": not replayed, it failed as not retryable (" + failingAgain.get(letter) + "), so it"
                    + " fails again as it is: fix the cause, then replay it with \"the cause is fixed\" ticked";
        }
        ServiceAnswer answer = services.post(
                service, "/admin/dead-letters/" + segment(topic) + "/" + partition + "/" + offset + "/replay", null);
        if (!answer.ok()) {
            return letter + ": not replayed, " + answer.problem();
        }
        triage.replayed(letter, service, user());
        Map<?, ?> result = answer.body() instanceof Map<?, ?> m ? m : Map.of();
        return letter + ": replayed to " + result.get("topic") + " partition " + result.get("partition") + " offset "
                + result.get("offset");
    }

    /** The service's letters on {@code topic} that fail again when replayed as they are, with their reasons. */
    private Map<String, String> failingAgain(String service, String topic) {
        ServiceAnswer answer =
                services.get(service, "/admin/dead-letters/" + segment(topic) + "?limit=" + FETCH_PER_PARTITION);
        Map<String, String> failing = new LinkedHashMap<>();
        for (Map<String, Object> letter : Tables.rows(answer.ok() ? answer.body() : null)) {
            if (failsAgain(letter)) {
                failing.put(id(letter), String.valueOf(letter.get("reason")));
            }
        }
        return failing;
    }

    /**
     * Whether the platform dead-lettered it without retrying ({@code not retryable: ...}) or could not read it
     * ({@code value could not be deserialized: ...}): replayed as it is, it fails again.
     */
    static boolean failsAgain(Map<String, Object> letter) {
        String reason = String.valueOf(letter.get("reason"));
        return reason.startsWith("not retryable")
                || reason.startsWith("value could not be deserialized")
                || reason.startsWith("key could not be deserialized");
    }

    /** partition and offset of {@code letter}, which must be on {@code topic}'s dead-letter topic. */
    private static long[] coordinates(String topic, String letter) {
        String prefix = Topics.dlt(topic) + "/";
        if (letter == null || !letter.startsWith(prefix)) {
            throw new BadRequestException("The dead letter is not on " + Topics.dlt(topic));
        }
        String[] parts = letter.substring(prefix.length()).split("/");
        try {
            long partition = Integer.parseInt(parts[0]);
            long offset = Long.parseLong(parts[1]);
            if (parts.length != 2 || partition < 0 || offset < 0) {
                throw new NumberFormatException();
            }
            return new long[] {partition, offset};
        } catch (RuntimeException e) {
            throw new BadRequestException("A dead letter is <dead-letter topic>/<partition>/<offset>");
        }
    }

    private static String id(Map<String, Object> letter) {
        return letter.get("topic") + "/" + letter.get("partition") + "/" + letter.get("offset");
    }

    private static String back(String service, String topic, RedirectAttributes redirect) {
        redirect.addAttribute("service", service);
        redirect.addAttribute("topic", topic);
        return "redirect:/dead-letters";
    }

    private static String user() {
        return SecurityContextHolder.getContext().getAuthentication().getName();
    }

    private static void check(String service, String topic) {
        List<String> topics = CONSUMERS.get(service);
        if (topics == null || !topics.contains(topic)) {
            throw new BadRequestException("Unknown service or topic");
        }
    }

    private static String segment(String value) {
        return UriUtils.encodePathSegment(value, StandardCharsets.UTF_8);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Map<String, List<String>> consumers() {
        Map<String, List<String>> consumers = new LinkedHashMap<>();
        consumers.put("coding-service", List.of(Topics.ENCOUNTER_DOCUMENTED, Topics.RECODE_REQUESTED));
        consumers.put("claim-service", List.of(Topics.ENCOUNTER_CODED, Topics.CLAIM_DENIED, Topics.PAYMENT_POSTED));
        consumers.put("adjudication-gateway", List.of(Topics.CLAIM_SUBMITTED));
        consumers.put(
                "patient-billing-service", List.of(Topics.CLAIM_SUBMITTED, Topics.CLAIM_DENIED, Topics.PAYMENT_POSTED));
        return consumers;
    }
}
