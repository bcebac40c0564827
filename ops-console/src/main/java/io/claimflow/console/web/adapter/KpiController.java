package io.claimflow.console.web.adapter;

import io.claimflow.console.kpi.KpiCalculator;
import io.claimflow.console.kpi.Ratio;
import io.claimflow.console.kpi.RevenueCycleKpis;
import io.claimflow.console.readmodel.ReadModel;
import io.claimflow.platform.web.BadRequestException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Revenue-cycle KPIs of a date range from the read model: a page with charts, and the same figures as CSV. */
@Controller
class KpiController {

    private static final int MAX_DAYS = 400;

    private final ReadModel readModel;
    private final Clock clock;

    KpiController(ReadModel readModel, java.util.Optional<Clock> clock) {
        this.readModel = readModel;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    @GetMapping("/kpis")
    @PreAuthorize(ConsoleRoles.KPIS)
    String page(
            @RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to, Model model) {
        RevenueCycleKpis kpis = kpis(from, to);
        model.addAttribute("kpis", kpis);
        model.addAttribute("payers", readModel.payers());
        model.addAttribute(
                "chartLabels",
                kpis.daily().stream().map(d -> d.date().toString()).collect(Collectors.joining(",")));
        model.addAttribute(
                "chartSubmitted",
                kpis.daily().stream().map(d -> Long.toString(d.submitted())).collect(Collectors.joining(",")));
        model.addAttribute(
                "chartDenied",
                kpis.daily().stream().map(d -> Long.toString(d.denied())).collect(Collectors.joining(",")));
        model.addAttribute(
                "categoryLabels", String.join(",", kpis.denialRateByCategory().keySet()));
        model.addAttribute(
                "categoryRates",
                kpis.denialRateByCategory().values().stream()
                        .map(r -> String.valueOf(r.percent()))
                        .collect(Collectors.joining(",")));
        return "kpis";
    }

    @GetMapping(value = "/kpis.csv", produces = "text/csv")
    @PreAuthorize(ConsoleRoles.KPIS)
    ResponseEntity<String> csv(
            @RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to) {
        RevenueCycleKpis k = kpis(from, to);
        StringBuilder csv = new StringBuilder("kpi,segment,value,numerator,denominator,from,to\r\n");
        String period = "," + k.from() + "," + k.to() + "\r\n";
        row(csv, "claims", "", BigDecimal.valueOf(k.claims()), null, period);
        ratio(csv, "clean_claim_rate_pct", "", k.cleanClaimRate(), period);
        ratio(csv, "first_pass_resolution_pct", "", k.firstPassResolution(), period);
        ratio(csv, "denial_rate_pct", "", k.denialRate(), period);
        k.denialRateByCategory().forEach((c, r) -> ratio(csv, "denial_rate_pct", "category=" + c, r, period));
        k.denialRateByPayer().forEach((p, r) -> ratio(csv, "denial_rate_pct", "payer=" + p, r, period));
        k.denialsByCarc()
                .forEach((key, n) ->
                        row(csv, "denials", "category|carc|payer=" + key, BigDecimal.valueOf(n), null, period));
        row(csv, "open_ar", "", k.openAr(), null, period);
        row(csv, "days_in_ar", "", k.daysInAr(), null, period);
        row(csv, "ar_over_90_days_pct", "", k.arOver90Share(), null, period);
        row(csv, "net_collection_rate_pct", "", k.netCollectionRate(), null, period);
        row(csv, "documented_to_paid_days", "", k.documentedToPaidDays(), null, period);
        row(csv, "encounters_documented", "", BigDecimal.valueOf(k.backlog().documented()), null, period);
        row(csv, "encounters_not_coded", "", BigDecimal.valueOf(k.backlog().notCoded()), null, period);
        row(
                csv,
                "encounters_coded_without_claim",
                "",
                BigDecimal.valueOf(k.backlog().codedWithoutClaim()),
                null,
                period);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"claimflow-kpis-" + k.from() + "-" + k.to() + ".csv\"")
                .body(csv.toString());
    }

    private RevenueCycleKpis kpis(LocalDate from, LocalDate to) {
        LocalDate end = to != null ? to : LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate start = from != null ? from : end.minusDays(29);
        if (start.isAfter(end)) {
            throw new BadRequestException("'from' must not be after 'to'");
        }
        if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
            throw new BadRequestException("The date range is limited to " + MAX_DAYS + " days");
        }
        Instant startAt = start.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant endAt = end.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return KpiCalculator.compute(
                start,
                end,
                readModel.periodFigures(startAt, endAt),
                readModel.arAsOf(endAt, KpiCalculator.agedBefore(end)),
                readModel.backlog(startAt, endAt));
    }

    private static void ratio(StringBuilder csv, String kpi, String segment, Ratio ratio, String period) {
        row(csv, kpi, segment, ratio.percent(), ratio, period);
    }

    private static void row(
            StringBuilder csv, String kpi, String segment, BigDecimal value, Ratio ratio, String period) {
        csv.append(kpi)
                .append(',')
                .append(quote(segment))
                .append(',')
                .append(value == null ? "" : value.toPlainString())
                .append(',')
                .append(ratio == null ? "" : Long.toString(ratio.numerator()))
                .append(',')
                .append(ratio == null ? "" : Long.toString(ratio.denominator()))
                .append(period);
    }

    private static String quote(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
