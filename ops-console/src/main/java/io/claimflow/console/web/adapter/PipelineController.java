package io.claimflow.console.web.adapter;

import io.claimflow.console.readmodel.ReadModel;
import io.claimflow.console.readmodel.TopicThroughput;
import io.claimflow.console.services.Services;
import io.claimflow.schemas.Topics;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The pipeline: events per topic in the last minutes (read model) and each service's health; the status part is
 * fetched again by htmx every few seconds.
 */
@Controller
class PipelineController {

    static final int WINDOW_MINUTES = 15;

    private final ReadModel readModel;
    private final Services services;
    private final Clock clock;

    PipelineController(ReadModel readModel, Services services, Optional<Clock> clock) {
        this.readModel = readModel;
        this.services = services;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    @GetMapping("/pipeline")
    @PreAuthorize(ConsoleRoles.PIPELINE)
    String page(Model model) {
        status(model);
        return "pipeline";
    }

    @GetMapping("/pipeline/status")
    @PreAuthorize(ConsoleRoles.PIPELINE)
    String status(Model model) {
        Instant now = clock.instant();
        Instant since = now.truncatedTo(ChronoUnit.MINUTES).minus(WINDOW_MINUTES - 1, ChronoUnit.MINUTES);
        Map<String, long[]> perTopic = new LinkedHashMap<>();
        Topics.all().forEach(topic -> perTopic.put(topic, new long[2]));
        Instant lastMinute = now.truncatedTo(ChronoUnit.MINUTES);
        for (TopicThroughput t : readModel.throughputSince(since)) {
            long[] counts = perTopic.computeIfAbsent(t.topic(), k -> new long[2]);
            counts[0] += t.events();
            if (!t.minute().isBefore(lastMinute)) {
                counts[1] += t.events();
            }
        }
        List<Map<String, Object>> rows = perTopic.entrySet().stream().map(e -> Map.<String, Object>of(
                "topic", e.getKey(), "window", e.getValue()[0], "lastMinute", e.getValue()[1],
                "perMinute", String.format("%.1f", e.getValue()[0] / (double) WINDOW_MINUTES))).toList();
        model.addAttribute("topics", rows);
        model.addAttribute("windowMinutes", WINDOW_MINUTES);
        model.addAttribute("health", services.health());
        model.addAttribute("checkedAt", now.truncatedTo(ChronoUnit.SECONDS));
        return "pipeline :: status";
    }
}
