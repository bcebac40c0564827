package io.claimflow.console.web.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.claimflow.console.config.ConsoleProperties;
import io.claimflow.platform.web.BadRequestException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;

/**
 * The parts the work pages were split into (issue 16 item 3: WorkQueueController was one 586-line class), each on its
 * own: paging, the request parameters' checks and query strings, claim-service's pages as rows with payer names, a
 * correction's changed fields, code descriptions from the one CARC / RARC table, local times.
 */
class WorkPartsTest {

    @Test
    void pagingSaysWhereAPageIsAndSlicesAListAtHand() {
        Paging third = Paging.of(2, 25, 60);
        assertThat(third.first()).isEqualTo(51);
        assertThat(third.last()).isEqualTo(60);
        assertThat(third.hasNext()).isFalse();
        assertThat(third.hasPrevious()).isTrue();
        assertThat(third.pages()).isEqualTo(3);
        assertThat(Paging.of(0, 25, 0).first()).isZero();
        assertThat(Paging.of(0, 25, 0).pages()).isEqualTo(1);
        assertThat(Paging.of(1, 2, 5).slice(List.of(1, 2, 3, 4, 5))).containsExactly(3, 4);
        assertThat(Paging.of(9, 2, 5).slice(List.of(1, 2, 3, 4, 5))).isEmpty();
    }

    @Test
    void parametersAreCheckedWithoutEchoingThemAndQueriesEncoded() {
        assertThat(WebParams.query("a", "x y&z", "b", null, "c", 3)).isEqualTo("?a=x+y%26z&c=3");
        assertThat(WebParams.query("b", null)).isEmpty();
        assertThat(WebParams.token("  NPI_CHECK ", "rule")).isEqualTo("NPI_CHECK");
        assertThat(WebParams.token(" ", "rule")).isNull();
        assertThatThrownBy(() -> WebParams.token("<script>", "rule"))
                .isInstanceOf(BadRequestException.class)
                .hasMessageNotContaining("script");
        assertThatThrownBy(() -> WebParams.oneOf("status;", List.of("a"), "sort"))
                .isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> WebParams.days(3651, "olderThanDays")).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> WebParams.checkClaimId("clm/../x")).isInstanceOf(BadRequestException.class);
        assertThat(WebParams.daysSince("2026-03-01", LocalDate.parse("2026-03-11")))
                .isEqualTo(10);
        assertThat(WebParams.daysSince("2026-03-01T23:00:00Z", LocalDate.parse("2026-03-02")))
                .isEqualTo(1);
        assertThat(WebParams.daysSince("soon", LocalDate.parse("2026-03-02"))).isNull();
        assertThat(WebParams.total(Map.of("total", 612, "items", List.of()), 0)).isEqualTo(612);
        assertThat(WebParams.total(List.of(1, 2), 2)).isEqualTo(2);
    }

    @Test
    void claimServicesPagesBecomeRowsWithReasonsAgesAndPayerNames() {
        Object held = Map.of(
                "total",
                1,
                "items",
                List.of(Map.of(
                        "claim",
                                Map.of(
                                        "claimId",
                                        "clm-1",
                                        "payerId",
                                        "BKHP1",
                                        "payerName",
                                        "Buckeye Health Plan",
                                        "dateOfService",
                                        "2026-01-01"),
                        "reasons", List.of(Map.of("ruleId", "SELF_PAY", "message", "no coverage")))));
        List<Map<String, Object>> rows = WorkListRows.held(held, LocalDate.parse("2026-01-31"));
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r)
                    .containsEntry("claimId", "clm-1")
                    .containsEntry("ageDays", 30L)
                    .containsEntry("payer", "Buckeye Health Plan (BKHP1)");
            assertThat((List<?>) r.get("reasons")).hasSize(1);
        });
        Object denials = Map.of(
                "items",
                List.of(
                        Map.of("claimId", "clm-2", "payerId", "MCR01"),
                        Map.of("claimId", "clm-3", "payerId", "UNKNOWN1")));
        assertThat(WorkListRows.denials(denials, Map.of("MCR01", "Medicare Part B")))
                .extracting(r -> r.get("payer"))
                .containsExactly("Medicare Part B (MCR01)", "UNKNOWN1");
        assertThat(WorkListRows.payer(null, null, null)).isEqualTo("self-pay");
        assertThat(WorkListRows.held(null, LocalDate.now())).isEmpty();
    }

    @Test
    void aCorrectionSendsOnlyTheFieldsThatChanged() {
        LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("renderingNpi", " 1293847566 ");
        form.add("was-renderingNpi", "1293847567");
        form.add("billingNpi", "1847362914");
        form.add("was-billingNpi", "1847362914");
        form.add("memberId", "");
        form.add("unknownField", "x");
        assertThat(ClaimWorkController.changes(form)).containsExactly(Map.entry("renderingNpi", "1293847566"));
    }

    @Test
    void adjustmentCodesAreNamedFromTheOneTable() {
        CodeWords codes = new CodeWords();
        assertThat(codes.describe("CO-16 M119: NDC missing"))
                .containsExactly(
                        "CO-16: Claim or service lacks information or has submission or billing errors",
                        "M119: Missing or incomplete or invalid or deactivated or withdrawn National Drug Code");
        assertThat(codes.describe("CO-11, PR-3, CO-11"))
                .hasSize(2)
                .first()
                .asString()
                .startsWith("CO-11: ");
        assertThat(codes.describe("CO-Z9")).containsExactly("CO-Z9: reason code not in the table");
        assertThat(codes.describe("NPI 1234567890 fails")).isEmpty();
        assertThat(codes.describe(null)).isEmpty();
    }

    @Test
    void timesAreShownInTheConsolesZoneToTheMinute() {
        LocalTimes times = new LocalTimes(new ConsoleProperties(
                Map.of(),
                Duration.ofSeconds(5),
                Duration.ofMillis(800),
                Duration.ofMillis(800),
                ZoneId.of("America/Chicago")));
        assertThat(times.local(Instant.parse("2026-07-01T17:30:59Z"))).isEqualTo("2026-07-01 12:30 CDT");
        assertThat(times.local("2026-01-01T17:30:00Z")).isEqualTo("2026-01-01 11:30 CST");
        assertThat(times.local("2026-01-01")).isEqualTo("2026-01-01");
        assertThat(times.local(null)).isEmpty();
    }
}
