package io.claimflow.payersimulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.payersimulator.adjudication.Faults;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * Wrong types, out-of-range values and hostile strings in the parameters and bodies of the simulator's REST API
 * (issue 19, item 8): a 400 problem detail that never quotes the value, and nothing changed. A fault latency of
 * years or an error rate of 150 % is a typing error, not a setting.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = PayerSimulatorApplication.CONFIG_NAME)
class PayerSimulatorHostileInputTest {

    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    static final String MARKER = "Zq7Marker";

    @LocalServerPort
    int port;

    @Autowired
    Faults faults;

    @AfterEach
    void noFaults() {
        faults.set(new Faults.Settings(0, 0, 1, false, false, false));
    }

    ResponseEntity<Map<String, Object>> call(HttpMethod method, String path, String json) {
        RestClient.RequestBodySpec spec = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultHeaders(h -> h.setBasicAuth("gateway", "claimflow-payer"))
                .build()
                .method(method)
                .uri(URI.create("http://localhost:" + port + path));
        if (json != null) {
            spec.contentType(MediaType.APPLICATION_JSON).body(json);
        }
        return spec.retrieve().onStatus(s -> true, (req, res) -> {}).toEntity(JSON);
    }

    static void assertRefusedWithoutEcho(ResponseEntity<Map<String, Object>> response) {
        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        Map<String, Object> problem = new HashMap<>(response.getBody());
        problem.remove("instance");
        assertThat(String.valueOf(problem))
                .doesNotContain(MARKER)
                .doesNotContain("99999")
                .doesNotContain("Exception");
    }

    @Test
    void hostileAndOutOfRangeParametersAreRefusedWithoutAnEcho() {
        assertRefusedWithoutEcho(call(HttpMethod.GET, "/simulator/accumulators/M1/99999", null));
        assertRefusedWithoutEcho(call(HttpMethod.GET, "/simulator/accumulators/M1/2026.5", null));
        assertRefusedWithoutEcho(call(HttpMethod.GET, "/simulator/accumulators/M1/" + MARKER, null));
        assertRefusedWithoutEcho(call(HttpMethod.GET, "/simulator/accumulators/" + MARKER + "%3Cb%3E/2026", null));
        assertRefusedWithoutEcho(
                call(HttpMethod.GET, "/simulator/accumulators/" + MARKER + "x".repeat(200) + "/2026", null));
        assertRefusedWithoutEcho(call(HttpMethod.GET, "/x12/responses?submitter=" + MARKER + "%27%20OR%201=1", null));
        assertRefusedWithoutEcho(call(HttpMethod.GET, "/x12/responses/" + MARKER + "%3Cscript%3E", null));
        assertRefusedWithoutEcho(call(HttpMethod.POST, "/x12/responses/" + MARKER + "%3Cscript%3E/ack", null));
    }

    /** All six knobs (the simulator takes no fewer), with the values under test as JSON text. */
    static String faults(String latencyMillis, String errorRate, String outage) {
        return "{\"latencyMillis\":" + latencyMillis + ",\"errorRate\":" + errorRate + ",\"seed\":7,\"outage\":"
                + outage + ",\"malformed835\":false,\"unbalanced835\":false}";
    }

    @Test
    void faultSettingsOutOfRangeOrOfTheWrongTypeAreRefusedAndChangeNothing() {
        assertRefusedWithoutEcho(call(HttpMethod.PUT, "/simulator/faults", faults("999999999999", "0", "false")));
        assertRefusedWithoutEcho(call(HttpMethod.PUT, "/simulator/faults", faults("-5", "0", "false")));
        assertRefusedWithoutEcho(call(HttpMethod.PUT, "/simulator/faults", faults("0", "1.5", "false")));
        assertRefusedWithoutEcho(call(HttpMethod.PUT, "/simulator/faults", faults("0", "-0.5", "false")));
        assertRefusedWithoutEcho(call(HttpMethod.PUT, "/simulator/faults", faults("\"" + MARKER + "\"", "0", "false")));
        assertRefusedWithoutEcho(call(HttpMethod.PUT, "/simulator/faults", faults("2.5", "0", "false")));
        assertRefusedWithoutEcho(call(HttpMethod.PUT, "/simulator/faults", faults("0", "0", "\"" + MARKER + "\"")));
        assertThat(faults.settings().latencyMillis()).isZero();
        assertThat(faults.outage()).isFalse();

        ResponseEntity<Map<String, Object>> fine =
                call(HttpMethod.PUT, "/simulator/faults", faults("5", "0.25", "false"));
        assertThat(fine.getStatusCode().value()).isEqualTo(200);
        assertThat(fine.getBody()).containsEntry("latencyMillis", 5).containsEntry("errorRate", 0.25);
    }
}
