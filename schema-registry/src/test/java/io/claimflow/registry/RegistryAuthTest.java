package io.claimflow.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Issue 19, item 11: the registry listens on loopback unless told otherwise, and with
 * {@code SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO} lets in only clients sending those credentials (Confluent's
 * {@code basic.auth.user.info}).
 */
class RegistryAuthTest {

    private static EmbeddedKafkaKraftBroker broker;
    private static SchemaRegistryServer open;
    private static SchemaRegistryServer secured;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.afterPropertiesSet();
        open = SchemaRegistryServer.start(broker.getBrokersAsString(), 0, "_schemas_open");
        secured = SchemaRegistryServer.start(
                broker.getBrokersAsString(),
                0,
                "_schemas_secured",
                new SchemaRegistryServer.Options(null, "claimflow:registry-s3cret"));
    }

    @AfterAll
    static void stop() {
        for (SchemaRegistryServer server : new SchemaRegistryServer[] {open, secured}) {
            if (server != null) {
                server.close();
            }
        }
        if (broker != null) {
            broker.destroy();
        }
    }

    static HttpResponse<String> get(SchemaRegistryServer server, String userInfo) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + "/subjects"));
        if (userInfo != null) {
            request.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void listensOnLoopbackByDefault() {
        assertThat(open.address().getAddress().isLoopbackAddress()).isTrue();
        assertThat(secured.address().getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void withCredentialsConfiguredEveryRequestNeedsThem() throws Exception {
        HttpResponse<String> none = get(secured, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(none.body()).contains("\"error_code\":401").doesNotContain("s3cret");
        assertThat(get(secured, "claimflow:wrong").statusCode()).isEqualTo(401);
        assertThat(get(secured, "someone:registry-s3cret").statusCode()).isEqualTo(401);
        assertThat(get(secured, "claimflow:registry-s3cret").statusCode()).isEqualTo(200);
        assertThat(get(open, null).statusCode()).isEqualTo(200);
    }
}
