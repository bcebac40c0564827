package io.claimflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.localstack.StackConfig.ServiceSpec;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StatusTableTest {

    @Test
    void startedComponentsWithTheirStateThenTheServicesNotStartedAndWhy() {
        ServiceSpec coding = new ServiceSpec("coding-service", 8091, "claimflow_coding");
        ServiceSpec claim = new ServiceSpec("claim-service", 8092, "claimflow_claim");
        ServiceSpec gateway = new ServiceSpec("adjudication-gateway", 8093, "claimflow_adjudication");
        ServiceSpec billing = new ServiceSpec("patient-billing-service", 8094, "claimflow_patient_billing");
        List<StatusTable.Row> started = List.of(
                new StatusTable.Row("kafka", 10, "localhost:9092", true, "logs/kafka.log"),
                new StatusTable.Row("coding-service", 11, "http://localhost:8091", true, "logs/coding-service.log"),
                new StatusTable.Row("claim-service", 12, "http://localhost:8092", false, "logs/claim-service.log"),
                new StatusTable.Row("adjudication-gateway", 13, "http://localhost:8093", true, "logs/gw.log"));

        List<String> lines = StatusTable.render(
                        started,
                        Set.of("adjudication-gateway"),
                        List.of(coding, claim, gateway, billing),
                        List.of(coding, claim, gateway))
                .lines()
                .toList();

        assertThat(lines.get(0)).containsSubsequence("COMPONENT", "PID", "ADDRESS", "STATUS", "LOG");
        assertThat(lines.get(1)).containsSubsequence("kafka", "10", "localhost:9092", "UP", "logs/kafka.log");
        assertThat(lines.get(3)).containsSubsequence("claim-service", "EXITED");
        assertThat(lines.get(4)).containsSubsequence("adjudication-gateway", "DOWN");
        assertThat(lines.get(5)).containsSubsequence("patient-billing-service", "-", "OFF", "not selected");
        assertThat(lines).hasSize(6);
        assertThat(StatusTable.render(List.of(), Set.of(), List.of(billing), List.of(billing)))
                .contains("OFF", "jar missing");
    }
}
