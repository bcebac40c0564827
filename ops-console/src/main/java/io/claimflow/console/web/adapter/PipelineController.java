package io.claimflow.console.web.adapter;

import io.claimflow.console.pipeline.PipelineStatus;
import io.claimflow.console.readmodel.ReadModel;
import io.claimflow.console.readmodel.TopicThroughput;
import io.claimflow.console.services.Services;
import io.claimflow.schemas.Topics;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The pipeline: per topic the records written and per second, its dead letters (brokers) and the events the console
 * took in (read model); per service its health ({@code /actuator/health}) and its consumer groups' lag and rate per
 * topic (brokers). The status part is fetched again by htmx every few seconds. The brokers and the health probes
 * are asked side by side with short timeouts, so a service or broker that is down shows as DOWN / UNREACHABLE at
 * once instead of slowing the page.
 */
@Controller
class PipelineController {

    static final int WINDOW_MINUTES = 15;
    // the health probes run beside the broker round, not on the common pool (a single thread on 2 cores)
    private static final Executor PROBES = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "console-pipeline-status");
        thread.setDaemon(true);
        return thread;
    });

    private final ReadModel readModel;
    private final Services services;
    private final PipelineStatus pipeline;
    private final Clock clock;

    PipelineController(ReadModel readModel, Services services, PipelineStatus pipeline, Optional<Clock> clock) {
        this.readModel = readModel;
        this.services = services;
        this.pipeline = pipeline;
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
        CompletableFuture<Map<String, String>> health = CompletableFuture.supplyAsync(services::health, PROBES);
        PipelineStatus.View brokers = pipeline.current(Topics.all());
        Instant now = clock.instant();
        Instant since = now.truncatedTo(ChronoUnit.MINUTES).minus(WINDOW_MINUTES - 1, ChronoUnit.MINUTES);
        Map<String, long[]> taken = new LinkedHashMap<>();
        Topics.all().forEach(topic -> taken.put(topic, new long[2]));
        Instant lastMinute = now.truncatedTo(ChronoUnit.MINUTES);
        for (TopicThroughput t : readModel.throughputSince(since)) {
            long[] counts = taken.computeIfAbsent(t.topic(), k -> new long[2]);
            counts[0] += t.events();
            if (!t.minute().isBefore(lastMinute)) {
                counts[1] += t.events();
            }
        }
        Map<String, PipelineStatus.TopicRow> byTopic = new LinkedHashMap<>();
        brokers.topics().forEach(t -> byTopic.put(t.topic(), t));
        List<Map<String, Object>> rows = new ArrayList<>();
        taken.forEach((topic, counts) -> {
            PipelineStatus.TopicRow broker = byTopic.get(topic);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("topic", topic);
            row.put("window", counts[0]);
            row.put("lastMinute", counts[1]);
            row.put("perMinute", String.format("%.1f", counts[0] / (double) WINDOW_MINUTES));
            row.put("written", broker == null ? "–" : Long.toString(broker.written()));
            row.put("perSecond", broker == null ? "–" : rate(broker.perSecond()));
            row.put("deadLetters", broker == null ? "–" : Long.toString(broker.deadLetters()));
            row.put("hasDeadLetters", broker != null && broker.deadLetters() > 0);
            rows.add(row);
        });
        Map<String, String> healthByService = health.join();
        Map<String, Long> lagByGroup = brokers.lagByGroup();
        List<Map<String, Object>> serviceRows = new ArrayList<>();
        healthByService.forEach((service, state) -> serviceRows.add(Map.of(
                "service",
                service,
                "health",
                state,
                "lag",
                brokers.reachable() && lagByGroup.containsKey(service)
                        ? Long.toString(lagByGroup.get(service))
                        : "–")));
        List<Map<String, Object>> consumerRows = brokers.consumers().stream()
                .map(c -> Map.<String, Object>of(
                        "group", c.group(), "topic", c.topic(), "lag", c.lag(), "perSecond", rate(c.perSecond())))
                .toList();
        model.addAttribute("topics", rows);
        model.addAttribute("windowMinutes", WINDOW_MINUTES);
        model.addAttribute("health", healthByService);
        model.addAttribute("services", serviceRows);
        model.addAttribute("consumers", consumerRows);
        model.addAttribute("brokers", brokers);
        model.addAttribute(
                "rateWindow",
                brokers.rateWindow() == null ? null : brokers.rateWindow().toSeconds());
        model.addAttribute("checkedAt", now.truncatedTo(ChronoUnit.SECONDS));
        return "pipeline :: status";
    }

    private static String rate(Double perSecond) {
        return perSecond == null ? "–" : String.format("%.1f", perSecond);
    }
}
