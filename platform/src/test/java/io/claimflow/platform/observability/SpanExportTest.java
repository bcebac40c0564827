package io.claimflow.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration;
import org.springframework.boot.micrometer.tracing.brave.autoconfigure.zipkin.ZipkinWithBraveTracingAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.zipkin.autoconfigure.ZipkinAutoConfiguration;

/**
 * The span export the platform brings along but leaves off: with {@code management.tracing.export.zipkin.enabled}
 * and an endpoint, finished spans reach the collector (a local HTTP server standing in for one). Boot's
 * auto-configurations on the platform's classpath, without the rest of the platform (no Kafka, no database).
 */
class SpanExportTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    ObservationAutoConfiguration.class,
                    MicrometerTracingAutoConfiguration.class,
                    BraveAutoConfiguration.class,
                    ZipkinAutoConfiguration.class,
                    ZipkinWithBraveTracingAutoConfiguration.class))
            .withPropertyValues("management.tracing.sampling.probability=1.0");

    @Test
    void spansReachTheCollectorWhenExportIsSwitchedOn() throws IOException, InterruptedException {
        BlockingQueue<String> posted = new LinkedBlockingQueue<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/api/v2/spans", exchange -> {
            posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        collector.start();
        try {
            runner.withPropertyValues(
                            "management.tracing.export.zipkin.enabled=true",
                            "management.tracing.export.zipkin.endpoint=http://127.0.0.1:"
                                    + collector.getAddress().getPort() + "/api/v2/spans")
                    .run(context -> {
                        Observation.createNotStarted(
                                        "claimflow.export.check", context.getBean(ObservationRegistry.class))
                                .observe(() -> {});
                        // The reporter sends in the background, about once a second.
                        String body = posted.poll(30, TimeUnit.SECONDS);
                        assertThat(body).isNotNull().contains("claimflow.export.check");
                    });
        } finally {
            collector.stop(0);
        }
    }

    @Test
    void nothingIsExportedByDefault() {
        runner.withPropertyValues("management.tracing.export.zipkin.enabled=false")
                .run(context ->
                        assertThat(context).doesNotHaveBean(zipkin2.reporter.brave.AsyncZipkinSpanHandler.class));
    }
}
