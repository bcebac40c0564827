package io.claimflow.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ProcessCpuTest {

    @Test
    void parsesTheTimesAfterACommandWithSpacesAndParentheses() {
        ProcessCpu.Stat stat = ProcessCpu.Stat.parse("4242 (postgres: claimflow (x) idle) S 4100 4100 4100 0 -1"
                + " 4194560 1234 0 0 0 57 13 8 2 20 0 1 0 3915 225443840 5000 18446744073709551615 1 1 0 0 0 0 0"
                + " 0 0 0 0 0 17 1 0 0 0 0 0\n");

        assertThat(stat.pid()).isEqualTo(4242);
        assertThat(stat.command()).isEqualTo("postgres: claimflow (x) idle");
        assertThat(stat.parent()).isEqualTo(4100);
        assertThat(stat.utime()).isEqualTo(57);
        assertThat(stat.stime()).isEqualTo(13);
        assertThat(stat.cutime()).isEqualTo(8);
        assertThat(stat.cstime()).isEqualTo(2);
        assertThat(stat.ticks()).isEqualTo(80);
    }

    @Test
    void refusesWhatIsNotAStatLine() {
        assertThatThrownBy(() -> ProcessCpu.Stat.parse("no parentheses here"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcessCpu.Stat.parse("12 (java) S 1 2 3"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNamedProcessCountsItsDescendantsButNotAnotherNamedProcess() {
        Map<Long, ProcessCpu.Stat> all = byPid(List.of(
                stat(1, 0, 999, 0), // init: not named, not counted anywhere
                stat(100, 1, 10, 0), // launcher
                stat(110, 100, 500, 0), // claim-service, the launcher's child, named itself
                stat(111, 110, 7, 0), // a helper the service started: counts to claim-service
                stat(120, 100, 3, 0), // the launcher's reaper script: counts to the launcher
                stat(200, 1, 40, 25), // postmaster, 25 ticks of backends that have exited
                stat(201, 200, 30, 0), // a backend
                stat(202, 200, 5, 0), // the checkpointer
                stat(203, 201, 1, 0))); // a parallel worker below a backend
        Map<String, Long> named = new LinkedHashMap<>();
        named.put("launcher", 100L);
        named.put("claim-service", 110L);
        named.put("postmaster", 200L);
        named.put("gone", 999L);

        Map<String, Long> ticks = ProcessCpu.ticks(named, all);

        assertThat(ticks)
                .containsEntry("launcher", 13L)
                .containsEntry("claim-service", 507L)
                .containsEntry("postmaster", 40L + 25 + 30 + 5 + 1)
                .containsEntry("gone", 0L);
    }

    @Test
    void aBackendThatEndsMovesItsTimeToThePostmasterSoTheDifferenceKeepsIt() {
        Map<String, Long> named = Map.of("postmaster", 200L);
        Map<String, Long> before = ProcessCpu.ticks(named, byPid(List.of(stat(200, 1, 40, 0), stat(201, 200, 30, 0))));
        // the backend used 20 more ticks, then exited and was waited for
        Map<String, Long> after = ProcessCpu.ticks(named, byPid(List.of(stat(200, 1, 42, 50))));

        assertThat(ProcessCpu.millis(before, after, 100)).containsEntry("postmaster", 220.0);
    }

    @Test
    void readsThisJvmFromProc() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "Linux");
        Map<Long, ProcessCpu.Stat> all = ProcessCpu.read(Path.of("/proc"));

        ProcessCpu.Stat self = all.get(ProcessHandle.current().pid());
        assertThat(self).isNotNull();
        assertThat(self.parent())
                .isEqualTo(
                        ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(0L));
        assertThat(self.utime() + self.stime()).isPositive();
        assertThat(ProcessCpu.ticksPerSecond()).isPositive();
    }

    private static ProcessCpu.Stat stat(long pid, long parent, long own, long children) {
        return new ProcessCpu.Stat(pid, "p" + pid, parent, own, 0, children, 0);
    }

    private static Map<Long, ProcessCpu.Stat> byPid(List<ProcessCpu.Stat> stats) {
        return stats.stream().collect(Collectors.toMap(ProcessCpu.Stat::pid, Function.identity()));
    }
}
