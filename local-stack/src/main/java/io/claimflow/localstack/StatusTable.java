package io.claimflow.localstack;

import io.claimflow.localstack.StackConfig.ServiceSpec;
import java.util.List;
import java.util.Set;

/** The table the launcher prints once everything started: each component, then the services it did not start. */
final class StatusTable {

    private static final String FORMAT = "  %-24s %-8s %-44s %-7s %s%n";

    /** A started component as the table shows it. */
    record Row(String name, long pid, String address, boolean alive, String log) {}

    private StatusTable() {}

    /**
     * The table: {@code started} in their order (UP, DOWN when in {@code failed}, EXITED when not alive), then every
     * registered service not started, OFF because its jar is missing (it was selected) or it was not selected.
     */
    static String render(List<Row> started, Set<String> failed, List<ServiceSpec> all, List<ServiceSpec> selected) {
        StringBuilder table = new StringBuilder(String.format(FORMAT, "COMPONENT", "PID", "ADDRESS", "STATUS", "LOG"));
        for (Row row : started) {
            String status = !row.alive() ? "EXITED" : failed.contains(row.name()) ? "DOWN" : "UP";
            table.append(String.format(FORMAT, row.name(), row.pid(), row.address(), status, row.log()));
        }
        for (ServiceSpec spec : all) {
            if (started.stream()
                    .noneMatch(r -> ClusterShape.moduleOf(r.name(), List.of(spec.module()))
                            .isPresent())) {
                table.append(String.format(
                        FORMAT,
                        spec.module(),
                        "-",
                        "-",
                        "OFF",
                        selected.stream().anyMatch(s -> s.module().equals(spec.module()))
                                ? "jar missing"
                                : "not selected"));
            }
        }
        return table.toString();
    }
}
