package io.claimflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's parts that ./stack reads or that decide whether it may start: endpoints, ports, postmaster pid. */
class EndpointsAndPortsTest {

    @TempDir
    Path dir;

    @Test
    void endpointsRoundTripAndOnlyServicesHaveAHealthCheck() throws IOException {
        List<Endpoints.Endpoint> endpoints = List.of(
                new Endpoints.Endpoint("kafka", 11, "tcp:127.0.0.1:19092", "localhost:19092 (controller 19093)"),
                new Endpoints.Endpoint(
                        "claim-service",
                        12,
                        "health:http://localhost:18092/actuator/health",
                        "http://localhost:18092"));
        Path file = dir.resolve(Endpoints.FILE);

        Endpoints.write(file, endpoints);

        assertThat(Files.readString(file)).startsWith("kafka\t11\ttcp:127.0.0.1:19092\tlocalhost:19092");
        assertThat(Endpoints.read(file)).isEqualTo(endpoints);
        assertThat(Endpoints.read(file))
                .filteredOn(Endpoints.Endpoint::service)
                .extracting(Endpoints.Endpoint::name)
                .containsExactly("claim-service");
        assertThat(Endpoints.parse(List.of("garbage", "a\tnot-a-pid\tc\td"))).isEmpty();
        assertThatThrownBy(() -> Endpoints.read(dir.resolve("none.tsv"))).hasMessageContaining("not running");
    }

    @Test
    void aPortSomethingListensOnIsBusyAndAFreeOneIsNot() throws IOException {
        int free;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            free = probe.getLocalPort();
        }
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Map<String, Integer> ports = new LinkedHashMap<>();
            ports.put("kafka", taken.getLocalPort());
            ports.put("postgres", free);

            assertThat(Ports.busy(ports)).containsExactly("kafka " + taken.getLocalPort());
        }
    }

    @Test
    void thePostmasterPidIsTheFirstLineOfItsFileOrNothing() throws IOException {
        assertThat(DatabaseSetup.postmasterPid(dir)).isEmpty();
        Files.writeString(dir.resolve("postmaster.pid"), "4242\n/data\n1700000000\n5432\n");
        assertThat(DatabaseSetup.postmasterPid(dir)).contains(4242L);
        Files.writeString(dir.resolve("postmaster.pid"), "garbage\n");
        assertThat(DatabaseSetup.postmasterPid(dir)).isEmpty();
    }
}
