package io.claimflow.console.web.adapter;

import io.claimflow.console.services.ServiceAnswer;
import io.claimflow.console.services.Services;
import io.claimflow.platform.web.BadRequestException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Work queues, from the services' REST APIs called as the logged-in user: the coder queue (documentation beside the
 * suggested codes, finalize), held claims (scrubber reasons, release), denials by queue, quarantined X12 files.
 */
@Controller
class WorkQueueController {

    private static final Set<String> DENIAL_QUEUES = Set.of("DENIAL", "REJECTION", "APPEAL", "RECODE");

    private final Services services;

    WorkQueueController(Services services) {
        this.services = services;
    }

    @GetMapping("/work/coder")
    @PreAuthorize(ConsoleRoles.CODER)
    String coderQueue(@RequestParam(defaultValue = "0") int page, Model model) {
        ServiceAnswer answer = services.get("coding-service", "/coder-queue?status=OPEN&page=" + Math.max(page, 0)
                + "&size=20");
        return table(model, "Coder queue", answer, Tables.rows(answer.body(), "items"), "coder");
    }

    @GetMapping("/work/coder/{id}")
    @PreAuthorize(ConsoleRoles.CODER)
    String coderItem(@PathVariable long id, Model model) {
        ServiceAnswer answer = services.get("coding-service", "/coder-queue/" + id);
        model.addAttribute("id", id);
        model.addAttribute("answer", answer);
        Map<String, Object> detail = answer.ok() ? Tables.flatten(answer.body()) : Map.of();
        Map<String, Object> documentation = new LinkedHashMap<>();
        Map<String, Object> suggestion = new LinkedHashMap<>();
        Map<String, Object> other = new LinkedHashMap<>();
        detail.forEach((k, v) -> (k.startsWith("documentation") ? documentation
                : k.contains("suggestion") ? suggestion : other).put(k, v));
        model.addAttribute("documentation", documentation);
        model.addAttribute("suggestion", suggestion);
        model.addAttribute("other", other);
        model.addAttribute("diagnoses", codes(answer.body(), "diagnoses"));
        model.addAttribute("lines", lines(answer.body()));
        return "coder-item";
    }

    @PostMapping("/work/coder/{id}/finalize")
    @PreAuthorize(ConsoleRoles.CODER)
    String finalizeCoding(@PathVariable long id, @RequestParam(defaultValue = "") String diagnoses,
            @RequestParam(defaultValue = "") String lines, RedirectAttributes redirect) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("diagnoses", split(diagnoses, "[,\\s]+"));
        List<Map<String, Object>> parsed = new ArrayList<>();
        for (String line : split(lines, "\\R")) {
            parsed.add(parseLine(line));
        }
        body.put("lines", parsed);
        ServiceAnswer answer = services.post("coding-service", "/coder-queue/" + id + "/finalize", body);
        if (answer.ok()) {
            redirect.addFlashAttribute("notice", "Item " + id + " finalized");
            return "redirect:/work/coder";
        }
        redirect.addFlashAttribute("failure", answer.problem());
        return "redirect:/work/coder/" + id;
    }

    @GetMapping("/work/held")
    @PreAuthorize(ConsoleRoles.BILLER)
    String held(@RequestParam(defaultValue = "0") int page, Model model) {
        ServiceAnswer answer = services.get("claim-service", "/work-lists/held?page=" + Math.max(page, 0)
                + "&size=50");
        return table(model, "Held claims", answer, Tables.rows(answer.body()), "held");
    }

    @PostMapping("/work/held/{claimId}/release")
    @PreAuthorize(ConsoleRoles.BILLER)
    String release(@PathVariable String claimId, RedirectAttributes redirect) {
        ServiceAnswer answer = services.post("claim-service", "/claims/"
                + org.springframework.web.util.UriUtils.encodePathSegment(claimId,
                        java.nio.charset.StandardCharsets.UTF_8) + "/release", null);
        if (answer.ok()) {
            redirect.addFlashAttribute("notice", "Claim " + claimId + " released");
        } else {
            redirect.addFlashAttribute("failure", answer.problem());
        }
        return "redirect:/work/held";
    }

    @GetMapping("/work/denials")
    @PreAuthorize(ConsoleRoles.BILLER)
    String denials(@RequestParam(defaultValue = "DENIAL") String queue, Model model) {
        if (!DENIAL_QUEUES.contains(queue)) {
            throw new BadRequestException("queue must be one of DENIAL, REJECTION, APPEAL, RECODE");
        }
        ServiceAnswer answer = services.get("claim-service", "/work-lists/denials?queue=" + queue + "&size=100");
        model.addAttribute("queue", queue);
        return table(model, "Denials: " + queue, answer, Tables.rows(answer.body()), "denials");
    }

    @GetMapping("/work/quarantine")
    @PreAuthorize(ConsoleRoles.ADMIN)
    String quarantine(Model model) {
        ServiceAnswer answer = services.get("adjudication-gateway", "/api/adjudication/quarantine");
        return table(model, "Quarantined X12 files", answer, Tables.rows(answer.body(), "items", "files"),
                "quarantine");
    }

    private static String table(Model model, String title, ServiceAnswer answer, List<Map<String, Object>> rows,
            String kind) {
        model.addAttribute("title", title);
        model.addAttribute("answer", answer);
        model.addAttribute("rows", rows);
        model.addAttribute("columns", Tables.columns(rows));
        model.addAttribute("kind", kind);
        return "work";
    }

    private static List<String> split(String text, String separator) {
        return java.util.Arrays.stream(text.strip().split(separator)).map(String::strip).filter(s -> !s.isEmpty())
                .toList();
    }

    /** {@code 99214 25 x1 >1,2}: code, modifiers, units after x, diagnosis pointers after >. */
    private static Map<String, Object> parseLine(String line) {
        String code = null;
        List<String> modifiers = new ArrayList<>();
        int units = 1;
        List<Integer> pointers = new ArrayList<>();
        for (String token : line.split("\\s+")) {
            try {
                if (token.startsWith("x")) {
                    units = Integer.parseInt(token.substring(1));
                } else if (token.startsWith(">")) {
                    for (String p : token.substring(1).split(",")) {
                        pointers.add(Integer.parseInt(p.strip()));
                    }
                } else if (code == null) {
                    code = token;
                } else {
                    modifiers.add(token);
                }
            } catch (NumberFormatException e) {
                throw new BadRequestException("A line is 'code [modifiers] [xUnits] [>pointers]', e.g. 99214 25 x1 >1,2");
            }
        }
        Map<String, Object> parsed = new LinkedHashMap<>();
        parsed.put("code", code);
        parsed.put("modifiers", modifiers);
        parsed.put("units", units);
        parsed.put("pointers", pointers);
        return parsed;
    }

    /** The suggested diagnosis codes, comma separated, to start the form from. */
    private static String codes(Object body, String key) {
        if (body instanceof Map<?, ?> detail && detail.get("item") instanceof Map<?, ?> item
                && item.get("suggestion") instanceof Map<?, ?> suggestion
                && suggestion.get(key) instanceof List<?> list) {
            return String.join(", ", list.stream().map(d -> d instanceof Map<?, ?> m && m.get("code") != null
                    ? String.valueOf(m.get("code")) : String.valueOf(d)).toList());
        }
        return "";
    }

    /** The suggested lines, one per row, in the form's notation. */
    private static String lines(Object body) {
        if (body instanceof Map<?, ?> detail && detail.get("item") instanceof Map<?, ?> item
                && item.get("suggestion") instanceof Map<?, ?> suggestion) {
            Object lines = suggestion.get("lines") != null ? suggestion.get("lines") : suggestion.get("serviceLines");
            if (lines instanceof List<?> list) {
                List<String> out = new ArrayList<>();
                for (Object l : list) {
                    if (l instanceof Map<?, ?> m) {
                        Object code = m.get("code") != null ? m.get("code") : m.get("procedureCode");
                        StringBuilder text = new StringBuilder(String.valueOf(code));
                        if (m.get("modifiers") instanceof List<?> mods) {
                            mods.forEach(x -> text.append(' ').append(x));
                        }
                        text.append(" x").append(m.get("units") == null ? 1 : m.get("units"));
                        Object pointers = m.get("pointers") != null ? m.get("pointers") : m.get("diagnosisPointers");
                        if (pointers instanceof List<?> ps && !ps.isEmpty()) {
                            text.append(" >").append(String.join(",", ps.stream().map(String::valueOf).toList()));
                        }
                        out.add(text.toString());
                    }
                }
                return String.join("\n", out);
            }
        }
        return "";
    }
}
