package io.claimflow.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.e2e.demo.DemoCommand;
import io.claimflow.e2e.workload.WorkloadCommand;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The demo, the workload and the bench take the stack's addresses under the same names, with the same defaults. */
class CommandOptionsTest {

    private static final List<String> ADDRESSES = List.of("--bootstrap-servers", "--schema-registry");
    private static final List<String> DATABASES = List.of("--jdbc", "--db-user", "--db-password");
    private static final List<String> POPULATION = List.of("--seed", "--patients");

    @Test
    void everyCommandTakesTheStacksAddressesAndPopulation() {
        for (Object command : List.of(new DemoCommand(), new WorkloadCommand(), new StackBenchCommand())) {
            CommandSpec spec = new CommandLine(command).getCommandSpec();
            for (String name : concat(ADDRESSES, POPULATION)) {
                assertThat(spec.findOption(name)).as("%s %s", spec.name(), name).isNotNull();
            }
        }
        for (Object command : List.of(new DemoCommand(), new StackBenchCommand())) {
            CommandSpec spec = new CommandLine(command).getCommandSpec();
            for (String name : DATABASES) {
                assertThat(spec.findOption(name)).as("%s %s", spec.name(), name).isNotNull();
            }
        }
    }

    @Test
    void theDefaultsAreTheSameEverywhere() {
        CommandSpec demo = new CommandLine(new DemoCommand()).getCommandSpec();
        CommandSpec bench = new CommandLine(new StackBenchCommand()).getCommandSpec();
        for (String name : concat(concat(ADDRESSES, DATABASES), POPULATION)) {
            assertThat(bench.findOption(name).defaultValue())
                    .as(name)
                    .isEqualTo(demo.findOption(name).defaultValue());
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
