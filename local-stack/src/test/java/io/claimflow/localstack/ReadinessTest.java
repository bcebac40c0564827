package io.claimflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What counts as ready over HTTP: a 200, and for a service's health a body saying UP. */
class ReadinessTest {

    private HttpServer server;
    private String base;
    private final Readiness readiness = new Readiness(
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(), () -> false);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        answer("/up", 200, "{\"status\":\"UP\"}");
        answer("/down", 200, "{\"status\":\"DOWN\"}");
        answer("/error", 503, "{\"status\":\"UP\"}");
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void answer(String path, int status, String body) {
        server.createContext(path, exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void healthNeedsA200SayingUpAndAPlainCheckOnlyThe200() {
        assertThat(readiness.httpOk(base + "/up", true)).isTrue();
        assertThat(readiness.httpOk(base + "/down", true)).isFalse();
        assertThat(readiness.httpOk(base + "/down", false)).isTrue();
        assertThat(readiness.httpOk(base + "/error", true)).isFalse();
        assertThat(readiness.httpOk("http://127.0.0.1:" + freePort() + "/up", false))
                .isFalse();
    }

    private static int freePort() {
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
